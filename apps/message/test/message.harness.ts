// Helpers of the message integration specs: a world of one's own (nats-server, redis-server
// and postgres in a temp dir; the built account service — and api-gateway when asked — as
// processes; the message service in this process; fakes of group, profile and relation),
// requests over NATS as a given caller, presence entries, and recorders of what is published.
import { rm } from 'node:fs/promises';
import path from 'node:path';

import type { INestMicroservice } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Msg, Subscription } from 'nats';
import { Pool } from 'pg';

import {
  AccountRpc,
  ConnSubjects,
  EventStreams,
  PresenceCacheKeys,
  RemoteError,
  resolvedDeliveryItems,
} from '@im/contracts';
import type {
  AppSettings,
  CallerRole,
  DeliveryBatch,
  DeliveryItem,
  PresenceSession,
  RoomDelivery,
  RpcReplyOf,
  RpcRequestOf,
  RpcSubject,
} from '@im/contracts';
import { createLogger, NatsBus, startMicroservice } from '@im/platform';
import type { RequestOptions } from '@im/platform';
import { RestAdminClient } from '@im/sdk';
import {
  createTempDir,
  databaseUrl,
  findFreePort,
  PlatformApps,
  startLocalServers,
  startPlatform,
  startRedisServer,
  waitFor,
} from '@im/testing';
import type { LocalServers, RunningPlatform, ServerHandle } from '@im/testing';

import { loadMessageConfig } from '../src/message.config';
import { MessageModule } from '../src/message.module';
import type { MessageTuning } from '../src/message-tuning.config';
import { FakeServices } from './fake-services';

export const ADMIN = 'administrator';
const MESSAGE_DATABASE = 'im_message_test';

/** Test tuning: no presence or group caching, short grace, small blocks. */
export const TEST_TUNING: Partial<MessageTuning> = {
  presenceCacheMs: 0,
  groupCacheMs: 0,
  holeGraceMs: 300,
  settingsTtlMs: 200,
};

export interface WorldOptions {
  /** Start api-gateway (from its build) for REST tests. */
  rest?: boolean;
  tuning?: Partial<MessageTuning>;
}

/**
 * Why a world per file: every message (and account) instance on one NATS joins its service's
 * queue group, so another file's instance could answer this file's requests. Tests share the
 * world but each creates its own app.
 */
export class MessageWorld {
  private service?: INestMicroservice;
  /** The redis-server now running (a restarted one replaces the first). */
  private redisServer: ServerHandle;

  private constructor(
    readonly dir: string,
    readonly servers: LocalServers,
    readonly platform: RunningPlatform,
    readonly bus: NatsBus,
    readonly apps: PlatformApps,
    readonly fakes: FakeServices,
    readonly pg: Pool,
    readonly redis: Redis,
    private readonly serviceEnv: Record<string, string>,
    private readonly tuning: Partial<MessageTuning>,
  ) {
    this.redisServer = servers.redis;
  }

  static async start(options: WorldOptions = {}): Promise<MessageWorld> {
    const dir = await createTempDir();
    const servers = await startLocalServers({ baseDir: dir, persistent: false });
    const cleanup: (() => Promise<unknown>)[] = [() => servers.stop()];
    try {
      const infra = {
        natsUrl: servers.nats.url,
        redisUrl: servers.redis.url,
        postgresUrl: servers.postgres.url,
        credentials: servers.credentials,
      };
      const platform = await startPlatform({
        infra,
        services: options.rest ? ['account', 'api-gateway'] : ['account'],
        logDir: path.join(dir, 'logs'),
        logLevel: 'warn',
        databaseName: (_service, database) => `${database}_test`,
        extraEnv: { 'api-gateway': { NATS_REQUEST_TIMEOUT_MS: '10000' } },
      });
      cleanup.unshift(() => platform.stop());
      const bus = new NatsBus({
        servers: [infra.natsUrl],
        name: `message-test-client-${process.pid}`,
        requestTimeoutMs: 15_000,
        logger: createLogger('message-test', 'client', 'silent'),
      });
      await bus.connect();
      cleanup.unshift(() => bus.close());
      // The streams the notification consumers read exist before the service starts.
      for (const stream of [EventStreams.group, EventStreams.relation, EventStreams.profile])
        await bus.ensureStream(stream);
      const fakes = await FakeServices.start(bus.connection);
      const apps = await PlatformApps.connect(infra.natsUrl);
      cleanup.unshift(() => apps.close());
      const dbUrl = databaseUrl(infra.postgresUrl, MESSAGE_DATABASE);
      const serviceEnv = {
        NATS_URL: infra.natsUrl,
        REDIS_URL: infra.redisUrl,
        MESSAGE_DATABASE_URL: dbUrl,
        MESSAGE_DATABASE_POOL_MAX: '10',
        LOG_LEVEL: 'silent',
        NODE_ID: `message-test-${process.pid}`,
      };
      const tuning = { ...TEST_TUNING, ...options.tuning };
      const world = new MessageWorld(
        dir,
        servers,
        platform,
        bus,
        apps,
        fakes,
        new Pool({ connectionString: dbUrl, max: 3 }),
        new Redis(infra.redisUrl, { maxRetriesPerRequest: 2 }),
        serviceEnv,
        tuning,
      );
      await world.startService();
      return world;
    } catch (err) {
      for (const step of cleanup) await step().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  /** Starts the message service in this process (migrating its database). */
  async startService(): Promise<void> {
    const config = loadMessageConfig({
      ...this.serviceEnv,
      MESSAGE_OPS_PORT: String(await findFreePort()),
    });
    const logger = createLogger('message', config.nodeId, 'silent');
    this.service = await startMicroservice(MessageModule.forRoot(config, logger, this.tuning), {
      config,
      logger,
    });
  }

  /** A provider of the running message service (maintenance runs, direct calls). */
  get<T>(type: new (...args: never[]) => T): T {
    if (!this.service) throw new Error('the message service is not running');
    return this.service.get(type);
  }

  get restUrl(): string {
    return this.platform.restUrl;
  }

  /**
   * Stops redis-server and starts an empty one on the same port (no persistence): every
   * counter, de-duplication key and presence entry is gone.
   */
  async restartRedis(): Promise<void> {
    const { port, dataDir } = this.redisServer;
    await this.redisServer.stop();
    this.redisServer = await startRedisServer({
      dataDir,
      port,
      persistent: false,
      password: this.servers.credentials.redis, // the services keep theirs
    });
    await waitFor(async () => (await this.redis.ping().catch(() => '')) === 'PONG', {
      timeoutMs: 10_000,
      message: 'redis back',
    });
  }

  async stop(): Promise<void> {
    this.fakes.stop();
    await this.redis.quit().catch(() => undefined);
    await this.pg.end().catch(() => undefined);
    await this.apps.close().catch(() => undefined);
    await this.service?.close().catch(() => undefined);
    await this.bus.close().catch(() => undefined);
    await this.platform.stop().catch(() => undefined);
    if (this.redisServer !== this.servers.redis)
      await this.redisServer.stop().catch(() => undefined);
    await this.servers.stop().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  /** A new app (with settings) and its accounts. */
  async newApp(accounts: string[] = [], settings: AppSettings = {}): Promise<TestApp> {
    const app = await this.apps.create({ settings });
    const t = new TestApp(this, app.sdkAppId, app.secretKey);
    if (accounts.length) await t.importAccounts(...accounts);
    return t;
  }

  /** Records what is published on a subject (wildcards allowed), decoded from JSON. */
  async record<T>(subject: string): Promise<Recorder<T>> {
    const recorder = new Recorder<T>(this.bus, subject);
    await this.bus.connection.flush();
    return recorder;
  }
}

/** Messages seen on a subject. */
export class Recorder<T> {
  readonly seen: { subject: string; data: T }[] = [];
  private readonly subscription: Subscription;

  constructor(bus: NatsBus, subject: string) {
    this.subscription = bus.connection.subscribe(subject, {
      callback: (err, msg: Msg) => {
        if (err) return;
        const parsed = JSON.parse(new TextDecoder().decode(msg.data)) as { data?: T } & T;
        // Events come as Nest packets `{pattern, data}`; deliveries as they are.
        const data = subject.includes('.evt.') ? (parsed.data as T) : (parsed as T);
        this.seen.push({ subject: msg.subject, data });
      },
    });
  }

  get values(): T[] {
    return this.seen.map((s) => s.data);
  }

  clear(): void {
    this.seen.length = 0;
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

/** Requests of one app, as its admin or a user; presence of its users. */
export class TestApp {
  readonly rest: RestAdminClient;

  constructor(
    readonly world: MessageWorld,
    readonly sdkAppId: number,
    readonly secretKey: string,
  ) {
    this.rest = new RestAdminClient({
      baseUrl: world.platform.restUrl,
      sdkAppId,
      identifier: ADMIN,
      secretKey,
    });
  }

  options(role: CallerRole = 'admin', callerId = ADMIN, connId?: string): RequestOptions {
    return { context: { sdkAppId: this.sdkAppId, role, callerId, connId } };
  }

  admin<S extends RpcSubject>(subject: S, payload: RpcRequestOf<S>): Promise<RpcReplyOf<S>> {
    return this.world.bus.request(subject, payload, this.options());
  }

  /** As an end user through the gateway (optionally from one of its connections). */
  user<S extends RpcSubject>(
    userId: string,
    subject: S,
    payload: RpcRequestOf<S>,
    connId?: string,
  ): Promise<RpcReplyOf<S>> {
    return this.world.bus.request(subject, payload, this.options('user', userId, connId));
  }

  async importAccounts(...userIds: string[]): Promise<void> {
    for (let i = 0; i < userIds.length; i += 100)
      await this.world.bus.request(
        AccountRpc.ImportMany,
        { accounts: userIds.slice(i, i + 100).map((userId) => ({ userId })) },
        this.options(),
      );
  }

  async updateSettings(settings: AppSettings): Promise<void> {
    await this.world.apps.update({ sdkAppId: this.sdkAppId, settings });
  }

  /** A presence entry as conn-gateway writes it (expiry in the future unless given). */
  async online(
    userId: string,
    connId: string,
    nodeId: string,
    extra: Partial<PresenceSession> = {},
  ): Promise<void> {
    const session: PresenceSession = {
      connId,
      nodeId,
      platform: 'Web',
      status: 'Online',
      since: Date.now(),
      expiresAt: Date.now() + 60_000,
      ...extra,
    };
    await this.world.redis.hset(
      PresenceCacheKeys.sessions(this.sdkAppId, userId),
      connId,
      JSON.stringify(session),
    );
  }

  async offline(userId: string): Promise<void> {
    await this.world.redis.del(PresenceCacheKeys.sessions(this.sdkAppId, userId));
  }
}

/** The items delivered to a node for this app. */
export function itemsOf(batches: DeliveryBatch[], sdkAppId: number): DeliveryItem[] {
  return batches.flatMap(resolvedDeliveryItems).filter((i) => i.sdkAppId === sdkAppId);
}

/** Records the batches of a gateway node. */
export function recordNode(world: MessageWorld, nodeId: string): Promise<Recorder<DeliveryBatch>> {
  return world.record<DeliveryBatch>(ConnSubjects.deliver(nodeId));
}

export function recordRoom(
  world: MessageWorld,
  sdkAppId: number,
  groupId: string,
): Promise<Recorder<RoomDelivery>> {
  return world.record<RoomDelivery>(ConnSubjects.room(sdkAppId, groupId));
}

/** The code of a failed request (fails the test when it succeeds). */
export async function codeOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof RemoteError) return err.code;
    throw err;
  }
  throw new Error('expected the request to fail');
}

/** A text body. */
export function text(value: string) {
  return [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: value } }];
}

let nextRandom = 1;
/** A fresh MsgRandom. */
export function rnd(): number {
  return nextRandom++;
}
