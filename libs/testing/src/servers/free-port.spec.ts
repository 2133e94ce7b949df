import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { claimPort, findFreePortRange } from './free-port';

describe('free ports', () => {
  // below the range findFreePortRange picks from, so no real pick is disturbed
  const port = 9_000 + (process.pid % 900);
  const claimFile = path.join(os.tmpdir(), 'im-test-port-claims', String(port));

  beforeEach(() => rmSync(claimFile, { force: true }));
  afterAll(() => rmSync(claimFile, { force: true }));

  it('lets one process claim a port; another claim fails until the claim is 10 minutes old', () => {
    const now = Date.now();

    expect(claimPort(port, now)).toBe(true);
    expect(claimPort(port, now + 1_000)).toBe(false);
    expect(claimPort(port, now + 9 * 60_000)).toBe(false);
    expect(claimPort(port, now + 11 * 60_000)).toBe(true);
    expect(claimPort(port, now + 11 * 60_000 + 1)).toBe(false);
  });

  it('never hands the same range out twice while its claim holds', async () => {
    const picks = await Promise.all(Array.from({ length: 20 }, () => findFreePortRange(3)));
    const ports = picks.flatMap((first) => [first, first + 1, first + 2]);

    expect(new Set(ports).size).toBe(ports.length);
  });
});
