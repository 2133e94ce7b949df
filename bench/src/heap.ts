import { WebSocket } from 'ws';

import { waitFor } from '@im/testing';

import { rssOf } from './probes';

/**
 * Memory figures of a process taken after a full garbage collection, so that two snapshots
 * compare what is live rather than when V8 last collected: the idle-connection figure was
 * 5.5 KB in one run and 14.3 KB in the next with the same code, because the gateway came to
 * the scenario with 248 MiB of uncollected heap once and 181 MiB the other time.
 *
 * The process must have been started with `--inspect-port=127.0.0.1:<port>` (no inspector is
 * listening until then); SIGUSR1 opens the inspector on that port, one DevTools session asks
 * for `HeapProfiler.collectGarbage` and `Runtime.getHeapUsage`, and closes. Nothing of the
 * service's own code is involved, and a process without the port simply is not collected.
 */
export interface SettledMemory {
  /** VmRSS after the collection, bytes. */
  rss: number;
  /** V8 heap in use after the collection, bytes (0 when the inspector could not be reached). */
  heapUsed: number;
  /** Whether the collection happened (else `rss` is as it was). */
  collected: boolean;
}

/** The inspector's port of a process to be collected; one per bench run is enough. */
export function inspectArg(port: number): string {
  return `--inspect-port=127.0.0.1:${port}`;
}

export async function settledMemory(
  pid: number,
  inspectPort: number,
  /** How long to wait for the inspector to listen. */
  waitMs = 10_000,
): Promise<SettledMemory> {
  try {
    process.kill(pid, 'SIGUSR1');
    const url = await debuggerUrl(inspectPort, waitMs);
    const heapUsed = await withSession(url, async (call) => {
      // Twice: the first collection leaves what finalizers free for the second.
      await call('HeapProfiler.collectGarbage');
      await call('HeapProfiler.collectGarbage');
      const usage = (await call('Runtime.getHeapUsage')) as { usedSize?: number };
      return usage.usedSize ?? 0;
    });
    return { rss: rssOf(pid), heapUsed, collected: true };
  } catch {
    return { rss: rssOf(pid), heapUsed: 0, collected: false };
  }
}

/** The DevTools WebSocket URL once the inspector listens (after SIGUSR1). */
function debuggerUrl(port: number, waitMs: number): Promise<string> {
  return waitFor(
    async () => {
      const res = await fetch(`http://127.0.0.1:${port}/json/list`);
      const targets = (await res.json()) as { webSocketDebuggerUrl?: string }[];
      return targets.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl ?? null;
    },
    { timeoutMs: waitMs, intervalMs: 100, message: `inspector on port ${port}` },
  );
}

type Call = (method: string) => Promise<unknown>;

async function withSession<T>(url: string, body: (call: Call) => Promise<T>): Promise<T> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const pending = new Map<number, (msg: { result?: unknown; error?: unknown }) => void>();
  socket.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString('utf8')) as {
      id?: number;
      result?: unknown;
      error?: unknown;
    };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg);
  });
  let nextId = 1;
  const call: Call = (method) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`${method} timed out`)), 60_000);
      pending.set(id, (msg) => {
        clearTimeout(timer);
        pending.delete(id);
        if (msg.error) reject(new Error(`${method}: ${JSON.stringify(msg.error)}`));
        else resolve(msg.result);
      });
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    return await body(call);
  } finally {
    socket.close();
  }
}
