import { Inject, Injectable } from '@nestjs/common';

import type { EventFact, EventOf, EventSubject } from '@im/contracts';
import { EventOutbox, NatsBus } from '@im/platform';

import type { GroupDb, GroupTx } from './group.db';
import { GroupError } from './group.errors';
import type { LoadedGroup } from './group-loader.service';
import { GroupRepository } from './group.repository';
import { GROUP_DB } from './group.tokens';
import { KeyedSerializer } from './keyed-serializer.util';

/** A fact of the group service with its app. */
export type GroupFact<S extends EventSubject> = EventFact<EventOf<S>> & { sdkAppId: number };

/**
 * How group changes are written and told: a transaction that stages its events in the outbox
 * (published after commit) for table-stored data, and a direct publish for room groups, whose
 * memberships live in Redis. Shared by the group, membership and member-info services.
 */
@Injectable()
export class GroupTransactions {
  private readonly writes = new KeyedSerializer();

  constructor(
    private readonly groups: GroupRepository,
    private readonly outbox: EventOutbox,
    private readonly bus: NatsBus,
    @Inject(GROUP_DB) private readonly db: GroupDb,
  ) {}

  /**
   * Runs a change and stages its events in one transaction; the outbox publishes after commit.
   * With `group`, queued behind this instance's other membership changes of that group first
   * (`KeyedSerializer`): they would all wait on the group row's lock, each holding a pooled
   * connection, so a burst of joins to one group would run the pool dry (10002).
   */
  commit<T>(
    work: (tx: GroupTx) => Promise<T>,
    group?: { sdkAppId: number; groupId: string },
  ): Promise<T> {
    const run = () => this.outbox.commit(this.db, work);
    return group ? this.writes.run(`${group.sdkAppId}:${group.groupId}`, run) : run();
  }

  /** Stages an event in the transaction (resolves to nothing, for `onAdded` hooks). */
  async stage<S extends EventSubject>(tx: GroupTx, subject: S, fact: GroupFact<S>): Promise<void> {
    await this.outbox.stage(tx, subject, fact);
  }

  /**
   * Publishes a fact of a room group (AVChatRoom/BChatRoom). Their memberships live in Redis,
   * not in a transaction, so the fact goes out right after the change (at most once), instead
   * of costing a PostgreSQL write per viewer; the reply does not wait for it.
   */
  emit<S extends EventSubject>(subject: S, fact: GroupFact<S>): Promise<void> {
    // `emit` never throws (a failure is logged); the reply does not wait for JetStream.
    void this.bus.emit(subject, fact);
    return Promise.resolve();
  }

  /** Publishes a fact and waits for JetStream to take it (room changes that are not hot). */
  async publish<S extends EventSubject>(subject: S, fact: GroupFact<S>): Promise<void> {
    await this.bus.emit(subject, fact);
  }

  /** Re-reads the group inside a transaction, holding its row lock. */
  async locked(tx: GroupTx, loaded: LoadedGroup): Promise<LoadedGroup> {
    const row = await this.groups.lockGroup(loaded.row.sdkAppId, loaded.row.groupId, tx);
    if (!row) throw GroupError.notFound(loaded.row.groupId);
    return { ...loaded, row };
  }
}
