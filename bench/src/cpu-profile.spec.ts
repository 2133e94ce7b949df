import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  CpuProfile,
  processOfProfile,
  shortUrl,
  summarizeProfile,
  summarizeProfileDir,
} from './cpu-profile';

const node = (
  id: number,
  functionName: string,
  url = '',
  lineNumber = -1,
  children?: number[],
) => ({
  id,
  callFrame: { functionName, url, lineNumber, columnNumber: 0 },
  children,
});

/**
 * root → (idle), (garbage collector), validate (libs/contracts, line 10), handle (an anonymous
 * function in node_modules, line 4); validate is also reached from a second call path (node 6),
 * which must be summed into the same frame.
 */
const profile: CpuProfile = {
  nodes: [
    node(1, '(root)', '', -1, [2, 3, 4, 5]),
    node(2, '(idle)'),
    node(3, '(garbage collector)'),
    node(4, 'validate', 'file:///work/repo/libs/contracts/dist/validate.js', 9, [6]),
    node(5, '', 'file:///work/repo/node_modules/ajv/dist/core.js', 3),
    node(6, 'validate', 'file:///work/repo/libs/contracts/dist/validate.js', 9),
  ],
  startTime: 1_000_000,
  endTime: 1_010_000,
  // sample i lasts until sample i+1 (timeDeltas[i+1]); the last gets the mean interval
  samples: [2, 4, 4, 6, 5, 3, 2, 4],
  timeDeltas: [0, 1000, 2000, 1000, 1000, 500, 1500, 1000],
};

describe('summarizeProfile', () => {
  it('sums self time per function and line, leaves idle out and ranks the heaviest first', () => {
    const s = summarizeProfile(profile, 'message', 'message-1.cpuprofile');

    // validate: samples 1, 2, 3, 7 → 2000 + 1000 + 1000 + 1250 (mean of 10 ms / 8) µs
    expect(s.top).toEqual([
      {
        fn: 'validate',
        where: 'libs/contracts/dist/validate.js:10',
        selfMs: 5.3,
        percent: 72.4,
      },
      { fn: '(garbage collector)', where: '', selfMs: 1.5, percent: 20.7 },
      { fn: '(anonymous)', where: 'node_modules/ajv/dist/core.js:4', selfMs: 0.5, percent: 6.9 },
    ]);
    expect(s).toMatchObject({
      process: 'message',
      file: 'message-1.cpuprofile',
      windowed: false,
      durationMs: 9.3, // the samples' time: 1000 + 2000 + 1000 + 1000 + 500 + 1500 + 1000 + 1250 µs
      samples: 8,
    });
    // busy = every sample's time but the two idle ones: 5250 + 1500 + 500 µs
    expect(s.busyMs).toBe(7.3);
  });

  it('counts only the samples taken inside the windows when given them', () => {
    // sample times: 1_000_000, 001_000, 003_000, 004_000, 005_000, 005_500, 007_000, 008_000
    const s = summarizeProfile(profile, 'message', '', 15, [
      [1_001_000, 1_004_000], // samples 1 and 2 (validate: 2000 + 1000 µs)
      [1_005_500, 1_005_501], // sample 5 (garbage collector: 1500 µs)
    ]);

    expect(s.top).toEqual([
      { fn: 'validate', where: 'libs/contracts/dist/validate.js:10', selfMs: 3, percent: 66.7 },
      { fn: '(garbage collector)', where: '', selfMs: 1.5, percent: 33.3 },
    ]);
    expect(s).toMatchObject({ windowed: true, samples: 3, durationMs: 4.5, busyMs: 4.5 });
  });

  it('keeps only the top N frames', () => {
    expect(summarizeProfile(profile, 'message', '', 1).top.map((f) => f.fn)).toEqual(['validate']);
  });

  it('falls back to hit counts when the profile has no samples', () => {
    const old: CpuProfile = {
      nodes: [
        { ...node(1, 'a', 'file:///x/apps/message/dist/a.js', 0), hitCount: 3 },
        { ...node(2, 'b', 'file:///x/apps/message/dist/b.js', 1), hitCount: 1 },
      ],
      startTime: 0,
      endTime: 4000,
    };

    expect(summarizeProfile(old, 'p').top).toEqual([
      { fn: 'a', where: 'apps/message/dist/a.js:1', selfMs: 3, percent: 75 },
      { fn: 'b', where: 'apps/message/dist/b.js:2', selfMs: 1, percent: 25 },
    ]);
  });
});

describe('profile files', () => {
  it('names the process from the file and shortens script URLs', () => {
    expect(processOfProfile('/tmp/p/conn-gateway-2-1765123456789.cpuprofile')).toBe(
      'conn-gateway-2',
    );
    expect(processOfProfile('message-1765123456789.cpuprofile')).toBe('message');
    expect(shortUrl('node:internal/streams/readable')).toBe('node:internal/streams/readable');
    expect(shortUrl('file:///w/node_modules/a/node_modules/b/x.js')).toBe('node_modules/b/x.js');
    expect(shortUrl('')).toBe('');
  });

  it('summarizes the profiles of this run in a directory, busiest first, older ones left out', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-prof-'));
    try {
      const idleOnly: CpuProfile = { ...profile, samples: [2, 2], timeDeltas: [0, 1000] };
      writeFileSync(path.join(dir, 'push-2.cpuprofile'), JSON.stringify(idleOnly));
      writeFileSync(path.join(dir, 'message-2.cpuprofile'), JSON.stringify(profile));
      writeFileSync(path.join(dir, 'old-1.cpuprofile'), JSON.stringify(profile));
      writeFileSync(path.join(dir, 'broken-2.cpuprofile'), '{');
      utimesSync(path.join(dir, 'old-1.cpuprofile'), new Date(1000), new Date(1000));

      const summaries = summarizeProfileDir(dir, Date.now() - 60_000);

      // push was idle (0 busy ms, under 5 % of message's), old-1 is older, broken-2 unreadable
      expect(summaries.map((s) => s.process)).toEqual(['message']);
      // windows on another clock (no sample inside): the whole profile instead
      const elsewhere = summarizeProfileDir(dir, Date.now() - 60_000, [[0, 10]]);
      expect(elsewhere.map((s) => [s.process, s.windowed, s.samples])).toEqual([
        ['message', false, 8],
      ]);
      const inside = summarizeProfileDir(dir, Date.now() - 60_000, [[1_001_000, 1_004_000]]);
      expect(inside.map((s) => [s.process, s.windowed, s.samples])).toEqual([['message', true, 2]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
