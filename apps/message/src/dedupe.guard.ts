import { setTimeout as sleep } from 'node:timers/promises';

import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import type { SendMessageReply } from '@im/contracts';
import { REDIS } from '@im/platform';

import { MessageCacheKeys } from './message.cache-keys';
import { SeqAllocator } from './seq-allocator.store';
import { MESSAGE_TUNING } from './message.tokens';
import type { MessageTuning } from './message-tuning.config';

const PENDING = 'pending';
const POLL_MS = 20;
const WAIT_MS = 5000;

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
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(MESSAGE_TUNING) private readonly tuning: MessageTuning,
    private readonly seqs: SeqAllocator,
  ) {}

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
   * The answer of the first send, for its repeats. Never throws: the message is stored, and a
   * repeat Redis cannot answer is caught by the database's unique index.
   */
  async settle(sdkAppId: number, convId: string, dedupeKey: string, reply: SendMessageReply) {
    await this.redis
      .set(
        MessageCacheKeys.dedupe(sdkAppId, convId, dedupeKey),
        JSON.stringify({ ...reply, isDuplicate: false }),
        'EX',
        this.tuning.dedupeTtlSeconds,
      )
      .catch(() => undefined);
  }

  /** The first send failed: a repeat may try again. */
  async release(sdkAppId: number, convId: string, dedupeKey: string): Promise<void> {
    await this.redis.del(MessageCacheKeys.dedupe(sdkAppId, convId, dedupeKey));
  }
}
