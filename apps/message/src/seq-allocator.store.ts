import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { PLATFORM_LOGGER, REDIS } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { MessageCacheKeys } from './message.cache-keys';
import { MESSAGE_TUNING } from './message.tokens';
import type { MessageTuning } from './message-tuning.config';
import { SeqRepository } from './seq.repository';

/**
 * Takes seqs under the mark: `{first, low}`; first = -1 when the counter is missing or was set
 * up under another Redis run (a restart, or an old file reloaded), -2 when the mark is reached.
 */
const TAKE = `
local cur = redis.call('HGET', KEYS[1], 'cur')
local hwm = redis.call('HGET', KEYS[1], 'hwm')
local rid = redis.call('HGET', KEYS[1], 'rid')
if (not cur) or (not hwm) or rid ~= ARGV[2] then return {-1, 0} end
cur = tonumber(cur)
hwm = tonumber(hwm)
local n = tonumber(ARGV[1])
if cur + n > hwm then return {-2, 0} end
redis.call('HSET', KEYS[1], 'cur', cur + n)
redis.call('EXPIRE', KEYS[1], ARGV[3])
local low = 0
if hwm - (cur + n) < tonumber(ARGV[4]) then low = 1 end
return {cur + 1, low}
`;

/**
 * After the mark was raised in PostgreSQL: a live counter of this run learns the new mark; a
 * missing or stale one restarts from the mark before the raise (skipping, never reusing).
 */
const APPLY = `
local hwm = redis.call('HGET', KEYS[1], 'hwm')
local rid = redis.call('HGET', KEYS[1], 'rid')
if hwm and rid == ARGV[3] then
  if tonumber(ARGV[2]) > tonumber(hwm) then redis.call('HSET', KEYS[1], 'hwm', ARGV[2]) end
else
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'cur', ARGV[1], 'hwm', ARGV[2], 'rid', ARGV[3])
end
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
`;

type SeqRedis = Redis & {
  seqTake(key: string, n: number, rid: string, ttl: number, low: number): Promise<[number, number]>;
  seqApply(key: string, start: number, hwm: number, rid: string, ttl: number): Promise<number>;
};

const MAX_ROUNDS = 1000;

/**
 * Gap-free seqs per conversation from Redis, backed by the durable high-water mark in
 * PostgreSQL (ADR 0004). Counters carry the Redis `run_id` that set them up, so a counter
 * that survived a restart (an append-only file replayed without its last writes) is never
 * trusted: it restarts from the mark. Raises are single-flight per conversation and instance,
 * and start in the background when less than half a block is left.
 */
@Injectable()
export class SeqAllocator implements OnApplicationBootstrap {
  private readonly redis: SeqRedis;
  private runId?: Promise<string>;
  private readonly raising = new Map<string, Promise<void>>();
  /** Seqs wanted by the callers in `allocate` now, per counter: a raise covers them all. */
  private readonly demand = new Map<string, number>();

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly marks: SeqRepository,
    @Inject(MESSAGE_TUNING) private readonly tuning: MessageTuning,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {
    redis.defineCommand('seqTake', { numberOfKeys: 1, lua: TAKE });
    redis.defineCommand('seqApply', { numberOfKeys: 1, lua: APPLY });
    this.redis = redis as SeqRedis;
  }

  onApplicationBootstrap(): void {
    // A new connection may be a new Redis: learn its run id before trusting any counter.
    this.redis.on('ready', () => {
      this.runId = undefined;
    });
  }

  /** Takes `count` consecutive seqs of a conversation; resolves with the first. */
  async allocate(sdkAppId: number, convId: string, count = 1): Promise<number> {
    const key = MessageCacheKeys.seq(sdkAppId, convId);
    this.demand.set(key, (this.demand.get(key) ?? 0) + count);
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const rid = await this.currentRunId();
        const [first, low] = await this.redis.seqTake(
          key,
          count,
          rid,
          this.tuning.seqTtlSeconds,
          Math.ceil(this.tuning.seqBlock / 2),
        );
        if (first > 0) {
          if (low === 1 && !this.raising.has(key))
            this.raise(sdkAppId, convId, key).catch((err: unknown) =>
              this.logger.warn({ err: (err as Error).message, convId }, 'seq pre-raise failed'),
            );
          return first;
        }
        await this.raise(sdkAppId, convId, key);
      }
    } finally {
      const left = (this.demand.get(key) ?? count) - count;
      if (left > 0) this.demand.set(key, left);
      else this.demand.delete(key);
    }
    throw new Error(`seq allocation for ${convId} did not converge`);
  }

  /**
   * Raises the mark, once at a time per conversation, by a block or by what the callers
   * waiting now want, whichever is more.
   */
  private raise(sdkAppId: number, convId: string, key: string): Promise<void> {
    const current = this.raising.get(key);
    if (current) return current;
    const done = (async () => {
      const amount = Math.max(this.tuning.seqBlock, this.demand.get(key) ?? 0);
      const { before, after } = await this.marks.raise(sdkAppId, convId, amount);
      const rid = await this.currentRunId();
      await this.redis.seqApply(key, before, after, rid, this.tuning.seqTtlSeconds);
    })().finally(() => this.raising.delete(key));
    this.raising.set(key, done);
    return done;
  }

  private currentRunId(): Promise<string> {
    this.runId ??= this.redis.info('server').then(
      (info) => {
        const match = /run_id:([0-9a-f]+)/.exec(info);
        if (!match) throw new Error('redis INFO has no run_id');
        return match[1];
      },
      (err: unknown) => {
        this.runId = undefined;
        throw err;
      },
    );
    return this.runId;
  }
}
