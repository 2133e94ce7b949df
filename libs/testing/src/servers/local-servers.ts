import path from 'node:path';

import { ensureServerBinaries } from './binaries';
import { CREDENTIALS_FILE, InfraCredentials, loadOrCreateCredentials } from './credentials';
import { startNatsServer } from './nats-server.process';
import { startPostgresServer } from './postgres-server.process';
import { startRedisServer } from './redis-server.process';
import { ServerHandle } from './server-handle';

export interface LocalServersOptions {
  /** Each server gets a folder below: nats/, redis/, postgres/. */
  baseDir: string;
  /** true for the launcher (data kept, durable), false for tests (throwaway, fast). */
  persistent: boolean;
  /** Fixed ports; a missing or 0 port means a free one. */
  ports?: { nats?: number; redis?: number; postgres?: number };
  /** Where the postgres cluster lives instead of `<baseDir>/postgres` (must be reachable by its OS user). */
  postgresDir?: string;
  /** Where redis keeps its files instead of `<baseDir>/redis` (as root: reachable by `redis`). */
  redisDir?: string;
  /**
   * The service databases, each of which gets its own role and password in the credentials
   * (the launcher creates them; the servers only need the admin's).
   */
  databases?: readonly string[];
  startupTimeoutMs?: number;
}

export interface LocalServers {
  nats: ServerHandle;
  redis: ServerHandle;
  postgres: ServerHandle;
  /** Every password (`<baseDir>/credentials.json`, owner-only). */
  credentials: InfraCredentials;
  credentialsFile: string;
  /** Stops all three (in parallel); resolves once they exited. */
  stop(): Promise<void>;
}

async function stopAll(handles: ServerHandle[]): Promise<void> {
  const results = await Promise.allSettled(handles.map((h) => h.stop()));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 0) {
    throw new Error(
      `[testing] could not stop every server: ${failed.map((f) => String(f.reason)).join('; ')}`,
    );
  }
}

/**
 * Starts nats-server (JetStream), redis-server and postgres in parallel on 127.0.0.1, each
 * refusing clients without a password: the credentials are read from, or generated into,
 * `<baseDir>/credentials.json`. When one fails, the others are stopped before the error is
 * thrown.
 */
export async function startLocalServers(options: LocalServersOptions): Promise<LocalServers> {
  // One lookup and at most one apt-get before the three starts race for it.
  await ensureServerBinaries();
  const credentialsFile = path.join(options.baseDir, CREDENTIALS_FILE);
  const credentials = loadOrCreateCredentials(credentialsFile, options.databases ?? []);
  const common = { persistent: options.persistent, startupTimeoutMs: options.startupTimeoutMs };
  const dir = (name: string) => path.join(options.baseDir, name);
  const [nats, redis, postgres] = await Promise.allSettled([
    startNatsServer({
      ...common,
      dataDir: dir('nats'),
      port: options.ports?.nats,
      password: credentials.nats.operator,
      servicePasswords: credentials.nats.services,
    }),
    startRedisServer({
      ...common,
      dataDir: options.redisDir ?? dir('redis'),
      port: options.ports?.redis,
      password: credentials.redis,
    }),
    startPostgresServer({
      ...common,
      dataDir: options.postgresDir ?? dir('postgres'),
      port: options.ports?.postgres,
      password: credentials.postgres.superuser,
    }),
  ]);
  if (
    nats.status === 'fulfilled' &&
    redis.status === 'fulfilled' &&
    postgres.status === 'fulfilled'
  ) {
    const handles = [nats.value, redis.value, postgres.value];
    return {
      nats: nats.value,
      redis: redis.value,
      postgres: postgres.value,
      credentials,
      credentialsFile,
      stop: () => stopAll(handles),
    };
  }
  const all = [nats, redis, postgres];
  const started = all.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  await stopAll(started).catch(() => undefined);
  const errors = all.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (errors.length === 1) throw errors[0];
  throw new Error(errors.map((e) => e.message).join('\n\n'), { cause: errors[0] });
}
