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
@Injectable()
export class RoomBuffer {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(MESSAGE_TUNING) private readonly tuning: MessageTuning,
  ) {}

  async add(sdkAppId: number, groupId: string, message: ChatMessage): Promise<void> {
    const key = MessageCacheKeys.room(sdkAppId, groupId);
    await this.redis
      .multi()
      .zadd(key, message.seq, JSON.stringify(message))
      .zremrangebyrank(key, 0, -(this.tuning.roomReplayMax + 1))
      .expire(key, this.tuning.roomReplaySeconds)
      .exec();
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
