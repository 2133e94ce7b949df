import { growthPercent, soakVerdict } from './soak';
import type { SoakWindow } from './soak';

const window = (minute: number, rss: Record<string, number>, extra: Partial<SoakWindow> = {}) => ({
  minute,
  sent: 1000,
  acked: 1000,
  failed: 0,
  received: 1000,
  lost: 0,
  duplicated: 0,
  p99Ms: 20,
  rssMiB: rss,
  ...extra,
});

describe('soak verdict', () => {
  it('measures growth from the first steady quarter to the last, ignoring the first window', () => {
    expect(growthPercent([50, 100, 100, 100, 100, 100, 100, 100, 100])).toBe(0);
    expect(growthPercent([50, 100, 100, 110, 120, 130, 140, 150, 150])).toBe(50);
    expect(growthPercent([100, 200, 300])).toBe(0); // too short to say
  });

  it('is flat when memory stays within the limit and no window fails, loses or duplicates', () => {
    const flat = Array.from({ length: 10 }, (_, i) => window(i + 1, { message: 100 + (i % 2) }));

    expect(soakVerdict(flat)).toMatchObject({ flat: true, grew: [], errorWindows: [] });
  });

  it('names the process whose memory grew and the windows with errors', () => {
    const windows = Array.from({ length: 10 }, (_, i) =>
      window(i + 1, { message: 100, 'api-gateway': 100 + i * 20 }, i === 6 ? { lost: 1 } : {}),
    );
    windows[3] = { ...windows[3], failed: 5 };

    expect(soakVerdict(windows)).toMatchObject({
      flat: false,
      grew: ['api-gateway'],
      errorWindows: [4, 7],
    });
  });
});
