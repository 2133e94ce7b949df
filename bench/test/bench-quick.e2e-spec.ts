import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { findRepoRoot } from '@im/testing';

const SCENARIOS = [
  'rest-edge',
  'c2c-throughput',
  'c2c-latency',
  'c2c-load-curve',
  'group-chat',
  'live-room',
  'idle-connections',
  'reconnect-storm',
  'big-room-members',
  'media-uploads',
];

/**
 * `npm run bench -- --quick` as a smoke test: the harness starts the platform, runs every
 * scenario with small counts and writes its report. Nothing about speed is asserted (speed
 * belongs in the full bench, not in CI). Needs the build (`npm test` builds first).
 */
describe('bench --quick', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'bench-quick-'));

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes report.md, report.html and results.json with every scenario measured', async () => {
    const main = path.join(findRepoRoot(__dirname), 'bench', 'dist', 'main.js');
    expect(existsSync(main)).toBe(true);
    const child = spawn(process.execPath, [main, '--quick', '--out', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });

    expect({ code, output: code === 0 ? '' : output.slice(-4000) }).toEqual({
      code: 0,
      output: '',
    });
    for (const file of ['report.md', 'report.html', 'results.json'])
      expect(existsSync(path.join(out, file))).toBe(true);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as {
      machine: { cores: number; memoryGiB: number; loadAverage: number[] };
      scenarios: { id: string; error?: string; figure?: { value: number } }[];
    };
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.loadAverage).toHaveLength(3);
    expect(results.scenarios.map((s) => s.id).sort()).toEqual([...SCENARIOS].sort());
    for (const s of results.scenarios)
      expect({ id: s.id, error: s.error, measured: typeof s.figure?.value === 'number' }).toEqual({
        id: s.id,
        error: undefined,
        measured: true,
      });
    // the CPU cost table of every C2C scenario, the load curve's five steps (no speed asserted)
    const detail = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as {
      scenarios: {
        id: string;
        cpuCost?: { messages: number; rows: { row: string }[] };
        loadCurve?: { capacityPerSec: number; steps: { share: number; sent: number }[] };
      }[];
    };
    const byId = new Map(detail.scenarios.map((s) => [s.id, s]));
    for (const id of ['rest-edge', 'c2c-throughput', 'c2c-latency'])
      expect({ id, rows: byId.get(id)?.cpuCost?.rows.map((r) => r.row) }).toEqual({
        id,
        rows: expect.arrayContaining(['api-gateway', 'conn-gateway', 'message', 'postgres']),
      });
    const curve = byId.get('c2c-load-curve')?.loadCurve;
    expect(curve?.steps.map((s) => s.share)).toEqual([0.25, 0.5, 0.75, 1, 1.5]);
    expect(curve?.steps.every((s) => s.sent > 0)).toBe(true);
    const markdown = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(markdown).toContain('## CPU per C2C message (µs, per process)');
    expect(markdown).toContain('| offered (of capacity) |');
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('C2C latency of answered sends versus offered load');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  }, 300_000);
});
