import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import type { ChatMessage } from '@im/contracts';
import { REDIS } from '@im/platform';

import { MessageCacheKeys } from './message.cache-keys';
import { MESSAGE_TUNING } from './message.tokens';
import type { MessageTuning } from './message-tuning.config';

/**
 * The replay buffer of live rooms and broadcast groups (no roaming, docs/requirements.md §8.4):
 * their last messages by seq, for a reconnecting client to recover the last minutes.
 */
/**
 * Adds a message to the buffer and notes its `{seq, time}` under its (sender, random) key, in
 * one step; when that key is there already, adds nothing and returns what it holds.
 */
const ADD_ONCE = `
local seen = redis.call('GET', KEYS[2])
if seen then return seen end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[3]) + 1))
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('SET', KEYS[2], ARGV[5], 'EX', ARGV[4])
return false
`;

type RoomRedis = Redis & {
  roomAddOnce(
    bufferKey: string,
    sentKey: string,
    seq: number,
    message: string,
    max: number,
    ttl: number,
    sent: string,
  ): Promise<string | null>;
};

@Injectable()
export class RoomBuffer {
  private readonly redis: RoomRedis;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(MESSAGE_TUNING) private readonly tuning: MessageTuning,
  ) {
    redis.defineCommand('roomAddOnce', { numberOfKeys: 2, lua: ADD_ONCE });
    this.redis = redis as RoomRedis;
  }

  /**
   * Adds a sent message unless the same (sender, random) was added within the replay window:
   * then nothing is added and the earlier `{seq, time}` is returned (a retry whose first try
   * was stored by a process that died before it could answer).
   */
  async addOnce(
    sdkAppId: number,
    groupId: string,
    message: ChatMessage,
    dedupeKey: string,
  ): Promise<{ seq: number; time: number } | undefined> {
    const seen = await this.redis.roomAddOnce(
      MessageCacheKeys.room(sdkAppId, groupId),
      MessageCacheKeys.roomSent(sdkAppId, groupId, dedupeKey),
      message.seq,
      JSON.stringify(message),
      this.tuning.roomReplayMax,
      this.tuning.roomReplaySeconds,
      JSON.stringify({ seq: message.seq, time: message.time }),
    );
    return seen ? (JSON.parse(seen) as { seq: number; time: number }) : undefined;
  }

  /** Messages from `fromSeq` on (asc) or back (desc), no older than the replay window. */
  async range(
    sdkAppId: number,
    groupId: string,
    fromSeq: number,
    order: 'asc' | 'desc',
    limit: number,
  ): Promise<ChatMessage[]> {
    const key = MessageCacheKeys.room(sdkAppId, groupId);
    const raw =
      order === 'asc'
        ? await this.redis.zrangebyscore(key, fromSeq, '+inf', 'LIMIT', 0, limit)
        : await this.redis.zrevrangebyscore(key, fromSeq, '-inf', 'LIMIT', 0, limit);
    const oldest = Math.floor(Date.now() / 1000) - this.tuning.roomReplaySeconds;
    return raw.map((r) => JSON.parse(r) as ChatMessage).filter((m) => m.time >= oldest);
  }

  /** Replaces a buffered message (recall); false when it is not there. */
  async replace(sdkAppId: number, groupId: string, message: ChatMessage): Promise<boolean> {
    const key = MessageCacheKeys.room(sdkAppId, groupId);
    const removed = await this.redis.zremrangebyscore(key, message.seq, message.seq);
    if (removed === 0) return false;
    await this.redis.zadd(key, message.seq, JSON.stringify(message));
    return true;
  }

  async find(sdkAppId: number, groupId: string, seq: number): Promise<ChatMessage | undefined> {
    const [raw] = await this.redis.zrangebyscore(
      MessageCacheKeys.room(sdkAppId, groupId),
      seq,
      seq,
    );
    return raw ? (JSON.parse(raw) as ChatMessage) : undefined;
  }
}
