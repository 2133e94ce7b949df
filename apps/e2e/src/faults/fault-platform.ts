import path from 'node:path';

import type { AppReply } from '@im/contracts';
import { RestAdminClient } from '@im/sdk';
import {
  createTempDir,
  LocalServers,
  natsPermissionViolations,
  PlatformApps,
  RunningPlatform,
  startLocalServers,
  startNatsServer,
  startPlatform,
  startPostgresServer,
  startRedisServer,
} from '@im/testing';
import type { ServerHandle } from '@im/testing';

/** What the fault suite kills: a service process by name, or one of the three servers. */
export type FaultTarget =
  'message' | 'conn-gateway-2' | 'api-gateway' | 'nats-server' | 'redis-server' | 'postgres';

export const ALL_FAULTS: readonly FaultTarget[] = [
  'message',
  'conn-gateway-2',
  'api-gateway',
  'nats-server',
  'redis-server',
  'postgres',
];

type ServerName = 'nats' | 'redis' | 'postgres';
const SERVER_OF: Partial<Record<FaultTarget, ServerName>> = {
  'nats-server': 'nats',
  'redis-server': 'redis',
  postgres: 'postgres',
};

/**
 * The platform the fault suite breaks: its own nats-server, redis-server and postgres kept
 * durable as under `npm start` (append-only Redis, fsync'ed PostgreSQL, JetStream on disk), two
 * conn-gateways and every other service as a process. `kill` is a SIGKILL (kill -9) of the
 * target — a server with its whole process group, as when a host loses it — and `restart`
 * starts it again like a supervisor would: a service through the harness, a server on the same
 * port with the same data dir and password.
 */
export class FaultPlatform {
  private readonly handles: Record<ServerName, ServerHandle>;

  private constructor(
    readonly dir: string,
    readonly servers: LocalServers,
    readonly platform: RunningPlatform,
    readonly apps: PlatformApps,
  ) {
    this.handles = { nats: servers.nats, redis: servers.redis, postgres: servers.postgres };
  }

  static async start(): Promise<FaultPlatform> {
    const dir = await createTempDir();
    const servers = await startLocalServers({ baseDir: dir, persistent: true });
    try {
      const platform = await startPlatform({
        infra: {
          natsUrl: servers.nats.url,
          redisUrl: servers.redis.url,
          postgresUrl: servers.postgres.url,
          credentials: servers.credentials,
        },
        logDir: path.join(dir, 'logs'),
        databaseName: (_service, database) => `${database}_e2e_test`,
        logLevel: 'warn',
        instances: { 'conn-gateway': 2 },
        extraEnv: {
          // presence refreshed often, so a restarted Redis knows the sessions again soon
          'conn-gateway': { CONN_GATEWAY_HEARTBEAT_INTERVAL_MS: '2000' },
        },
      });
      return new FaultPlatform(
        dir,
        servers,
        platform,
        await PlatformApps.connect(servers.nats.url),
      );
    } catch (err) {
      await servers.stop();
      throw err;
    }
  }

  get restUrl(): string {
    return this.platform.restUrl;
  }

  /** Gateway WebSocket URLs: `[conn-gateway, conn-gateway-2]`. */
  get wsUrls(): string[] {
    return this.platform.wsUrls;
  }

  createApp(): Promise<AppReply> {
    return this.apps.create({ settings: { avChatRoomEnabled: true } });
  }

  admin(app: AppReply): RestAdminClient {
    return new RestAdminClient({
      baseUrl: this.restUrl,
      sdkAppId: app.sdkAppId,
      identifier: app.adminIdentifiers[0],
      secretKey: app.secretKey,
      timeoutMs: 10_000,
    });
  }

  /** kill -9 of the target; resolves once it is gone. */
  async kill(target: FaultTarget): Promise<void> {
    const server = SERVER_OF[target];
    if (server) {
      const handle = this.handles[server];
      // the server's process group: postgres's backends go with the postmaster
      killGroup(handle.pid);
      await handle.stop(); // returns once the (already killed) process has exited
      return;
    }
    const proc = this.platform.services.get(target);
    if (!proc) throw new Error(`no process ${target}`);
    process.kill(proc.pid, 'SIGKILL');
    await proc.exited;
  }

  /** Starts the killed target again; resolves once it answers (ready). */
  async restart(target: FaultTarget): Promise<void> {
    const server = SERVER_OF[target];
    if (!server) {
      await this.platform.restart(target);
      return;
    }
    const old = this.handles[server];
    // crash recovery (WAL replay, AOF load, JetStream recovery) on 2 busy cores takes a while
    const common = {
      dataDir: old.dataDir,
      port: old.port,
      persistent: true,
      startupTimeoutMs: 120_000,
    };
    const creds = this.servers.credentials;
    if (server === 'nats')
      this.handles.nats = await startNatsServer({
        ...common,
        password: creds.nats.operator,
        servicePasswords: creds.nats.services,
      });
    else if (server === 'redis')
      this.handles.redis = await startRedisServer({ ...common, password: creds.redis });
    else
      this.handles.postgres = await startPostgresServer({
        ...common,
        password: creds.postgres.superuser,
      });
  }

  /** NATS permission violations logged so far (a service doing what its user may not). */
  natsViolations(): string[] {
    return natsPermissionViolations(this.handles.nats.logFile);
  }

  /**
   * Violations logged since `before` (an earlier `natsViolations()`). Replies are allowed by the
   * callers' inboxes, not per request, so a reply that outlives a nats-server restart is allowed
   * too: no fault excuses any violation.
   */
  natsViolationsSince(before: readonly string[]): string[] {
    return this.natsViolations().slice(before.length);
  }

  async stop(): Promise<void> {
    await this.apps.close().catch(() => undefined);
    await this.platform.stop();
    await Promise.allSettled(Object.values(this.handles).map((h) => h.stop()));
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    process.kill(pid, 'SIGKILL');
  }
}
