import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { ErrorCode } from '@im/contracts';
import { REDIS } from '@im/platform';

import { PushCacheKeys } from './push.cache-keys';
import { PushError } from './push.errors';

/**
 * Per-app push rate limits (PSH-11, AMB-46): at most one push per `minIntervalSeconds`
 * (90024) and `dailyLimit` pushes per UTC day (90047). Both are counted in Redis only for
 * pushes that pass; a refused push uses up nothing.
 */
@Injectable()
export class PushRateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async acquire(
    sdkAppId: number,
    limits: { minIntervalSeconds: number; dailyLimit: number },
    now = new Date(),
  ): Promise<void> {
    const intervalKey = PushCacheKeys.interval(sdkAppId);
    if (limits.minIntervalSeconds > 0) {
      const set = await this.redis.set(intervalKey, '1', 'EX', limits.minIntervalSeconds, 'NX');
      if (set !== 'OK')
        throw new PushError(
          ErrorCode.PushTooFrequent,
          `one push per ${limits.minIntervalSeconds} s for this app; retry later`,
        );
    }
    const dailyKey = PushCacheKeys.daily(sdkAppId, utcDay(now));
    const [[, count]] = (await this.redis
      .multi()
      .incr(dailyKey)
      .expire(dailyKey, 2 * 86_400)
      .exec()) as [[Error | null, number], [Error | null, number]];
    if (count > limits.dailyLimit) {
      await this.redis.decr(dailyKey);
      if (limits.minIntervalSeconds > 0) await this.redis.del(intervalKey);
      throw new PushError(
        ErrorCode.PushDailyQuotaExceeded,
        `the app's ${limits.dailyLimit} pushes of today are used up`,
      );
    }
  }
}

/** `YYYYMMDD` of a time in UTC. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10).replaceAll('-', '');
}
