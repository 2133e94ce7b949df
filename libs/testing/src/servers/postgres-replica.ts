import { chownSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { Client } from 'pg';

import { ensureServerBinaries, postgresBinariesFor } from './binaries';
import { newSecret } from './credentials';
import { serverOsUser } from './os-user';
import { startPostgresServer } from './postgres-server.process';
import { ServerHandle } from './server-handle';
import { runLogged } from './server-process';
import { waitFor } from '../wait-for';

export interface PostgresReplicaOptions {
  /** `<baseDir>/pg-primary` and `<baseDir>/pg-replica`. */
  baseDir: string;
  /** The superuser's password (the replica is a copy: the same); new when absent. */
  password?: string;
  persistent?: boolean;
  /**
   * true (default): a commit on the primary returns once the replica applied it (synchronous
   * replication), so promoting the replica loses no acknowledged write; false: asynchronous.
   */
  synchronous?: boolean;
  startupTimeoutMs?: number;
}

export interface PostgresReplicaPair {
  primary: ServerHandle;
  /** A hot standby streaming from the primary: answers reads, refuses writes until promoted. */
  replica: ServerHandle;
  password: string;
  /**
   * The failover step an operator (or their tool) takes once the primary is gone: the replica
   * leaves recovery and accepts writes; clients are pointed at it.
   */
  promoteReplica(): Promise<void>;
  stop(): Promise<void>;
}

const REPLICATION_USER = 'replicator';
const BASEBACKUP_TIMEOUT_MS = 120_000;

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Starts a PostgreSQL primary and one streaming replica of it (physical replication made by
 * pg_basebackup, as Debian's PostgreSQL ships it), each on its own port of 127.0.0.1. The
 * replica authenticates as a replication-only role with a password kept in an owner-only
 * passfile. Nothing promotes the replica by itself: `promoteReplica()` is the documented
 * operator step (`pg_promote()`).
 */
export async function startPostgresReplicaPair(
  options: PostgresReplicaOptions,
): Promise<PostgresReplicaPair> {
  const password = options.password ?? newSecret();
  const synchronous = options.synchronous ?? true;
  const common = {
    password,
    persistent: options.persistent,
    startupTimeoutMs: options.startupTimeoutMs,
    // tests run without fsync, but a commit must still wait until the standby applied it
    settings: synchronous ? { synchronous_commit: 'remote_apply' } : undefined,
  };
  const primary = await startPostgresServer({
    ...common,
    dataDir: path.join(options.baseDir, 'pg-primary'),
  });
  const started: ServerHandle[] = [primary];
  try {
    const replicationPassword = newSecret();
    await query(
      primary.url,
      `CREATE ROLE ${REPLICATION_USER} WITH REPLICATION LOGIN PASSWORD '${replicationPassword}'`,
    );
    const hbaFile = path.join(primary.dataDir, 'data', 'pg_hba.conf');
    writeFileSync(
      hbaFile,
      `${readFileSync(hbaFile, 'utf8')}\nhost replication ${REPLICATION_USER} 127.0.0.1/32 scram-sha-256\n`,
    );
    await query(primary.url, 'SELECT pg_reload_conf()');

    const replicaDir = path.join(options.baseDir, 'pg-replica');
    mkdirSync(replicaDir, { recursive: true });
    const { setpriv } = await ensureServerBinaries();
    const runAs = serverOsUser('postgres', replicaDir, setpriv);
    const passfile = path.join(replicaDir, '.pgpass');
    writeFileSync(
      passfile,
      `127.0.0.1:${primary.port}:*:${REPLICATION_USER}:${replicationPassword}\n`,
      { mode: 0o600 },
    );
    if (runAs) chownSync(passfile, runAs.uid, runAs.gid);
    const { initdb } = await postgresBinariesFor(undefined);
    await runLogged(
      {
        name: 'pg_basebackup',
        // next to the real initdb (/usr/lib/postgresql/<major>/bin), not a symlink's folder
        command: path.join(path.dirname(realpathSync(initdb)), 'pg_basebackup'),
        args: [
          '-D', path.join(replicaDir, 'data'),
          '-d', `host=127.0.0.1 port=${primary.port} user=${REPLICATION_USER} passfile=${passfile}`,
          '-X', 'stream', '-c', 'fast',
          '-R', // standby.signal plus primary_conninfo (with the passfile) in postgresql.auto.conf
        ], // prettier-ignore
        cwd: replicaDir,
        logFile: path.join(replicaDir, 'pg_basebackup.log'),
        setpriv,
        runAsUser: runAs?.name,
      },
      BASEBACKUP_TIMEOUT_MS,
    );
    const replica = await startPostgresServer({ ...common, dataDir: replicaDir });
    started.push(replica);
    await waitFor(
      async () =>
        (await query<{ state: string }>(primary.url, 'SELECT state FROM pg_stat_replication'))[0]
          ?.state === 'streaming',
      {
        timeoutMs: options.startupTimeoutMs ?? 30_000,
        intervalMs: 100,
        message: 'the replica streaming',
      },
    );
    if (synchronous) {
      await query(primary.url, `ALTER SYSTEM SET synchronous_standby_names = '*'`);
      await query(primary.url, 'SELECT pg_reload_conf()');
    }
    return {
      primary,
      replica,
      password,
      async promoteReplica() {
        await query(replica.url, 'SELECT pg_promote(true, 60)');
      },
      async stop() {
        await Promise.allSettled(started.map((h) => h.stop()));
      },
    };
  } catch (err) {
    await Promise.allSettled(started.map((h) => h.stop()));
    throw err;
  }
}
