import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { ensureServerBinaries } from './binaries';
import { newSecret, withUserInfo } from './credentials';
import { findFreePort } from './free-port';
import { serverOsUser } from './os-user';
import { DEFAULT_STARTUP_TIMEOUT_MS, ServerHandle, ServerOptions } from './server-handle';
import { spawnServer, StartupError, waitUntilReady } from './server-process';
import { readFirstLine } from './tcp-probe';

const STOP_TIMEOUT_MS = 10_000;
/** Tries when the free port we picked was taken before redis bound it. */
const PORT_ATTEMPTS = 5;

async function answersPong(port: number, password: string): Promise<boolean> {
  // HELLO authenticates and answers in one reply (a map, `%7`); -LOADING while an
  // append-only file is replayed: not ready yet.
  const line = await readFirstLine(port, `HELLO 2 AUTH default ${password}\r\n`);
  return line.startsWith('*');
}

/**
 * `<dataDir>/redis.conf`, owner-only (the password is not put on the command line, where
 * `ps` shows it to every local user), readable by the user redis runs as.
 */
function writeConfig(
  dataDir: string,
  lines: readonly string[],
  owner?: { uid: number; gid: number },
) {
  const file = path.join(dataDir, 'redis.conf');
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''), { mode: 0o600 });
  chmodSync(file, 0o600);
  if (owner) chownSync(file, owner.uid, owner.gid);
  return file;
}

export interface RedisServerOptions extends ServerOptions {
  /**
   * More lines of `redis.conf` (e.g. `replicaof`, `masterauth`, or a sentinel's `sentinel
   * monitor`), kept in the owner-only file rather than on the command line.
   */
  config?: readonly string[];
  /** Run as a Sentinel (`--sentinel`) instead of a data server; it rewrites its redis.conf. */
  sentinel?: boolean;
}

/**
 * Starts redis-server on 127.0.0.1 with its files in `dataDir`, refusing clients without the
 * password (`requirepass`). As root it runs as the `redis` OS user (like postgres as
 * `postgres`). Persistent: append-only file plus the default snapshots. Otherwise no
 * persistence at all.
 */
export async function startRedisServer(options: RedisServerOptions): Promise<ServerHandle> {
  const { redisServer, setpriv } = await ensureServerBinaries();
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const runAs = serverOsUser('redis', dataDir, setpriv, { recursive: true });
  const password = options.password ?? newSecret();
  const config = writeConfig(
    dataDir,
    [`requirepass ${password}`, ...(options.config ?? [])],
    runAs,
  );
  const persistence = options.sentinel
    ? ['--sentinel']
    : options.persistent
      ? ['--appendonly', 'yes']
      : ['--save', '', '--appendonly', 'no'];
  for (let attempt = 1; ; attempt++) {
    const port = options.port || (await findFreePort());
    const proc = await spawnServer({
      name: options.sentinel ? 'redis-sentinel' : 'redis-server',
      command: redisServer,
      args: [
        config,
        '--port', String(port),
        '--bind', '127.0.0.1',
        '--dir', dataDir,
        '--daemonize', 'no',
        '--logfile', '',
        ...persistence,
      ], // prettier-ignore
      cwd: dataDir,
      logFile: path.join(dataDir, options.sentinel ? 'redis-sentinel.log' : 'redis-server.log'),
      stopSignal: 'SIGTERM',
      setpriv,
      runAsUser: runAs?.name,
    });
    try {
      await waitUntilReady(
        'redis-server',
        proc,
        () => answersPong(port, password),
        options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
      );
    } catch (err) {
      const retry = err instanceof StartupError && err.addressInUse && !options.port;
      if (retry && attempt < PORT_ATTEMPTS) continue;
      throw err;
    }
    return {
      url: withUserInfo(`redis://127.0.0.1:${port}`, '', password),
      port,
      pid: proc.pid,
      dataDir,
      logFile: proc.logFile,
      exited: proc.exited,
      stop: () => proc.stop(STOP_TIMEOUT_MS),
    };
  }
}
