// Helpers of the relation integration specs: a platform of their own (nats-server, redis-server
// and postgres in a temp dir; account and profile as processes; relation in this process),
// drive it over NATS as a given caller, record the events it publishes.
import { rmSync } from 'node:fs';
import path from 'node:path';

import type { INestMicroservice } from '@nestjs/common';
import { Pool } from 'pg';

import { AccountRpc, ProfileRpc, RemoteError } from '@im/contracts';
import type { AppReply, CallerRole, RpcReplyOf, RpcRequestOf, RpcSubject } from '@im/contracts';
import { createLogger, NatsBus, startMicroservice } from '@im/platform';
import type { RequestOptions } from '@im/platform';
import {
  createTempDir,
  EventRecorder,
  findFreePort,
  PlatformApps,
  startLocalServers,
  startPlatform,
} from '@im/testing';
import type { LocalServers, RunningPlatform } from '@im/testing';

import { loadRelationConfig } from '../src/relation.config';
import type { RelationConfig } from '../src/relation.config';
import { RelationModule } from '../src/relation.module';

export interface RelationTestPlatform {
  servers: LocalServers;
  platform: RunningPlatform;
  relation: INestMicroservice;
  config: RelationConfig;
  bus: NatsBus;
  apps: PlatformApps;
  events: EventRecorder;
  /** The relation database. */
  pg: Pool;
  stop(): Promise<void>;
}

/**
 * Starts servers of its own (every relation instance on one NATS joins queue group `relation`
 * and would answer another file's requests from another database), account and profile as
 * built processes, and relation in this process.
 */
export async function startRelationTestPlatform(
  overrides: Partial<RelationConfig['relation']> = {},
): Promise<RelationTestPlatform> {
  const dir = await createTempDir();
  const servers = await startLocalServers({ baseDir: dir, persistent: false });
  let platform: RunningPlatform | undefined;
  try {
    platform = await startPlatform({
      infra: {
        natsUrl: servers.nats.url,
        redisUrl: servers.redis.url,
        postgresUrl: servers.postgres.url,
        credentials: servers.credentials,
      },
      services: ['account', 'profile'],
      logDir: path.join(dir, 'logs'),
      databaseName: (_service, database) => `${database}_test`,
      logLevel: 'warn',
    });
    const databaseUrl = new URL(servers.postgres.url);
    databaseUrl.pathname = '/im_relation_test';
    const config = loadRelationConfig({
      NATS_URL: servers.nats.url,
      REDIS_URL: servers.redis.url,
      RELATION_DATABASE_URL: databaseUrl.toString(),
      RELATION_OPS_PORT: String(await findFreePort()),
      LOG_LEVEL: 'silent',
      NODE_ID: `relation-test-${process.pid}`,
    });
    config.relation = { ...config.relation, ...overrides };
    const logger = createLogger('relation', config.nodeId, 'silent');
    const relation = await startMicroservice(RelationModule.forRoot(config, logger), {
      config,
      logger,
    });
    const bus = new NatsBus({
      servers: [servers.nats.url],
      name: `relation-test-client-${process.pid}`,
      requestTimeoutMs: 10_000,
      logger: createLogger('relation-test', 'client', 'silent'),
    });
    await bus.connect();
    const apps = await PlatformApps.connect(servers.nats.url);
    const events = await EventRecorder.start(bus.connection, 'relation.evt.>');
    const pg = new Pool({ connectionString: databaseUrl.toString(), max: 2 });
    const started = platform;
    return {
      servers,
      platform: started,
      relation,
      config,
      bus,
      apps,
      events,
      pg,
      stop: async () => {
        events.stop();
        await pg.end();
        await apps.close();
        await bus.close();
        await relation.close();
        await started.stop();
        await servers.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await platform?.stop().catch(() => undefined);
    await servers.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Request options of a caller of one app (REST edge: `admin`; client gateway: `user`). */
export function as(
  sdkAppId: number,
  role: CallerRole = 'admin',
  callerId = 'administrator',
): RequestOptions {
  return { context: { sdkAppId, role, callerId } };
}

/** A user of an app acting through the (future) client gateway. */
export function asUser(sdkAppId: number, userId: string): RequestOptions {
  return as(sdkAppId, 'user', userId);
}

/** A fresh app with these accounts imported; each test takes its own, so tests share nothing. */
export async function newApp(
  t: RelationTestPlatform,
  userIds: string[] = [],
  settings: Partial<AppReply['settings']> = {},
): Promise<number> {
  const app = await t.apps.create({ settings });
  for (let i = 0; i < userIds.length; i += 100) {
    await t.bus.request(
      AccountRpc.ImportMany,
      { accounts: userIds.slice(i, i + 100).map((userId) => ({ userId })) },
      as(app.sdkAppId),
    );
  }
  return app.sdkAppId;
}

/** Sets a user's AllowType (or another profile field) through the profile service. */
export async function setProfile(
  t: RelationTestPlatform,
  sdkAppId: number,
  userId: string,
  items: { tag: string; value: string | number }[],
): Promise<void> {
  await t.bus.request(ProfileRpc.Set, { userId, items }, as(sdkAppId));
}

export function setAllowType(
  t: RelationTestPlatform,
  sdkAppId: number,
  userId: string,
  allowType: 'AllowType_Type_AllowAny' | 'AllowType_Type_NeedConfirm' | 'AllowType_Type_DenyAny',
): Promise<void> {
  return setProfile(t, sdkAppId, userId, [{ tag: 'Tag_Profile_IM_AllowType', value: allowType }]);
}

/** Sends a request and returns the reply, typed by its subject. */
export function call<S extends RpcSubject>(
  t: RelationTestPlatform,
  subject: S,
  payload: RpcRequestOf<S>,
  options: RequestOptions,
): Promise<RpcReplyOf<S>> {
  return t.bus.request(subject, payload, options);
}

/** Sends any payload, valid or not. */
export function send(
  t: RelationTestPlatform,
  subject: RpcSubject,
  payload: unknown,
  options: RequestOptions,
): Promise<unknown> {
  return t.bus.request(subject, payload as never, options);
}

/** The code a request failed with (throws when it did not fail). */
export async function codeOf(promise: Promise<unknown>): Promise<number> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof RemoteError))
    throw new Error(`expected a RemoteError, got ${String(error)}`);
  return error.code;
}
