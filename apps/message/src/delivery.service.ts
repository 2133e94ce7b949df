import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';

import { ConnEvt, ConnSubjects, pushOf } from '@im/contracts';
import type {
  DeliveryItem,
  PresenceSession,
  Push,
  PushCommand,
  PushData,
  PushDataOf,
} from '@im/contracts';
import { liveSessions, NatsBus, PresenceReader, TtlCache } from '@im/platform';

import { MESSAGE_TUNING } from './message.tokens';
import type { MessageTuning } from './message-tuning.config';

/** One push to one user's sessions (all of them, or all but `exceptConnId`). */
export type PushTarget = {
  sdkAppId: number;
  userId: string;
  exceptConnId?: string;
} & Push;

/**
 * Sessions a caller read from Redis itself (by `app|user`), with the login mark taken before
 * the read (`DeliveryService.uncached`): they are cached unless a login was heard since.
 */
export interface ReadSessions {
  sessions: Map<string, PresenceSession[]>;
  mark: number;
}

/** Overhead of one delivery item around its data, in bytes of JSON (estimate). */
const ITEM_OVERHEAD = 160;

/** One `DeliveryBatch` being built for a node: object data is carried once, as a payload. */
interface Chunk {
  items: DeliveryItem[];
  payloads: PushData[];
  refs: Map<PushData, number>;
  bytes: number;
}

/**
 * Delivery after the commit (ADR 0004): the recipients' live sessions come from the presence
 * hashes (`conn:{app}:sessions:{user}`, expired entries ignored), and each gateway node gets
 * one `DeliveryBatch` on `conn.deliver.<nodeId>` per call (split when very large), where the
 * data items share — a group message to all its members — travels once (`payloads`, `ref`).
 * Live rooms get one `RoomDelivery` on `conn.room.<app>.<groupId>` whatever their size.
 *
 * The presence cache forgets a user as soon as a gateway says it logged in
 * (`conn.evt.session-opened`, heard by every instance): a client that just logged in is pushed
 * what comes next at once, not only after the cache entry ages out.
 */
@Injectable()
export class DeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sessionCache: TtlCache<string, PresenceSession[]>;
  private readonly sizes = new WeakMap<object, number>();
  /** Bumped by every login heard: a lookup that overlapped one is not cached. */
  private loginEpoch = 0;
  private loginSubscription?: Subscription;

  constructor(
    private readonly presence: PresenceReader,
    private readonly bus: NatsBus,
    @Inject(MESSAGE_TUNING) private readonly tuning: MessageTuning,
  ) {
    this.sessionCache = new TtlCache(tuning.presenceCacheMs, 200_000);
  }

  onApplicationBootstrap(): void {
    this.loginSubscription = this.bus.subscribe(ConnEvt.SessionOpened, (event) =>
      this.forgetPresence(event.sdkAppId, event.userId),
    );
  }

  onApplicationShutdown(): void {
    this.loginSubscription?.unsubscribe();
    this.loginSubscription = undefined;
  }

  /** Drops a user's cached sessions (a login: the next push reads Redis). */
  forgetPresence(sdkAppId: number, userId: string): void {
    this.loginEpoch++;
    this.sessionCache.delete(`${sdkAppId}|${userId}`);
  }

  /**
   * Pushes to the targets' live sessions, one batch per node. Resolves with the users (as
   * `app|user`) that have a live session in the foreground (`Online`): the others need an
   * offline push. `recorded`: sessions the caller read from Redis just now.
   */
  async push(targets: PushTarget[], recorded?: ReadSessions): Promise<Set<string>> {
    const online = new Set<string>();
    if (targets.length === 0) return online;
    const sessions = await this.sessionsOf(
      targets.map((t) => [t.sdkAppId, t.userId]),
      recorded,
    );
    const byNode = new Map<string, Chunk[]>();
    for (const target of targets) {
      const key = `${target.sdkAppId}|${target.userId}`;
      const live = sessions.get(key) ?? [];
      if (live.some((s) => s.status === 'Online')) online.add(key);
      const nodes = new Set(
        live.filter((s) => s.connId !== target.exceptConnId).map((s) => s.nodeId),
      );
      if (nodes.size === 0) continue;
      const dataSize = this.sizeOf(target.data);
      const shareable = typeof target.data === 'object' && target.data !== null;
      for (const nodeId of nodes) {
        const chunks = byNode.get(nodeId) ?? [];
        let last = chunks[chunks.length - 1];
        const added = ITEM_OVERHEAD + (shareable && last?.refs.has(target.data) ? 0 : dataSize);
        if (!last || (last.bytes + added > this.tuning.deliveryBatchBytes && last.items.length)) {
          last = { items: [], payloads: [], refs: new Map(), bytes: 0 };
          chunks.push(last);
        }
        const item: DeliveryItem = {
          sdkAppId: target.sdkAppId,
          userId: target.userId,
          cmd: target.cmd,
        };
        if (shareable) {
          // Every item of the batch that pushes the same object refers to one copy of it.
          let ref = last.refs.get(target.data);
          if (ref === undefined) {
            ref = last.payloads.push(target.data) - 1;
            last.refs.set(target.data, ref);
            last.bytes += dataSize;
          }
          item.ref = ref;
        } else {
          item.data = target.data;
          last.bytes += dataSize;
        }
        if (target.exceptConnId) item.exceptConnId = target.exceptConnId;
        last.items.push(item);
        last.bytes += ITEM_OVERHEAD;
        byNode.set(nodeId, chunks);
      }
    }
    for (const [nodeId, chunks] of byNode)
      for (const chunk of chunks)
        this.bus.publishDirect(ConnSubjects.deliver(nodeId), {
          items: chunk.items,
          ...(chunk.payloads.length && { payloads: chunk.payloads }),
        });
    return online;
  }

  /** One publish to every gateway holding a session in the room. */
  publishRoom<C extends PushCommand>(
    sdkAppId: number,
    groupId: string,
    cmd: C,
    data: PushDataOf<C>,
  ): void {
    this.bus.publishDirect(ConnSubjects.room(sdkAppId, groupId), pushOf(cmd, data));
  }

  /**
   * The users (of `users`) whose sessions are not cached: a caller reading Redis anyway may
   * read theirs in the same round trip and pass them to `push`.
   */
  uncached(users: [number, string][]): { users: [number, string][]; mark: number } {
    return {
      users: users.filter(([sdkAppId, userId]) => !this.sessionCache.get(`${sdkAppId}|${userId}`)),
      mark: this.loginEpoch,
    };
  }

  /**
   * Live sessions of users (`[app, user]`), by `app|user`; cached very briefly. `recorded`:
   * sessions read just now by the caller, used as they are (and cached as a read here is).
   */
  async sessionsOf(
    users: [number, string][],
    recorded?: ReadSessions,
  ): Promise<Map<string, PresenceSession[]>> {
    const result = new Map<string, PresenceSession[]>();
    const ask: [number, string][] = [];
    for (const [sdkAppId, userId] of users) {
      const key = `${sdkAppId}|${userId}`;
      if (result.has(key)) continue;
      const read = recorded?.sessions.get(key);
      if (read && recorded?.mark === this.loginEpoch) this.sessionCache.set(key, read);
      const hit = read ?? this.sessionCache.get(key);
      if (hit) result.set(key, hit);
      else {
        result.set(key, []);
        ask.push([sdkAppId, userId]);
      }
    }
    if (ask.length === 0) return this.live(result);
    const epoch = this.loginEpoch;
    const read = await this.presence.recorded(ask);
    ask.forEach(([sdkAppId, userId], i) => {
      const key = `${sdkAppId}|${userId}`;
      if (epoch === this.loginEpoch) this.sessionCache.set(key, read[i]);
      result.set(key, read[i]);
    });
    return this.live(result);
  }

  private live(all: Map<string, PresenceSession[]>): Map<string, PresenceSession[]> {
    const now = Date.now();
    for (const [key, list] of all) all.set(key, liveSessions(list, now));
    return all;
  }

  private sizeOf(data: PushData): number {
    if (typeof data !== 'object' || data === null) return JSON.stringify(data ?? null).length;
    let size = this.sizes.get(data);
    if (size === undefined) {
      size = JSON.stringify(data).length;
      this.sizes.set(data, size);
    }
    return size;
  }
}
