// The push service in this process with what it needs on servers of its own (ADR 0002):
// nats-server, redis-server and postgres from `startLocalServers`, account and conn-gateway as
// processes, real SDK clients as the online users.
import { rmSync } from 'node:fs';
import path from 'node:path';

import type { INestMicroservice } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Pool } from 'pg';

import { AccountRpc, EventStreams, PushCommands } from '@im/contracts';
import type {
  AppReply,
  CallerRole,
  CreateAppRequest,
  PushedMessage,
  RpcReplyOf,
  RpcRequestOf,
  RpcSubject,
} from '@im/contracts';
import { createLogger, NatsBus, startMicroservice } from '@im/platform';
import { ImClient } from '@im/sdk';
import {
  createTempDir,
  databaseUrl,
  findFreePort,
  PlatformApps,
  startLocalServers,
  startPlatform,
  waitFor,
} from '@im/testing';
import type { LocalServers, RunningPlatform } from '@im/testing';
import { signUserSig } from '@im/usersig';

import { loadPushConfig } from '../src/push.config';
import { PushModule } from '../src/push.module';

/** An online user: its client and every `push` it received. */
export interface OnlineUser {
  userId: string;
  client: ImClient;
  pushes: PushedMessage[];
}

export class PushHarness {
  private readonly clients: ImClient[] = [];

  private constructor(
    readonly dir: string,
    readonly servers: LocalServers,
    readonly platform: RunningPlatform,
    readonly service: INestMicroservice,
    readonly apps: PlatformApps,
    readonly bus: NatsBus,
    readonly redis: Redis,
    readonly pg: Pool,
  ) {}

  static async start(pushEnv: Record<string, string> = {}): Promise<PushHarness> {
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
        services: ['account', 'conn-gateway'],
        logDir: path.join(dir, 'logs'),
        databaseName: (_s, db) => `${db}_push_test`,
        logLevel: 'warn',
      });
      const bus = new NatsBus({
        servers: [servers.nats.url],
        name: 'push-test',
        requestTimeoutMs: 5000,
        logger: createLogger('push-test', 'push-test', 'silent'),
      });
      await bus.connect();
      // The message service is not started here: its stream is made so the push service's
      // offline-push consumer attaches at once and the tests can publish jobs.
      await bus.ensureStream(EventStreams.message);
      const dbUrl = databaseUrl(servers.postgres.url, 'im_push_push_test');
      const config = loadPushConfig({
        NATS_URL: servers.nats.url,
        REDIS_URL: servers.redis.url,
        PUSH_DATABASE_URL: dbUrl,
        PUSH_OPS_PORT: String(await findFreePort()),
        PUSH_PAGE_SIZE: '2',
        PUSH_TASK_POLL_MS: '200',
        LOG_LEVEL: 'silent',
        NODE_ID: `push-test-${process.pid}`,
        ...pushEnv,
      });
      const logger = createLogger('push', config.nodeId, 'silent');
      const service = await startMicroservice(PushModule.forRoot(config, logger), {
        config,
        logger,
      });
      return new PushHarness(
        dir,
        servers,
        platform,
        service,
        await PlatformApps.connect(servers.nats.url),
        bus,
        new Redis(servers.redis.url),
        new Pool({ connectionString: dbUrl, max: 2 }),
      );
    } catch (err) {
      await servers.stop();
      throw err;
    }
  }

  /** An app with the push service enabled and no rate limits unless given. */
  createApp(
    push: Record<string, unknown> = {},
    extra: Partial<CreateAppRequest> = {},
  ): Promise<AppReply> {
    return this.apps.create({
      ...extra,
      settings: { push: { enabled: true, minIntervalSeconds: 0, dailyLimit: 1_000_000, ...push } },
    });
  }

  /** A request to the push service as a caller of an app (admin = the REST edge). */
  call<S extends RpcSubject>(
    app: AppReply,
    subject: S,
    req: RpcRequestOf<S>,
    role: CallerRole = 'admin',
    callerId = 'administrator',
  ): Promise<RpcReplyOf<S>> {
    return this.bus.request(subject, req, { context: { sdkAppId: app.sdkAppId, role, callerId } });
  }

  /** Imports accounts and waits until the push service's mirror has them. */
  async importUsers(app: AppReply, ...userIds: string[]): Promise<void> {
    await this.bus.request(
      AccountRpc.ImportMany,
      { accounts: userIds.map((userId) => ({ userId })) },
      { context: { sdkAppId: app.sdkAppId, role: 'admin', callerId: 'administrator' } },
    );
    await waitFor(
      async () => {
        const { rows } = await this.pg.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM push_users WHERE sdk_app_id = $1 AND user_id = ANY($2)',
          [app.sdkAppId, userIds],
        );
        return rows[0].n === userIds.length;
      },
      { timeoutMs: 10_000, message: 'accounts mirrored by the push service' },
    );
  }

  /** Logs a user in with the SDK and records the `push` pushes it gets. */
  async online(app: AppReply, userId: string): Promise<OnlineUser> {
    const client = new ImClient({
      url: this.platform.wsUrl,
      sdkAppId: app.sdkAppId,
      userId,
      userSig: () =>
        signUserSig({
          sdkAppId: app.sdkAppId,
          secretKey: app.secretKey,
          identifier: userId,
          expireSeconds: 3600,
        }),
      reconnect: false,
      requestTimeoutMs: 5000,
    });
    const user: OnlineUser = { userId, client, pushes: [] };
    client.on('push', (cmd: string, data: unknown) => {
      if (cmd === PushCommands.Push) user.pushes.push(data as PushedMessage);
    });
    this.clients.push(client);
    await client.connect();
    return user;
  }

  async stop(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.close().catch(() => undefined)));
    await this.service?.close();
    await this.bus?.close();
    await this.apps?.close();
    await this.redis?.quit();
    await this.pg?.end();
    await this.platform?.stop();
    await this.servers.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
