import { retryDelayMs, retryHorizonMs } from './retry-schedule.rules';

describe(retryDelayMs.name, () => {
  it('doubles from the base after each failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, 1000, 300_000))).toEqual([
      1000, 2000, 4000, 8000, 16000,
    ]);
  });

  it('is capped', () => {
    expect(retryDelayMs(9, 1000, 300_000)).toBe(256_000);
    expect(retryDelayMs(10, 1000, 300_000)).toBe(300_000);
    expect(retryDelayMs(1000, 1000, 300_000)).toBe(300_000);
  });

  it('treats attempt 0 like the first', () => {
    expect(retryDelayMs(0, 50, 1000)).toBe(50);
  });
});

describe(retryHorizonMs.name, () => {
  it('is the sum of the delays between the attempts (12 attempts ≈ 18.5 minutes by default)', () => {
    expect(retryHorizonMs(3, 1000, 300_000)).toBe(3000);
    expect(retryHorizonMs(12, 1000, 300_000)).toBe(1_111_000);
  });
});
