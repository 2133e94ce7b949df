import { chownSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { Client } from 'pg';

import { ensureServerBinaries, postgresBinariesFor } from './binaries';
import { newSecret } from './credentials';
import { findFreePort } from './free-port';
import { serverOsUser } from './os-user';
import { DEFAULT_STARTUP_TIMEOUT_MS, ServerHandle, ServerOptions } from './server-handle';
import { runLogged, spawnServer, StartupError, waitUntilReady } from './server-process';

const PG_USER = 'postgres';
const INITDB_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 5;

/** The admin URL of a harness postgres (superuser `postgres` with its password). */
export function postgresAdminUrl(port: number, password: string): string {
  return `postgres://${PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
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

async function answersSelectOne(url: string): Promise<boolean> {
  const client = new Client({
    connectionString: url,
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
 * `pg_hba.conf` of a cluster created before password authentication, with every `trust` rule
 * made `scram-sha-256` (unchanged when there is none).
 */
export function requirePasswords(hba: string): string {
  return hba
    .split('\n')
    .map((line) => (/^\s*#/.test(line) ? line : line.replace(/\btrust\b/, 'scram-sha-256')))
    .join('\n');
}

/** Runs `sql` as the superuser over `url`; the client is closed either way. */
async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether an existing cluster still lets clients in without a password. */
function trustsClients(pgData: string): boolean {
  const hba = readFileSync(path.join(pgData, 'pg_hba.conf'), 'utf8');
  return requirePasswords(hba) !== hba;
}

/**
 * A cluster initialised with trust authentication (by an earlier version): give the superuser
 * its password, switch every rule to scram-sha-256 and reload, so from now on only clients
 * with a password get in.
 */
async function upgradeTrustCluster(pgData: string, trustUrl: string, password: string) {
  const hbaFile = path.join(pgData, 'pg_hba.conf');
  const strict = requirePasswords(readFileSync(hbaFile, 'utf8'));
  const literal = password.replace(/'/g, "''");
  await adminQuery(trustUrl, `ALTER ROLE ${PG_USER} PASSWORD '${literal}'`);
  writeFileSync(hbaFile, strict);
  await adminQuery(trustUrl, 'SELECT pg_reload_conf()');
}

/** initdb with password authentication for every connection, the superuser's from a file. */
async function initCluster(
  dataDir: string,
  pgData: string,
  password: string,
  run: { initdb: string; setpriv?: string; runAs?: { name: string; uid: number; gid: number } },
  persistent: boolean,
  logFile: string,
): Promise<void> {
  // The password goes through a file only the server's user reads, not the command line.
  const pwFile = path.join(dataDir, `.pwfile-${process.pid}`);
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (run.runAs) chownSync(pwFile, run.runAs.uid, run.runAs.gid);
  const initArgs = ['-D', pgData, '-A', 'scram-sha-256', '-U', PG_USER, `--pwfile=${pwFile}`];
  initArgs.push('--encoding=UTF8', '--no-locale');
  if (!persistent) initArgs.push('--no-sync');
  try {
    await runLogged(
      {
        name: 'initdb',
        command: run.initdb,
        args: initArgs,
        cwd: dataDir,
        logFile,
        setpriv: run.setpriv,
        runAsUser: run.runAs?.name,
      },
      INITDB_TIMEOUT_MS,
    );
  } finally {
    rmSync(pwFile, { force: true });
  }
}

/**
 * Starts PostgreSQL on 127.0.0.1 with its cluster in `<dataDir>/data` (initdb on first start,
 * reused when already initialised), log in `<dataDir>/postgres.log`. Every connection needs a
 * password (scram-sha-256); superuser `postgres` with `options.password`. A cluster made with
 * trust authentication by an earlier version is switched over on start.
 */
export interface PostgresServerOptions extends ServerOptions {
  /** More `-c name=value` settings, after (so over) the defaults of `postgresArgs`. */
  settings?: Readonly<Record<string, string>>;
}

export async function startPostgresServer(options: PostgresServerOptions): Promise<ServerHandle> {
  const { setpriv } = await ensureServerBinaries();
  const persistent = options.persistent ?? false;
  const dataDir = path.resolve(options.dataDir);
  const pgData = path.join(dataDir, 'data');
  const logFile = path.join(dataDir, 'postgres.log');
  mkdirSync(dataDir, { recursive: true });
  const runAs = serverOsUser(PG_USER, dataDir, setpriv);
  const runAsUser = runAs?.name;
  const password = options.password ?? newSecret();

  const existingMajor = readMajorVersion(pgData);
  const { initdb, postgres } = await postgresBinariesFor(existingMajor);
  if (existingMajor === undefined) {
    await initCluster(dataDir, pgData, password, { initdb, setpriv, runAs }, persistent, logFile);
  }
  const legacyTrust = existingMajor !== undefined && trustsClients(pgData);

  for (let attempt = 1; ; attempt++) {
    const port = options.port || (await findFreePort());
    const proc = await spawnServer({
      name: 'postgres',
      command: postgres,
      args: [
        ...postgresArgs(pgData, port, persistent),
        ...Object.entries(options.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
      ],
      cwd: dataDir,
      logFile,
      stopSignal: 'SIGINT', // fast shutdown: disconnects clients, no waiting for them
      setpriv,
      runAsUser,
    });
    const url = postgresAdminUrl(port, password);
    const trustUrl = `postgres://${PG_USER}@127.0.0.1:${port}/postgres`;
    try {
      await waitUntilReady(
        'postgres',
        proc,
        () => answersSelectOne(legacyTrust ? trustUrl : url),
        options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS,
      );
      if (legacyTrust) await upgradeTrustCluster(pgData, trustUrl, password);
    } catch (err) {
      if (!(err instanceof StartupError)) await proc.stop(STOP_TIMEOUT_MS).catch(() => undefined);
      const retry = err instanceof StartupError && err.addressInUse && !options.port;
      if (retry && attempt < PORT_ATTEMPTS) continue;
      throw err;
    }
    return {
      url,
      port,
      pid: proc.pid,
      dataDir,
      logFile,
      exited: proc.exited,
      stop: () => proc.stop(STOP_TIMEOUT_MS),
    };
  }
}
