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

/** The three servers by their key in `LocalServers`. */
export type LocalServerName = 'nats' | 'redis' | 'postgres';

export interface LocalServers {
  /** The running servers; `restart` replaces the handle (same URL, port, data and password). */
  nats: ServerHandle;
  redis: ServerHandle;
  postgres: ServerHandle;
  /** Every password (`<baseDir>/credentials.json`, owner-only). */
  credentials: InfraCredentials;
  credentialsFile: string;
  /**
   * Starts one server again after it exited (a crash, `kill -9`): same port, data folder,
   * password and OS user, so its clients reconnect to the same URL. Resolves with the new
   * handle once it answers; rejects when it does not come up (the caller retries).
   */
  restart(name: LocalServerName): Promise<ServerHandle>;
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
  const starters: Record<LocalServerName, (port: number | undefined) => Promise<ServerHandle>> = {
    nats: (port) =>
      startNatsServer({
        ...common,
        dataDir: dir('nats'),
        port,
        password: credentials.nats.operator,
        servicePasswords: credentials.nats.services,
      }),
    redis: (port) =>
      startRedisServer({
        ...common,
        dataDir: options.redisDir ?? dir('redis'),
        port,
        password: credentials.redis,
      }),
    postgres: (port) =>
      startPostgresServer({
        ...common,
        dataDir: options.postgresDir ?? dir('postgres'),
        port,
        password: credentials.postgres.superuser,
      }),
  };
  const [nats, redis, postgres] = await Promise.allSettled([
    starters.nats(options.ports?.nats),
    starters.redis(options.ports?.redis),
    starters.postgres(options.ports?.postgres),
  ]);
  if (
    nats.status === 'fulfilled' &&
    redis.status === 'fulfilled' &&
    postgres.status === 'fulfilled'
  ) {
    const servers: LocalServers = {
      nats: nats.value,
      redis: redis.value,
      postgres: postgres.value,
      credentials,
      credentialsFile,
      restart: async (name) => {
        // the port it had, even when it was picked free at first start: the URL stays valid
        const handle = await starters[name](servers[name].port);
        servers[name] = handle;
        return handle;
      },
      // whichever handles are current (a restarted server has a new one)
      stop: () => stopAll([servers.nats, servers.redis, servers.postgres]),
    };
    return servers;
  }
  const all = [nats, redis, postgres];
  const started = all.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  await stopAll(started).catch(() => undefined);
  const errors = all.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (errors.length === 1) throw errors[0];
  throw new Error(errors.map((e) => e.message).join('\n\n'), { cause: errors[0] });
}
