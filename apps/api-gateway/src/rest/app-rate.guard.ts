import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { PLATFORM_LOGGER, REDIS } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { ApiGatewayCacheKeys } from '../api-gateway.cache-keys';

interface PendingCount {
  key: string;
  limit: number;
  waiters: ((over: boolean) => void)[];
}

/**
 * Per-app request rate, shared by every api-gateway instance through Redis: a counter per app
 * and second. The requests of one event-loop turn for the same app count with one INCRBY (the
 * n-th of them sees the counter as it was plus n), so a busy edge does not pay a Redis round
 * trip per request. When Redis does not answer the edge lets requests through (logged) rather
 * than refuse every app.
 */
@Injectable()
export class AppRateLimiter {
  private lastWarning = 0;
  private pending = new Map<string, PendingCount>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** Counts one request; true when the app is over `limitPerSecond` in this second. */
  isOverLimit(sdkAppId: number, limitPerSecond: number, nowMs = Date.now()): Promise<boolean> {
    const key = ApiGatewayCacheKeys.rate(sdkAppId, Math.floor(nowMs / 1000));
    return new Promise((resolve) => {
      let entry = this.pending.get(key);
      if (!entry) {
        if (this.pending.size === 0) setImmediate(() => void this.flush(nowMs));
        this.pending.set(key, (entry = { key, limit: limitPerSecond, waiters: [] }));
      }
      entry.waiters.push(resolve);
    });
  }

  private async flush(nowMs: number): Promise<void> {
    const entries = [...this.pending.values()];
    this.pending = new Map();
    const pipeline = this.redis.pipeline();
    for (const e of entries) pipeline.incrby(e.key, e.waiters.length).expire(e.key, 2);
    let results: [Error | null, unknown][] | null = null;
    try {
      results = await pipeline.exec();
    } catch (err) {
      this.warn(err, nowMs);
    }
    entries.forEach((e, i) => {
      const [err, value] = results?.[i * 2] ?? [new Error('no answer'), 0];
      if (err) this.warn(err, nowMs);
      const total = err ? 0 : Number(value);
      const before = total - e.waiters.length;
      e.waiters.forEach((resolve, n) => resolve(!err && before + n + 1 > e.limit));
    });
  }

  private warn(err: unknown, nowMs: number): void {
    if (nowMs - this.lastWarning > 10_000) {
      this.lastWarning = nowMs;
      this.logger.warn(
        { err: (err as Error).message },
        'rate limit not enforced: redis unavailable',
      );
    }
  }
}
