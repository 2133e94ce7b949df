import { Inject, Injectable } from '@nestjs/common';

import { SnsTags } from '@im/contracts';
import { EventOutbox, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { RelationDb, RelationTx } from './relation.db';
import { RelationCache } from './relation.cache';
import { RelationRepository } from './relation.repository';
import { isSnsCustomTag } from './relation.rules';
import type { SequenceKind, UserSequences } from './relation.repository';
import { RELATION_DB } from './relation.tokens';

/** What a transaction changed: whose sequences move and whose cached sets go. */
export class ChangeSet {
  readonly sequences = new Map<string, Set<SequenceKind>>();
  readonly friendSets = new Set<string>();
  readonly blacklistSets = new Set<string>();
  /** Sequences after the bump, filled in at the end of the transaction. */
  readonly after = new Map<string, UserSequences>();

  /** Friends of `userId` were added or removed: standard and custom data change. */
  friendListChanged(userId: string): void {
    this.touch(userId, 'standard', 'custom');
    this.friendSets.add(userId);
  }

  touch(userId: string, ...kinds: SequenceKind[]): void {
    const set = this.sequences.get(userId) ?? new Set<SequenceKind>();
    for (const k of kinds) set.add(k);
    this.sequences.set(userId, set);
  }

  /** Fields of `userId`'s friends changed: the parts of the changed tags move. */
  friendFieldsChanged(userId: string, tags: ReadonlySet<string>): void {
    if ([...tags].some((t) => !isSnsCustomTag(t))) this.touch(userId, 'standard');
    if ([...tags].some(isSnsCustomTag)) this.touch(userId, 'custom');
    if (tags.has(SnsTags.Group)) this.touch(userId, 'list');
  }

  blacklistChanged(userId: string): void {
    this.touch(userId, 'blacklist');
    this.blacklistSets.add(userId);
  }
}

/** SQLSTATEs worth one more try: deadlock detected, serialization failure, unique violation. */
const RETRYABLE = new Set(['40P01', '40001', '23505']);
const ATTEMPTS = 4;

function sqlState(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.length === 5) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Runs a change of relation data: one transaction in which the work locks the users it
 * touches (RelationRepository.lockUsers), changes rows and stages its events; then the
 * sequences of the touched users move, and after the commit their cached sets are dropped and
 * the outbox publishes. A deadlock or a lost race is retried with the whole work.
 */
@Injectable()
export class RelationTransactions {
  constructor(
    private readonly users: RelationRepository,
    private readonly outbox: EventOutbox,
    private readonly cache: RelationCache,
    @Inject(RELATION_DB) private readonly db: RelationDb,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async run<T>(
    sdkAppId: number,
    work: (tx: RelationTx, changes: ChangeSet) => Promise<T>,
  ): Promise<{ result: T; changes: ChangeSet }> {
    for (let attempt = 1; ; attempt++) {
      const changes = new ChangeSet();
      try {
        const result = await this.outbox.commit(this.db, async (tx: RelationTx) => {
          const value = await work(tx, changes);
          const after = await this.users.bumpSequences(sdkAppId, changes.sequences, tx);
          for (const [userId, seq] of after) changes.after.set(userId, seq);
          return value;
        });
        await Promise.all([
          this.cache.invalidate('friends', sdkAppId, changes.friendSets),
          this.cache.invalidate('blacklist', sdkAppId, changes.blacklistSets),
        ]);
        return { result, changes };
      } catch (err) {
        const state = sqlState(err);
        if (!state || !RETRYABLE.has(state) || attempt >= ATTEMPTS) throw err;
        this.logger.info({ sqlState: state, attempt }, 'relation transaction retried');
      }
    }
  }
}
