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

/**
 * A send's de-duplication claim and its seq in one round trip: `{0, value}` when the claim key
 * is there already (`value`: "pending", a settled answer, or nil when it just went), else the
 * key is claimed for ARGV[2] ms and one seq is taken as TAKE does: `{1, first, low}` (first
 * -1 / -2: take it the slow way, the claim holds).
 */
const CLAIM_TAKE = `
if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  return {0, redis.call('GET', KEYS[1])}
end
local cur = redis.call('HGET', KEYS[2], 'cur')
local hwm = redis.call('HGET', KEYS[2], 'hwm')
local rid = redis.call('HGET', KEYS[2], 'rid')
if (not cur) or (not hwm) or rid ~= ARGV[3] then return {1, -1, 0} end
cur = tonumber(cur)
hwm = tonumber(hwm)
if cur + 1 > hwm then return {1, -2, 0} end
redis.call('HSET', KEYS[2], 'cur', cur + 1)
redis.call('EXPIRE', KEYS[2], ARGV[4])
local low = 0
if hwm - (cur + 1) < tonumber(ARGV[5]) then low = 1 end
return {1, cur + 1, low}
`;

/** What a claim with a seq found: claimed (with its seq when the fast path had one), or not. */
export type SeqClaim = { claimed: true; seq?: number } | { claimed: false; value: string | null };

type SeqRedis = Redis & {
  seqTake(key: string, n: number, rid: string, ttl: number, low: number): Promise<[number, number]>;
  seqClaimTake(
    claimKey: string,
    seqKey: string,
    pending: string,
    pendingMs: number,
    rid: string,
    ttl: number,
    low: number,
  ): Promise<[number, number | string | null, number?]>;
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
    redis.defineCommand('seqClaimTake', { numberOfKeys: 2, lua: CLAIM_TAKE });
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
   * Claims `claimKey` (set to `pending` for `pendingMs`, only when absent) and takes the
   * conversation's next seq in the same round trip. A claimed answer without `seq` means the
   * counter needs its mark raised first: the caller takes the seq with `allocate` (the claim
   * is held). Nothing is taken when the key was there.
   */
  async claimAndTake(
    sdkAppId: number,
    convId: string,
    claimKey: string,
    pending: string,
    pendingMs: number,
  ): Promise<SeqClaim> {
    const key = MessageCacheKeys.seq(sdkAppId, convId);
    const rid = await this.currentRunId();
    const [claimed, first, low] = await this.redis.seqClaimTake(
      claimKey,
      key,
      pending,
      pendingMs,
      rid,
      this.tuning.seqTtlSeconds,
      Math.ceil(this.tuning.seqBlock / 2),
    );
    if (claimed === 0) return { claimed: false, value: first === null ? null : String(first) };
    const seq = Number(first);
    if (seq <= 0) return { claimed: true };
    if (low === 1 && !this.raising.has(key))
      this.raise(sdkAppId, convId, key).catch((err: unknown) =>
        this.logger.warn({ err: (err as Error).message, convId }, 'seq pre-raise failed'),
      );
    return { claimed: true, seq };
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
