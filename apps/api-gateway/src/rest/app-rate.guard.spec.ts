import type { Redis } from 'ioredis';

import { createLogger } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { ApiGatewayCacheKeys } from '../api-gateway.cache-keys';
import { AppRateLimiter } from './app-rate.guard';

/** The part of ioredis the limiter uses: a pipeline of INCRBY and EXPIRE, in memory. */
class FakeRedis {
  readonly counts = new Map<string, number>();
  readonly ttls = new Map<string, number>();
  failing = false;
  pipelines = 0;

  pipeline() {
    const ops: (() => [null, number])[] = [];
    const chain = {
      incrby: (key: string, by: number) => {
        ops.push(() => {
          const n = (this.counts.get(key) ?? 0) + by;
          this.counts.set(key, n);
          return [null, n];
        });
        return chain;
      },
      expire: (key: string, seconds: number) => {
        ops.push(() => {
          this.ttls.set(key, seconds);
          return [null, 1];
        });
        return chain;
      },
      exec: () => {
        this.pipelines++;
        return this.failing
          ? Promise.reject(new Error('connection refused'))
          : Promise.resolve(ops.map((op) => op()));
      },
    };
    return chain;
  }
}

const APP_A = 1_400_000_001;
const APP_B = 1_400_000_002;
const SECOND = 1_700_000_000_000;

describe(AppRateLimiter.name, () => {
  let redis: FakeRedis;
  let logger: PlatformLogger;
  let sut: AppRateLimiter;

  beforeEach(() => {
    redis = new FakeRedis();
    logger = createLogger('api-gateway', 'test', 'silent');
    sut = new AppRateLimiter(redis as unknown as Redis, logger);
  });

  async function calls(n: number, sdkAppId = APP_A, nowMs = SECOND): Promise<boolean[]> {
    const results: boolean[] = [];
    for (let i = 0; i < n; i++) results.push(await sut.isOverLimit(sdkAppId, 3, nowMs));
    return results;
  }

  it('lets the limit through and refuses the calls after it within one second', async () => {
    await expect(calls(5)).resolves.toEqual([false, false, false, true, true]);
  });

  it('counts the calls of one moment with one round trip, each seeing its own place', async () => {
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => sut.isOverLimit(APP_A, 3, SECOND)),
      sut.isOverLimit(APP_B, 3, SECOND),
    ]);

    expect(results).toEqual([false, false, false, true, true, false]);
    expect(redis.pipelines).toBe(1);
    expect(redis.counts.get(ApiGatewayCacheKeys.rate(APP_A, SECOND / 1000))).toBe(5);
    await expect(sut.isOverLimit(APP_A, 3, SECOND)).resolves.toBe(true);
  });

  it('counts each second on its own', async () => {
    await calls(3, APP_A, SECOND + 999);
    await expect(sut.isOverLimit(APP_A, 3, SECOND + 1000)).resolves.toBe(false);
  });

  it('counts each app on its own', async () => {
    await calls(4, APP_A);
    await expect(calls(3, APP_B)).resolves.toEqual([false, false, false]);
  });

  it('keeps the counter in the app key of that second, with a TTL', async () => {
    await calls(2, APP_A, SECOND + 500);
    const key = ApiGatewayCacheKeys.rate(APP_A, SECOND / 1000);
    expect(key).toBe(`api-gateway:${APP_A}:rate:${SECOND / 1000}`);
    expect(redis.counts.get(key)).toBe(2);
    expect(redis.ttls.get(key)).toBeGreaterThan(0);
  });

  it('lets calls through and warns (at most every 10 s) when Redis fails', async () => {
    redis.failing = true;
    const warn = jest.spyOn(logger, 'warn');
    await expect(calls(10)).resolves.toEqual(Array(10).fill(false));
    await sut.isOverLimit(APP_A, 3, SECOND + 5_000);
    expect(warn).toHaveBeenCalledTimes(1);
    await sut.isOverLimit(APP_A, 3, SECOND + 10_001);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
