import type { Redis } from 'ioredis';

import { createLogger } from '../logging/logger';
import { PeriodicTask } from './periodic-task';

/** The one Redis command the lock uses: SET key value PX ms NX, with expiry on a fake clock. */
class FakeRedis {
  readonly keys = new Map<string, { value: string; expiresAt: number }>();
  now = 0;

  set(key: string, value: string, _px: 'PX', ms: number, _nx: 'NX'): Promise<'OK' | null> {
    const held = this.keys.get(key);
    if (held && held.expiresAt > this.now) return Promise.resolve(null);
    this.keys.set(key, { value, expiresAt: this.now + ms });
    return Promise.resolve('OK');
  }
}

const logger = createLogger('t', 't', 'silent');
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe(PeriodicTask.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs the work every period once started, and no more once stopped', async () => {
    const work = jest.fn(() => Promise.resolve(1));
    const sut = new PeriodicTask({ name: 'sweep', everyMs: 1000, logger }, work);

    sut.start();
    await jest.advanceTimersByTimeAsync(3000);
    await sut.stop();
    await jest.advanceTimersByTimeAsync(3000);

    expect(work).toHaveBeenCalledTimes(3);
  });

  it('skips a tick while the previous run is still going, and stop waits for it', async () => {
    let finish = () => undefined as void;
    const work = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const sut = new PeriodicTask({ name: 'sweep', everyMs: 1000, logger }, work);

    sut.start();
    await jest.advanceTimersByTimeAsync(3500);
    expect(work).toHaveBeenCalledTimes(1);
    let stopped = false;
    const stopping = sut.stop().then(() => (stopped = true));
    await flush();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
  });

  it('keeps running after a failed run', async () => {
    const work = jest
      .fn<Promise<number>, [number]>()
      .mockRejectedValueOnce(new Error('db down'))
      .mockResolvedValue(2);
    const sut = new PeriodicTask({ name: 'sweep', everyMs: 1000, logger }, work);

    sut.start();
    await jest.advanceTimersByTimeAsync(2000);
    await sut.stop();

    expect(work).toHaveBeenCalledTimes(2);
  });

  it('runs once per period across instances sharing a Redis lock', async () => {
    const redis = new FakeRedis();
    const lock = { redis: redis as unknown as Redis, key: 'svc:sweep:lock' };
    const work = jest.fn((now: number) => Promise.resolve(now));
    const a = new PeriodicTask({ name: 'sweep', everyMs: 1000, logger, lock }, work);
    const b = new PeriodicTask({ name: 'sweep', everyMs: 1000, logger, lock }, work);

    const first = await Promise.all([a.runIfDue(5), b.runIfDue(5)]);
    redis.now = 899;
    const stillHeld = await b.runIfDue(899);
    redis.now = 900;
    const nextPeriod = await b.runIfDue(900);

    expect(first.map((r) => r.ran).sort()).toEqual([false, true]);
    expect(stillHeld).toEqual({ ran: false });
    expect(nextPeriod).toEqual({ ran: true, result: 900 });
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('runs every time without a lock and hands back what the work gave', async () => {
    const sut = new PeriodicTask({ name: 'sweep', everyMs: 1000, logger }, (now) =>
      Promise.resolve(now * 2),
    );

    expect(await sut.runIfDue(4)).toEqual({ ran: true, result: 8 });
    expect(await sut.runIfDue(4)).toEqual({ ran: true, result: 8 });
  });
});
