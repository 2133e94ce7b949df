// Helpers of the callback-dispatcher integration specs: one file's own world (nats-server,
// redis-server, postgres; the built account service as a process, so per-app settings are
// real; the dispatcher in this process), a stand-in for the profile service, and publishers
// of the owners' events.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';

import type { INestMicroservice } from '@nestjs/common';
import type { Subscription } from 'nats';
import { Pool } from 'pg';

import { CallbackDispatcherRpc, EventStreams, ProfileRpc } from '@im/contracts';
import type {
  CallbackSettings,
  CallerRole,
  EventFact,
  EventOf,
  EventSubject,
  ProfileItem,
  RpcReplyOf,
  RpcRequestOf,
} from '@im/contracts';
import { createLogger, NatsBus, runWithRequestContext, startMicroservice } from '@im/platform';
import type { RequestOptions } from '@im/platform';
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

import { loadCallbackDispatcherConfig } from '../src/callback-dispatcher.config';
import type { CallbackTuning } from '../src/callback-dispatcher.config';
import { CallbackDispatcherModule } from '../src/callback-dispatcher.module';
import { CallbackSettingsReader } from '../src/callback-settings.reader';

export const ADMIN = 'administrator';
export const DISPATCHER_DB = 'im_callback_dispatcher_test';

/** Who published an event (its request context): the App admin over REST, a user, ... */
export interface Origin {
  role: CallerRole;
  callerId: string;
}
export const byAdmin: Origin = { role: 'admin', callerId: ADMIN };
export const byUser = (userId: string): Origin => ({ role: 'user', callerId: userId });

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Everything one integration file drives. Its own servers: a dispatcher on a shared NATS would
 * join queue group `callback-dispatcher` and durable consumers of another file.
 */
export class CallbackWorld {
  /** What the stand-in profile service answers to `profile.rpc.get`: items per app and user. */
  readonly profiles = new Map<string, ProfileItem[]>();
  private profileStub?: Subscription;

  private constructor(
    readonly dir: string,
    readonly servers: LocalServers,
    readonly platform: RunningPlatform,
    readonly bus: NatsBus,
    readonly apps: PlatformApps,
    readonly pg: Pool,
    readonly tuning: Partial<CallbackTuning>,
    public dispatcher: INestMicroservice,
  ) {}

  static async start(tuning: Partial<CallbackTuning> = {}): Promise<CallbackWorld> {
    const dir = await createTempDir();
    const cleanups: (() => Promise<unknown>)[] = [() => rm(dir, { recursive: true, force: true })];
    try {
      const servers = await startLocalServers({ baseDir: dir, persistent: false });
      cleanups.push(() => servers.stop());
      const platform = await startPlatform({
        infra: {
          natsUrl: servers.nats.url,
          redisUrl: servers.redis.url,
          postgresUrl: servers.postgres.url,
          credentials: servers.credentials,
        },
        services: ['account'],
        logDir: path.join(dir, 'logs'),
        logLevel: 'warn',
        databaseName: (_service, database) => `${database}_test`,
      });
      cleanups.push(() => platform.stop());
      const bus = await connectTestBus(servers.nats.url);
      cleanups.push(() => bus.close());
      // The owners' streams, as their services create them at start.
      for (const owner of ['conn', 'profile', 'relation', 'group', 'message'] as const)
        await bus.ensureStream(EventStreams[owner]);
      const apps = await PlatformApps.connect(servers.nats.url);
      cleanups.push(() => apps.close());
      const dispatcher = await startDispatcher(servers, tuning);
      cleanups.push(() => dispatcher.close());
      const pg = new Pool({
        connectionString: databaseUrl(servers.postgres.url, DISPATCHER_DB),
        max: 2,
      });
      pg.on('error', () => undefined);
      cleanups.push(() => pg.end());
      const world = new CallbackWorld(dir, servers, platform, bus, apps, pg, tuning, dispatcher);
      world.startProfileStub();
      return world;
    } catch (err) {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
      throw err;
    }
  }

  async stop(): Promise<void> {
    this.profileStub?.unsubscribe();
    await this.dispatcher.close();
    await this.bus.close();
    await this.apps.close();
    await this.pg.end();
    await this.platform.stop();
    await this.servers.stop();
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Stops the dispatcher and starts a new one on the same database and durable consumers. */
  async restartDispatcher(): Promise<void> {
    await this.dispatcher.close();
    this.dispatcher = await startDispatcher(this.servers, this.tuning);
  }

  /** A fresh app (each test takes its own) with these callback settings. */
  async newApp(callbacks?: CallbackSettings): Promise<number> {
    const app = await this.apps.create({ settings: callbacks ? { callbacks } : {} });
    return app.sdkAppId;
  }

  /** Changes an app's callbacks as an operator would, and waits until the dispatcher has them. */
  async setCallbacks(sdkAppId: number, callbacks: CallbackSettings): Promise<void> {
    await this.apps.update({ sdkAppId, settings: { callbacks } });
    const reader = this.dispatcher.get(CallbackSettingsReader);
    // Without a URL the app sends nothing, whatever is enabled.
    const wanted = JSON.stringify(
      callbacks.url ? [callbacks.url, [...(callbacks.enabledCommands ?? [])].sort()] : [null, []],
    );
    await waitFor(
      async () => {
        const seen = await reader.of(sdkAppId);
        return JSON.stringify([seen?.url ?? null, [...(seen?.commands ?? [])].sort()]) === wanted;
      },
      { timeoutMs: 5000, message: 'dispatcher sees the new callback settings' },
    );
  }

  /** Publishes an owner's event, as the owner would, with the given origin as its context. */
  publish<S extends EventSubject>(
    subject: S,
    fact: EventFact<EventOf<S>> & { sdkAppId: number },
    origin: Origin = byAdmin,
  ): Promise<EventOf<S>> {
    return runWithRequestContext(
      { requestId: randomUUID(), sdkAppId: fact.sdkAppId, ...origin },
      () => this.bus.publish(subject, fact),
    );
  }

  /** `callback-dispatcher.rpc.before` as the owning service sends it (caller of the app). */
  before(
    sdkAppId: number,
    req: RpcRequestOf<typeof CallbackDispatcherRpc.Before>,
    origin: Origin = byUser('alice'),
  ): Promise<RpcReplyOf<typeof CallbackDispatcherRpc.Before>> {
    return this.bus.request(CallbackDispatcherRpc.Before, req, {
      context: { sdkAppId, ...origin },
      timeoutMs: 5000,
    });
  }

  /** Rows of the dispatcher's queue for an app. */
  async queued(sdkAppId: number): Promise<{ attempts: number; command: string }[]> {
    const { rows } = await this.pg.query<{ attempts: number; command: string }>(
      'SELECT attempts, command FROM callback_deliveries WHERE sdk_app_id = $1 ORDER BY id',
      [sdkAppId],
    );
    return rows;
  }

  /** Answers `profile.rpc.get` like the profile service would, from `profiles`. */
  private startProfileStub(): void {
    this.profileStub = this.bus.connection.subscribe(ProfileRpc.Get, {
      callback: (err, msg) => {
        if (err) return;
        const packet = JSON.parse(decoder.decode(msg.data)) as {
          id: string;
          data: { userIds: string[]; tags: string[] };
        };
        const sdkAppId = msg.headers?.get('im-sdk-app-id') ?? '';
        const profiles = packet.data.userIds.map((userId) => {
          const items = this.profiles.get(`${sdkAppId}/${userId}`);
          return items
            ? {
                userId,
                items: items.filter((i) => packet.data.tags.includes(i.tag)),
                code: 0,
                message: '',
              }
            : { userId, items: [], code: 40003, message: 'account not found' };
        });
        msg.respond(
          encoder.encode(
            JSON.stringify({
              id: packet.id,
              response: { profiles, failedUserIds: [] },
              isDisposed: true,
            }),
          ),
        );
      },
    });
  }
}

/** Starts the dispatcher in this process (migrates its database on start). */
async function startDispatcher(
  servers: LocalServers,
  tuning: Partial<CallbackTuning>,
): Promise<INestMicroservice> {
  const config = loadCallbackDispatcherConfig({
    NATS_URL: servers.nats.url,
    REDIS_URL: servers.redis.url,
    CALLBACK_DISPATCHER_DATABASE_URL: databaseUrl(servers.postgres.url, DISPATCHER_DB),
    CALLBACK_DISPATCHER_OPS_PORT: String(await findFreePort()),
    LOG_LEVEL: 'silent',
    NODE_ID: `callback-dispatcher-test-${process.pid}`,
  });
  const logger = createLogger('callback-dispatcher', config.nodeId, 'silent');
  return startMicroservice(
    CallbackDispatcherModule.forRoot(
      { ...config, callbacks: { ...config.callbacks, ...tuning } },
      logger,
    ),
    { config, logger },
  );
}

/** A NATS client to drive the world with, as the tests' own identity. */
export async function connectTestBus(natsUrl: string): Promise<NatsBus> {
  const bus = new NatsBus({
    servers: [natsUrl],
    name: `callback-test-client-${process.pid}`,
    requestTimeoutMs: 5000,
    logger: createLogger('callback-test', 'client', 'silent'),
  });
  await bus.connect();
  return bus;
}

/** Request options of the platform operator. */
export const asOperator: RequestOptions = { context: { role: 'operator', callerId: 'operator' } };
