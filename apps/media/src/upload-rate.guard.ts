import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { PLATFORM_CONFIG, REDIS } from '@im/platform';

import { MediaCacheKeys } from './media.cache-keys';
import type { MediaConfig } from './media.config';

/** Uploads per user per minute (fixed window in Redis, shared by every media instance). */
@Injectable()
export class UploadRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PLATFORM_CONFIG) private readonly config: MediaConfig,
  ) {}

  /** Counts one upload; false when the user is over the limit of this minute. */
  async tryAcquire(sdkAppId: number, userId: string, nowMs = Date.now()): Promise<boolean> {
    const key = MediaCacheKeys.uploads(sdkAppId, userId, Math.floor(nowMs / 60_000));
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, 120).exec()) as [
      [Error | null, number],
      [Error | null, number],
    ];
    return count <= this.config.limits.uploadsPerMinute;
  }
}
