import { Redis } from 'ioredis';
import { Pool } from 'pg';

import { createTestDatabase, testServerUrls } from '@im/testing';
import type { TestDatabase } from '@im/testing';

import type { MediaConfig } from '../src/media.config';
import { MediaRepository } from '../src/media.repository';
import { UploadRateLimiter } from '../src/upload-rate.guard';

const APP = 1400000101;
const OTHER = 1400000102;

describe('media quota and upload rate (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let redis: Redis;
  let repository: MediaRepository;

  beforeAll(async () => {
    db = await createTestDatabase('media');
    pool = new Pool({ connectionString: db.url, max: 10 });
    pool.on('error', () => undefined);
    repository = new MediaRepository(pool);
    redis = new Redis(testServerUrls().redisUrl);
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
    redis?.disconnect();
  });

  it('reserves bytes atomically: twenty concurrent reservations never pass the quota together', async () => {
    const quota = 1000;

    const granted = await Promise.all(
      Array.from({ length: 20 }, () => repository.reserveBytes(APP, 100, quota)),
    );

    expect(granted.filter(Boolean)).toHaveLength(10);
    expect(await repository.usedBytes(APP)).toBe(1000);
    expect(await repository.usedBytes(OTHER)).toBe(0);
  });

  it('gives bytes back and never goes below zero', async () => {
    await repository.adjustBytes(APP, -300);
    expect(await repository.usedBytes(APP)).toBe(700);
    expect(await repository.reserveBytes(APP, 300, 1000)).toBe(true);
    expect(await repository.reserveBytes(APP, 1, 1000)).toBe(false);

    await repository.adjustBytes(APP, -5000);

    expect(await repository.usedBytes(APP)).toBe(0);
  });

  it('refuses a single upload larger than the whole quota', async () => {
    expect(await repository.reserveBytes(OTHER, 1001, 1000)).toBe(false);
    expect(await repository.usedBytes(OTHER)).toBe(0);
  });

  it('limits uploads per user per minute, each user and each minute on its own', async () => {
    const config = { limits: { uploadsPerMinute: 3 } } as MediaConfig;
    const sut = new UploadRateLimiter(redis, config);
    const minute = 60_000 * Math.floor(Date.now() / 60_000);

    const alice = [];
    for (let i = 0; i < 4; i++) alice.push(await sut.tryAcquire(APP, 'rate-alice', minute));

    expect(alice).toEqual([true, true, true, false]);
    expect(await sut.tryAcquire(APP, 'rate-bob', minute)).toBe(true);
    expect(await sut.tryAcquire(OTHER, 'rate-alice', minute)).toBe(true);
    expect(await sut.tryAcquire(APP, 'rate-alice', minute + 60_000)).toBe(true);
    const ttl = await redis.ttl(`media:${APP}:uploads:rate-alice:${minute / 60_000}`);
    expect(ttl).toBeGreaterThan(0);
  });
});
