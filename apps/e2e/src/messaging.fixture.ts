import path from 'node:path';

import type { AppReply, ChatMessage, CreateAppRequest, Platform } from '@im/contracts';
import { createLogger, NatsBus } from '@im/platform';
import { ImChat, ImChatOptions, ImClient, RestAdminClient } from '@im/sdk';
import {
  createTempDir,
  LocalServers,
  natsPermissionViolations,
  PlatformApps,
  RunningPlatform,
  startLocalServers,
  startPlatform,
  startRedisServer,
} from '@im/testing';
import type { ServerHandle } from '@im/testing';

export interface DeviceOptions extends ImChatOptions {
  platform?: Platform;
  /** Gateway endpoints to use, in order (default: all, from the first). */
  urls?: string[];
  /** Open the connection now (default true). */
  connect?: boolean;
  /** A guest session (receive-only in live rooms); `userId` is then ignored. */
  guest?: boolean;
}

import { removeKeepingLogsIfFailed } from './failed-run';
import { sdkClient } from './support/sdk-user.client';

/** One SDK client (ImClient + ImChat) of a user and what it received. */
export interface Device {
  userId: string;
  client: ImClient;
  chat: ImChat;
  /** Every `message` event, in order. */
  received: ChatMessage[];
  /** Seqs received in one conversation, in order. */
  seqs(convId: string): number[];
}

/**
 * The whole platform for one messaging test file, with several conn-gateway processes: its own
 * nats-server, redis-server and postgres, every built service as a process, SDK clients over
 * WebSocket, and the faults the tests need (kill and restart a gateway, restart Redis empty).
 */
export class MessagingFixture {
  private readonly devices: Device[] = [];
  private redis: ServerHandle;

  private constructor(
    readonly dir: string,
    readonly servers: LocalServers,
    readonly platform: RunningPlatform,
    readonly apps: PlatformApps,
    readonly bus: NatsBus,
  ) {
    this.redis = servers.redis;
  }

  static async start(
    options: { gateways?: number; extraEnv?: Record<string, Record<string, string>> } = {},
  ): Promise<MessagingFixture> {
    const dir = await createTempDir();
    const servers = await startLocalServers({ baseDir: dir, persistent: false });
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
        instances: { 'conn-gateway': options.gateways ?? 2 },
        extraEnv: {
          ...options.extraEnv,
          // Presence refreshed every second, so a restarted Redis knows the sessions again soon.
          'conn-gateway': {
            CONN_GATEWAY_HEARTBEAT_INTERVAL_MS: '2000',
            ...options.extraEnv?.['conn-gateway'],
          },
        },
      });
      const bus = new NatsBus({
        servers: [servers.nats.url],
        name: `messaging-e2e-${process.pid}`,
        requestTimeoutMs: 10_000,
        logger: createLogger('messaging-e2e', 'test', 'silent'),
      });
      await bus.connect();
      return new MessagingFixture(
        dir,
        servers,
        platform,
        await PlatformApps.connect(servers.nats.url),
        bus,
      );
    } catch (err) {
      await servers.stop();
      throw err;
    }
  }

  /** Every gateway's WebSocket URL (`conn-gateway`, `conn-gateway-2`, ...). */
  get wsUrls(): string[] {
    return this.platform.wsUrls;
  }

  /** A new app (settings merged over the defaults). */
  createApp(req: Partial<CreateAppRequest> = {}): Promise<AppReply> {
    return this.apps.create(req);
  }

  /** A REST client for an app's admin. */
  admin(app: AppReply): RestAdminClient {
    return new RestAdminClient({
      baseUrl: this.platform.restUrl,
      sdkAppId: app.sdkAppId,
      identifier: app.adminIdentifiers[0],
      secretKey: app.secretKey,
    });
  }

  /** An SDK client of `userId`, logged in (unless `connect: false`) and synced. */
  async device(app: AppReply, userId: string, options: DeviceOptions = {}): Promise<Device> {
    const client = sdkClient(app, options.urls ?? this.wsUrls, userId, {
      guest: options.guest,
      platform: options.platform ?? 'Web',
      requestTimeoutMs: 10_000,
      reconnectDelayMs: { initial: 100, max: 1000 },
    });
    const chat = new ImChat(client, { syncIntervalMs: 5000, ...options });
    const received: ChatMessage[] = [];
    chat.on('message', (m) => received.push(m));
    const device: Device = {
      userId,
      client,
      chat,
      received,
      seqs: (convId) => received.filter((m) => m.convId === convId).map((m) => m.seq),
    };
    this.devices.push(device);
    if (options.connect !== false) {
      await client.connect();
      await chat.whenSynced();
    }
    return device;
  }

  /** Kills a gateway process at once (SIGKILL: no goodbye to its clients). */
  async killGateway(name: string): Promise<void> {
    const proc = this.platform.services.get(name);
    if (!proc) throw new Error(`no process ${name}`);
    process.kill(proc.pid, 'SIGKILL');
    await proc.exited;
  }

  /** Starts a stopped or killed process again with its environment. */
  async restart(name: string): Promise<void> {
    await this.platform.restart(name);
  }

  /** Stops redis-server and starts an empty one on the same port (counters and presence lost). */
  async restartRedis(): Promise<void> {
    await this.redis.stop();
    this.redis = await startRedisServer({
      dataDir: path.join(this.dir, 'redis-restarted'),
      port: this.redis.port,
      persistent: false,
      password: this.servers.credentials.redis, // the services keep theirs
    });
  }

  async stop(): Promise<void> {
    for (const d of this.devices) await d.chat.close().catch(() => undefined);
    await this.bus.close().catch(() => undefined);
    await this.apps.close().catch(() => undefined);
    await this.platform.stop();
    if (this.redis !== this.servers.redis) await this.redis.stop();
    await this.servers.stop();
    const denied = natsPermissionViolations(this.servers.nats.logFile);
    removeKeepingLogsIfFailed(this.dir, expect.getState().testPath ?? 'MessagingFixture');
    // every service did only what its NATS user may (libs/testing nats-access.ts)
    if (denied.length > 0) throw new Error(`NATS refused a service:\n${denied.join('\n')}`);
  }
}
