import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { ensureServerBinaries } from './binaries';
import { findFreePort } from './free-port';
import { DEFAULT_STARTUP_TIMEOUT_MS, ServerHandle, ServerOptions } from './server-handle';
import { spawnServer, StartupError, waitUntilReady } from './server-process';
import { readFirstLine } from './tcp-probe';

const STOP_TIMEOUT_MS = 10_000;
/** Tries when the free port we picked was taken before redis bound it. */
const PORT_ATTEMPTS = 5;

async function answersPong(port: number): Promise<boolean> {
  // -LOADING while an append-only file is replayed: not ready yet.
  return (await readFirstLine(port, 'PING\r\n')) === '+PONG';
}

/**
 * Starts redis-server on 127.0.0.1 with its files in `dataDir`. Persistent: append-only file
 * plus the default snapshots. Otherwise no persistence at all.
 */
export async function startRedisServer(options: ServerOptions): Promise<ServerHandle> {
  const { redisServer, setpriv } = await ensureServerBinaries();
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const persistence = options.persistent
    ? ['--appendonly', 'yes']
    : ['--save', '', '--appendonly', 'no'];
  for (let attempt = 1; ; attempt++) {
    const port = options.port || (await findFreePort());
    const proc = await spawnServer({
      name: 'redis-server',
      command: redisServer,
      args: [
        '--port', String(port),
        '--bind', '127.0.0.1',
        '--dir', dataDir,
        '--daemonize', 'no',
        '--logfile', '',
        ...persistence,
      ], // prettier-ignore
      cwd: dataDir,
      logFile: path.join(dataDir, 'redis-server.log'),
      stopSignal: 'SIGTERM',
      setpriv,
    });
    try {
      await waitUntilReady(
        'redis-server',
        proc,
        () => answersPong(port),
        options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
      );
    } catch (err) {
      const retry = err instanceof StartupError && err.addressInUse && !options.port;
      if (retry && attempt < PORT_ATTEMPTS) continue;
      throw err;
    }
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      pid: proc.pid,
      dataDir,
      logFile: proc.logFile,
      stop: () => proc.stop(STOP_TIMEOUT_MS),
    };
  }
}
