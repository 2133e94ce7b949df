import { ChildProcess, spawn } from 'node:child_process';

import { findFreePort } from '@im/testing';

import { inspectArg, settledMemory } from './heap';

/** A Node process that holds `keepMiB` of live arrays (V8 heap) and keeps making garbage. */
function startChild(execArgv: string[], keepMiB: number): Promise<ChildProcess> {
  const body = `
    globalThis.kept = Array.from({ length: ${keepMiB} }, (_, i) => new Array(1 << 17).fill(i + 0.5));
    setInterval(() => { globalThis.junk = Array.from({ length: 1000 }, (_, i) => ({ i })); }, 5);
    console.log('ready');
  `;
  const child = spawn(process.execPath, [...execArgv, '-e', body], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.once('data', () => resolve(child));
  });
}

describe('settledMemory', () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

  it('collects through the inspector port the process was started with and reads its live heap', async () => {
    const port = await findFreePort();
    const child = await startChild([inspectArg(port)], 40);
    children.push(child);

    const memory = await settledMemory(child.pid!, port);

    expect(memory.collected).toBe(true);
    // The 40 MiB kept alive are in the heap after a full collection; the garbage is not.
    expect(memory.heapUsed).toBeGreaterThan(40 * 2 ** 20);
    expect(memory.heapUsed).toBeLessThan(60 * 2 ** 20);
    expect(memory.rss).toBeGreaterThan(memory.heapUsed);
  });

  it('says so, and still reads RSS, when the process has no inspector port', async () => {
    const child = await startChild([], 1);
    children.push(child);
    // A port nobody listens on; without --inspect-port, SIGUSR1 opens the default 9229 at most.
    const port = await findFreePort();

    const memory = await settledMemory(child.pid!, port, 1_000);

    expect(memory.collected).toBe(false);
    expect(memory.heapUsed).toBe(0);
    expect(memory.rss).toBeGreaterThan(0);
  });
});
