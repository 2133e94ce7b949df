import { closeSync, mkdirSync, openSync, readFileSync, statSync, utimesSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Ports handed to servers a test starts are taken from below the kernel's ephemeral range:
 * a port from that range (what binding port 0 returns) can be taken, between our check and
 * the server's bind, by the local end of any outgoing connection of any process on the
 * machine, which is how a parallel CI run once failed with EADDRINUSE. Below the range only
 * another listener can collide, and picking at random over thousands of ports makes that
 * unlikely; callers still retry on "address in use".
 */
const LOWEST = 10_000;

/**
 * Test processes run in parallel (jest workers, each starting whole platforms), and two of them
 * could pick the same free port before either binds it. A pick is therefore claimed with a
 * file created exclusively in a directory every test process of the machine shares; a claim
 * is honoured for `CLAIM_MS` (longer than any platform's start-up), after which the port may
 * be picked again.
 */
const CLAIM_DIR = path.join(os.tmpdir(), 'im-test-port-claims');
const CLAIM_MS = 10 * 60_000;

/** Claims `port` for this process unless another claimed it recently. */
export function claimPort(port: number, now = Date.now()): boolean {
  const file = path.join(CLAIM_DIR, String(port));
  try {
    mkdirSync(CLAIM_DIR, { recursive: true });
    closeSync(openSync(file, 'wx'));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return true; // no claims possible: as before
    try {
      if (now - statSync(file).mtimeMs < CLAIM_MS) return false;
      utimesSync(file, new Date(now), new Date(now));
      return true;
    } catch {
      return false;
    }
  }
}

function ephemeralStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    return Number.isInteger(low) ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/** Whether nothing listens on `port` at this moment. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first of `count` consecutive ports (below the ephemeral range) that were free a moment ago. */
export async function findFreePortRange(count = 1, host = '127.0.0.1'): Promise<number> {
  const top = ephemeralStart();
  const span = top - LOWEST - count;
  if (span < 1000) return count === 1 ? findEphemeralPort(host) : Promise.reject(tooFew(count));
  for (let attempt = 0; attempt < 100; attempt++) {
    const first = LOWEST + Math.floor(Math.random() * span);
    const free = await Promise.all(
      Array.from({ length: count }, (_, i) => isPortFree(first + i, host)),
    );
    if (
      free.every(Boolean) &&
      Array.from({ length: count }, (_, i) => first + i).every((p) => claimPort(p))
    )
      return first;
  }
  throw tooFew(count);
}

/** A TCP port that was free on the host a moment ago (see the note at the top). */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return findFreePortRange(1, host);
}

function tooFew(count: number): Error {
  return new Error(`no ${count} consecutive free ports below the ephemeral range`);
}

/** Binds port 0 and releases it: only when the machine leaves no room below the ephemeral range. */
function findEphemeralPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}
