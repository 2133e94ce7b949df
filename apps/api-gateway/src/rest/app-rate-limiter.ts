import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { PLATFORM_LOGGER, REDIS } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { ApiGatewayCacheKeys } from '../api-gateway.cache-keys';

/**
 * Per-app request rate, shared by every api-gateway instance through Redis: a counter per app
 * and second. When Redis does not answer the edge lets requests through (logged) rather than
 * refuse every app.
 */
@Injectable()
export class AppRateLimiter {
  private lastWarning = 0;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** Counts one request; true when the app is over `limitPerSecond` in this second. */
  async isOverLimit(
    sdkAppId: number,
    limitPerSecond: number,
    nowMs = Date.now(),
  ): Promise<boolean> {
    const key = ApiGatewayCacheKeys.rate(sdkAppId, Math.floor(nowMs / 1000));
    try {
      const results = await this.redis.multi().incr(key).expire(key, 2).exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      return count > limitPerSecond;
    } catch (err) {
      if (nowMs - this.lastWarning > 10_000) {
        this.lastWarning = nowMs;
        this.logger.warn(
          { err: (err as Error).message },
          'rate limit not enforced: redis unavailable',
        );
      }
      return false;
    }
  }
}
