import { chownSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { Client } from 'pg';

import { ensureServerBinaries, postgresBinariesFor } from './binaries';
import { findFreePort } from './free-port';
import { firstDirNotEnterableBy, isRoot, lookupOsUser } from './os-user';
import { DEFAULT_STARTUP_TIMEOUT_MS, ServerHandle, ServerOptions } from './server-handle';
import { runLogged, spawnServer, StartupError, waitUntilReady } from './server-process';

const PG_USER = 'postgres';
const INITDB_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 5;

/** The admin URL of a harness postgres (trust auth on 127.0.0.1, superuser `postgres`). */
export function postgresAdminUrl(port: number): string {
  return `postgres://${PG_USER}@127.0.0.1:${port}/postgres`;
}

/** The major version of an initialised data dir, or undefined when it has none. */
function readMajorVersion(pgData: string): number | undefined {
  try {
    return Number(readFileSync(path.join(pgData, 'PG_VERSION'), 'utf8').trim());
  } catch {
    return undefined;
  }
}

/** The server arguments; durability is off for throwaway (test) instances only. */
export function postgresArgs(pgData: string, port: number, persistent: boolean): string[] {
  const args = [
    '-D', pgData,
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    // TCP only: no socket in /var/run/postgresql (not writable unless root) or the data dir.
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=200',
  ]; // prettier-ignore
  if (!persistent) {
    args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  return args;
}

async function answersSelectOne(port: number): Promise<boolean> {
  const client = new Client({
    connectionString: postgresAdminUrl(port),
    connectionTimeoutMillis: 1_000,
  });
  try {
    await client.connect();
    const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
    return rows[0]?.one === 1;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * As root, postgres runs as the `postgres` OS user: it must own the server folder and be able
 * to enter every folder above it. Returns the user to run as, or undefined when not root.
 */
function prepareOwnership(dataDir: string, setpriv: string | undefined): string | undefined {
  if (!isRoot()) return undefined;
  const user = lookupOsUser(PG_USER);
  if (!user) {
    throw new Error(
      `[testing] postgres refuses to run as root and there is no "${PG_USER}" OS user to run it as ` +
        '(apt-get install -y postgresql creates it)',
    );
  }
  if (!setpriv) {
    throw new Error(
      '[testing] running postgres as root needs setpriv: apt-get install -y util-linux',
    );
  }
  chownSync(dataDir, user.uid, user.gid);
  const blocked = firstDirNotEnterableBy(dataDir, PG_USER, setpriv);
  if (blocked !== undefined) {
    throw new Error(
      `[testing] postgres data dir ${dataDir} is not reachable by the "${PG_USER}" OS user: ` +
        `it cannot enter ${blocked}. As root, postgres runs as "${PG_USER}"; put the data dir ` +
        'under a folder that user can enter (e.g. /var/lib/im or the system temp dir) or let ' +
        `it in (chmod o+x ${blocked}).`,
    );
  }
  return PG_USER;
}

/**
 * Starts PostgreSQL on 127.0.0.1 with its cluster in `<dataDir>/data` (initdb on first start,
 * reused when already initialised), log in `<dataDir>/postgres.log`. Superuser `postgres`,
 * trust authentication: for tests and local development only.
 */
export async function startPostgresServer(options: ServerOptions): Promise<ServerHandle> {
  const { setpriv } = await ensureServerBinaries();
  const persistent = options.persistent ?? false;
  const dataDir = path.resolve(options.dataDir);
  const pgData = path.join(dataDir, 'data');
  const logFile = path.join(dataDir, 'postgres.log');
  mkdirSync(dataDir, { recursive: true });
  const runAsUser = prepareOwnership(dataDir, setpriv);

  const existingMajor = readMajorVersion(pgData);
  const { initdb, postgres } = await postgresBinariesFor(existingMajor);
  if (existingMajor === undefined) {
    const initArgs = ['-D', pgData, '-A', 'trust', '-U', PG_USER, '--encoding=UTF8', '--no-locale'];
    if (!persistent) initArgs.push('--no-sync');
    await runLogged(
      {
        name: 'initdb',
        command: initdb,
        args: initArgs,
        cwd: dataDir,
        logFile,
        setpriv,
        runAsUser,
      },
      INITDB_TIMEOUT_MS,
    );
  }

  for (let attempt = 1; ; attempt++) {
    const port = options.port || (await findFreePort());
    const proc = await spawnServer({
      name: 'postgres',
      command: postgres,
      args: postgresArgs(pgData, port, persistent),
      cwd: dataDir,
      logFile,
      stopSignal: 'SIGINT', // fast shutdown: disconnects clients, no waiting for them
      setpriv,
      runAsUser,
    });
    try {
      await waitUntilReady(
        'postgres',
        proc,
        () => answersSelectOne(port),
        options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
      );
    } catch (err) {
      const retry = err instanceof StartupError && err.addressInUse && !options.port;
      if (retry && attempt < PORT_ATTEMPTS) continue;
      throw err;
    }
    return {
      url: postgresAdminUrl(port),
      port,
      pid: proc.pid,
      dataDir,
      logFile,
      stop: () => proc.stop(STOP_TIMEOUT_MS),
    };
  }
}
