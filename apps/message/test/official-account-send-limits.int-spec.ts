/**
 * The official account send limiter's Lua step against a real Redis (Tencent's page
 * 1047/60810): it decides as `officialSendVerdict` does, records only what it allows, and keeps
 * apps and accounts apart. Times are given, not waited for.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';

import { Redis } from 'ioredis';

import { createTempDir, startRedisServer } from '@im/testing';
import type { ServerHandle } from '@im/testing';

import { OfficialAccountSendLimiter } from '../src/official-account-send-limits.store';
import { OfficialAccountSendLimits } from '../src/official-account-send.rules';

const text = (t: string) => [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: t } }];
const HOUR = OfficialAccountSendLimits.hourMs;
const T0 = 1_800_000_000_000;

let dir: string;
let server: ServerHandle;
let redis: Redis;
let limiter: OfficialAccountSendLimiter;

beforeAll(async () => {
  dir = await createTempDir();
  server = await startRedisServer({ dataDir: path.join(dir, 'redis') });
  redis = new Redis(server.url);
  limiter = new OfficialAccountSendLimiter(redis);
}, 60_000);

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('OfficialAccountSendLimiter', () => {
  it('allows 1 a second and 2 in a sliding hour; a refused send is not counted', async () => {
    const id = '@TOA#_a';
    expect(await limiter.check(1, id, text('1'), T0)).toBe('send');
    expect(await limiter.check(1, id, text('2'), T0 + 500)).toBe('second');
    expect(await limiter.check(1, id, text('2'), T0 + 1000)).toBe('send');
    expect(await limiter.check(1, id, text('3'), T0 + 5000)).toBe('hour');
    // the first left the hour: one place again (the refused ones took none)
    expect(await limiter.check(1, id, text('3'), T0 + HOUR)).toBe('send');
    expect(await limiter.check(1, id, text('4'), T0 + HOUR + 999)).toBe('second');
    // at T0 + HOUR + 1000 the send of T0 + 1000 has left the hour: T0 + HOUR is the only one
    expect(await limiter.check(1, id, text('4'), T0 + HOUR + 1000)).toBe('send');
    expect(await limiter.check(1, id, text('5'), T0 + HOUR + 3000)).toBe('hour');
  });

  it('drops identical content for 5 minutes, before the caps, without counting it', async () => {
    const id = '@TOA#_b';
    expect(await limiter.check(1, id, text('same'), T0)).toBe('send');
    expect(await limiter.check(1, id, text('same'), T0 + 10)).toBe('duplicate');
    expect(await limiter.check(1, id, text('other'), T0 + 2000)).toBe('send');
    const marks = await redis.keys(`message:1:oa-content:${id}:*`);
    expect(marks).toHaveLength(2);
    for (const key of marks) {
      const left = await redis.pttl(key);
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(OfficialAccountSendLimits.duplicateWindowMs);
    }
  });

  it('keeps apps and accounts apart', async () => {
    expect(await limiter.check(1, '@TOA#_c', text('x'), T0)).toBe('send');
    expect(await limiter.check(2, '@TOA#_c', text('x'), T0)).toBe('send');
    expect(await limiter.check(1, '@TOA#_d', text('x'), T0)).toBe('send');
    expect(await limiter.check(1, '@TOA#_c', text('y'), T0 + 10)).toBe('second');
  });
});
