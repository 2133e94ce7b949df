import { setTimeout as sleep } from 'node:timers/promises';

import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { PresenceCacheKeys } from '@im/contracts';
import type { PresenceSession, SendMessageReply } from '@im/contracts';
import { parsePresenceSession, REDIS } from '@im/platform';
import type { AppUser } from '@im/platform';

import { MessageCacheKeys } from './message.cache-keys';
import { SeqAllocator } from './seq-allocator.store';
import { MESSAGE_TUNING } from './message.tokens';
import type { MessageTuning } from './message-tuning.config';

const PENDING = 'pending';
const POLL_MS = 20;
const WAIT_MS = 5000;

/**
 * Remembers a send's answer (KEYS[1] = ARGV[1] for ARGV[2] s) and reads the presence hashes
 * KEYS[2..] of the users its delivery goes to, in the same round trip.
 */
const SETTLE_READ = `
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
local out = {}
for i = 2, #KEYS do out[i - 1] = redis.call('HGETALL', KEYS[i]) end
return out
`;

type DedupeRedis = Redis & {
  dedupeSettleRead(...keysThenArgs: (string | number)[]): Promise<string[][]>;
};

/** Recorded sessions (expired ones included) by `app|user`, as PresenceReader reads them. */
export type RecordedSessions = Map<string, PresenceSession[]>;

/** The first send of a (conversation, sender, random) goes ahead; a repeat gets its answer. */
export type Claim = { first: true; seq?: number } | { first: false; reply: SendMessageReply };

/**
 * Remembers sends by (conversation, sender, random) in Redis (ADR 0004): the first claims the
 * key (for at most `WAIT_MS` until it settles), a concurrent repeat waits for its answer, a
 * later one gets it at once. The database's
 * unique index catches repeats Redis forgot (restart, TTL).
 */
@Injectable()
export class DedupeGuard {
  private readonly redis: DedupeRedis;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(MESSAGE_TUNING) private readonly tuning: MessageTuning,
    private readonly seqs: SeqAllocator,
  ) {
    redis.defineCommand('dedupeSettleRead', { lua: SETTLE_READ });
    this.redis = redis as DedupeRedis;
  }

  /**
   * Claims the send. With `takeSeq`, the conversation's next seq is taken in the same Redis
   * round trip when the claim succeeds (`seq`; absent when the counter needs a raise first,
   * or the wait ran out: the caller allocates it then).
   */
  async claim(
    sdkAppId: number,
    convId: string,
    dedupeKey: string,
    takeSeq = false,
  ): Promise<Claim> {
    const key = MessageCacheKeys.dedupe(sdkAppId, convId, dedupeKey);
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      // The pending mark lives only as long as a repeat would wait for it: a send whose
      // process died (kill -9) leaves a mark that no longer holds up its retry once the
      // process is back. `settle` keeps the answer for the whole dedupe TTL.
      let value: string | null;
      if (takeSeq) {
        const got = await this.seqs.claimAndTake(sdkAppId, convId, key, PENDING, WAIT_MS);
        if (got.claimed) return { first: true, seq: got.seq };
        value = got.value;
      } else {
        const set = await this.redis.set(key, PENDING, 'PX', WAIT_MS, 'NX');
        if (set === 'OK') return { first: true };
        value = await this.redis.get(key);
      }
      if (value !== null && value !== PENDING)
        return {
          first: false,
          reply: { ...(JSON.parse(value) as SendMessageReply), isDuplicate: true },
        };
      // Pending (the first is being stored) or just released (it failed): look again.
      if (Date.now() > deadline) return { first: true };
      await sleep(POLL_MS);
    }
  }

  /**
   * The answer of the first send, for its repeats; with `presenceOf`, the sessions recorded for
   * those users are read in the same round trip (by `app|user`; undefined when they could not
   * be read: delivery reads them itself). Never throws: the message is stored, and a repeat
   * Redis cannot answer is caught by the database's unique index.
   */
  async settle(
    sdkAppId: number,
    convId: string,
    dedupeKey: string,
    reply: SendMessageReply,
    presenceOf: readonly AppUser[] = [],
  ): Promise<RecordedSessions | undefined> {
    const key = MessageCacheKeys.dedupe(sdkAppId, convId, dedupeKey);
    const answer = JSON.stringify({ ...reply, isDuplicate: false });
    if (presenceOf.length === 0) {
      await this.redis.set(key, answer, 'EX', this.tuning.dedupeTtlSeconds).catch(() => undefined);
      return undefined;
    }
    const hashes = await this.redis
      .dedupeSettleRead(
        1 + presenceOf.length,
        key,
        ...presenceOf.map(([app, user]) => PresenceCacheKeys.sessions(app, user)),
        answer,
        this.tuning.dedupeTtlSeconds,
      )
      .catch(() => undefined);
    if (!hashes) return undefined;
    const sessions: RecordedSessions = new Map();
    presenceOf.forEach(([app, user], i) => {
      const flat = hashes[i] ?? [];
      const recorded: PresenceSession[] = [];
      // HGETALL's reply: field, value, field, value …
      for (let j = 1; j < flat.length; j += 2) {
        const session = parsePresenceSession(flat[j]);
        if (session) recorded.push(session);
      }
      sessions.set(`${app}|${user}`, recorded);
    });
    return sessions;
  }

  /** The first send failed: a repeat may try again. */
  async release(sdkAppId: number, convId: string, dedupeKey: string): Promise<void> {
    await this.redis.del(MessageCacheKeys.dedupe(sdkAppId, convId, dedupeKey));
  }
}
