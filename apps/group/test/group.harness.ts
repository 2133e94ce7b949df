// Helpers of the group integration specs: a world of one's own (nats-server, redis-server and
// postgres in a temp dir, the built account service as a process, the group service in this
// process), requests over NATS as a given caller, and a recorder of the published events.
import { rm } from 'node:fs/promises';
import path from 'node:path';

import type { INestMicroservice } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Redis } from 'ioredis';
import { Pool } from 'pg';

import { AccountRpc, GroupRpc, MessageRpc, RemoteError, TransportHeaders } from '@im/contracts';
import type {
  AppSettings,
  CallerRole,
  CreateGroupRequest,
  RpcReplyOf,
  RpcRequestOf,
  RpcSubject,
} from '@im/contracts';
import { createLogger, NatsBus, startMicroservice } from '@im/platform';
import type { RequestOptions } from '@im/platform';
import {
  createTempDir,
  EventRecorder,
  databaseUrl,
  findFreePort,
  PlatformApps,
  startLocalServers,
  startPlatform,
  waitFor,
} from '@im/testing';
import type { LocalServers, RunningPlatform } from '@im/testing';

import { loadGroupConfig } from '../src/group.config';
import { GroupModule } from '../src/group.module';

export const ADMIN = 'administrator';
const GROUP_DATABASE = 'im_group_test';

/**
 * Why a world per file: every group (and account) instance on one NATS joins the queue group
 * of its service, so another file's instance, with another database, could answer this file's
 * requests. Each file therefore starts its own servers; tests share the world but each test
 * creates its own app, so they share no data.
 */
export class GroupWorld {
  /**
   * The message service's group lines as the fake of `message.rpc.group-unread-anchor` knows
   * them (`app|groupId` → last seq; absent = no message): import_group_member asks it.
   */
  readonly messageLines = new Map<string, number>();

  private constructor(
    readonly dir: string,
    readonly servers: LocalServers,
    readonly platform: RunningPlatform,
    readonly service: INestMicroservice,
    readonly bus: NatsBus,
    readonly apps: PlatformApps,
    readonly events: EventRecorder,
    readonly pg: Pool,
    readonly redis: Redis,
  ) {}

  static async start(): Promise<GroupWorld> {
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
        services: ['account'],
        logDir: path.join(dir, 'logs'),
        logLevel: 'warn',
        databaseName: (_service, database) => `${database}_test`,
      });
      cleanup.unshift(() => platform.stop());
      const config = loadGroupConfig({
        NATS_URL: infra.natsUrl,
        REDIS_URL: infra.redisUrl,
        GROUP_DATABASE_URL: databaseUrl(infra.postgresUrl, GROUP_DATABASE),
        GROUP_OPS_PORT: String(await findFreePort()),
        GROUP_DATABASE_POOL_MAX: '20',
        // the bursts here check outcomes (exactly 200 members), so requests wait their turn
        // instead of being answered busy; the busy answer has its own tests (platform, e2e)
        NATS_MAX_QUEUE_WAIT_MS: '60000',
        LOG_LEVEL: 'silent',
        NODE_ID: `group-test-${process.pid}`,
      });
      const logger = createLogger(
        'group',
        config.nodeId,
        process.env.GROUP_TEST_LOG_LEVEL ?? 'silent',
      );
      const service = await startMicroservice(GroupModule.forRoot(config, logger), {
        config,
        logger,
      });
      cleanup.unshift(() => service.close());
      const bus = new NatsBus({
        servers: [infra.natsUrl],
        name: `group-test-client-${process.pid}`,
        requestTimeoutMs: 10_000,
        logger: createLogger('group-test', 'client', 'silent'),
      });
      await bus.connect();
      cleanup.unshift(() => bus.close());
      const apps = await PlatformApps.connect(infra.natsUrl);
      cleanup.unshift(() => apps.close());
      const events = await EventRecorder.start(bus.connection, 'group.evt.>');
      const pg = new Pool({ connectionString: config.db.url, max: 2 });
      const redis = new Redis(infra.redisUrl);
      const world = new GroupWorld(dir, servers, platform, service, bus, apps, events, pg, redis);
      world.fakeMessageLines();
      return world;
    } catch (err) {
      for (const step of cleanup) await step().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  /**
   * Answers `message.rpc.group-unread-anchor` as the message service would for a line of only
   * counted messages: N unread at last seq S is the read seq S - N; and `line-states`.
   */
  private fakeMessageLines(): void {
    const codec = { encode: (v: unknown) => Buffer.from(JSON.stringify(v)) };
    this.bus.connection.subscribe(MessageRpc.GroupUnreadAnchor, {
      queue: 'message',
      callback: (_err, msg) => {
        const packet = JSON.parse(Buffer.from(msg.data).toString()) as {
          id: string;
          data: { groupId: string; unreads: number[] };
        };
        const sdkAppId = Number(msg.headers?.get(TransportHeaders.SdkAppId));
        const lastSeq = this.messageLines.get(`${sdkAppId}|${packet.data.groupId}`) ?? 0;
        const unreads = packet.data.unreads.map((n) => Math.min(n, lastSeq));
        const response = { lastSeq, readSeqs: unreads.map((n) => lastSeq - n), unreads };
        msg.respond(codec.encode({ id: packet.id, response, isDisposed: true }));
      },
    });
    // message.rpc.line-states (get_topic's SelfInfo): the same lines, nothing read
    this.bus.connection.subscribe(MessageRpc.LineStates, {
      queue: 'message',
      callback: (_err, msg) => {
        const packet = JSON.parse(Buffer.from(msg.data).toString()) as {
          id: string;
          data: { userId: string; groupIds: string[] };
        };
        const sdkAppId = Number(msg.headers?.get(TransportHeaders.SdkAppId));
        const states = packet.data.groupIds.map((groupId) => ({
          groupId,
          readSeq: 0,
          unread: this.messageLines.get(`${sdkAppId}|${groupId}`) ?? 0,
        }));
        msg.respond(codec.encode({ id: packet.id, response: { states }, isDisposed: true }));
      },
    });
  }

  async stop(): Promise<void> {
    this.events.stop();
    await this.redis.quit().catch(() => undefined);
    await this.pg.end().catch(() => undefined);
    await this.apps.close().catch(() => undefined);
    await this.bus.close().catch(() => undefined);
    await this.service.close().catch(() => undefined);
    await this.platform.stop().catch(() => undefined);
    await this.servers.stop().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  /** A new app (with the given group settings) and its accounts. */
  async newApp(settings: AppSettings = {}, accounts: string[] = []): Promise<TestApp> {
    const app = await this.apps.create({ settings });
    const t = new TestApp(this, app.sdkAppId);
    if (accounts.length) await t.importAccounts(...accounts);
    return t;
  }
}

/** Requests of one app, as its admin, a user or a service. */
export class TestApp {
  constructor(
    readonly world: GroupWorld,
    readonly sdkAppId: number,
  ) {}

  options(role: CallerRole = 'admin', callerId = ADMIN): RequestOptions {
    return { context: { sdkAppId: this.sdkAppId, role, callerId } };
  }

  /** As the App admin. */
  admin<S extends RpcSubject>(subject: S, payload: RpcRequestOf<S>): Promise<RpcReplyOf<S>> {
    return this.world.bus.request(subject, payload, this.options());
  }

  /** As an end user (the future conn-gateway). */
  user<S extends RpcSubject>(
    userId: string,
    subject: S,
    payload: RpcRequestOf<S>,
  ): Promise<RpcReplyOf<S>> {
    return this.world.bus.request(subject, payload, this.options('user', userId));
  }

  /** As another platform service (messaging). */
  service<S extends RpcSubject>(subject: S, payload: RpcRequestOf<S>): Promise<RpcReplyOf<S>> {
    return this.world.bus.request(subject, payload, this.options('service', 'message'));
  }

  async importAccounts(...userIds: string[]): Promise<void> {
    for (let i = 0; i < userIds.length; i += 100)
      await this.world.bus.request(
        AccountRpc.ImportMany,
        { accounts: userIds.slice(i, i + 100).map((userId) => ({ userId })) },
        this.options(),
      );
  }

  async deleteAccounts(...userIds: string[]): Promise<void> {
    await this.world.bus.request(AccountRpc.Delete, { userIds }, this.options());
  }

  /**
   * Changes the app's settings and waits until the group service acts on them (it drops its
   * cached settings on account.evt.app-changed): until `applied()` holds.
   */
  async updateSettings(settings: AppSettings, applied: () => Promise<boolean>): Promise<void> {
    await this.world.apps.update({ sdkAppId: this.sdkAppId, settings });
    await waitFor(applied, { timeoutMs: 10_000, message: 'new settings applied' });
  }

  /** Creates a group as the App admin; returns its ID. */
  async createGroup(req: Partial<CreateGroupRequest> & { type: string }): Promise<string> {
    const reply = await this.admin(GroupRpc.Create, { name: 'g', ...req });
    return reply.groupId;
  }

  /** The member IDs of a group as the App admin sees them. */
  async memberIds(groupId: string): Promise<string[]> {
    const reply = await this.admin(GroupRpc.GetMembers, { groupId });
    return reply.members.map((m) => m.userId).sort();
  }

  async group(groupId: string) {
    const reply = await this.admin(GroupRpc.GetInfo, { groupIds: [groupId] });
    const group = reply.groups[0].group;
    if (!group) throw new Error(`no group ${groupId}: ${reply.groups[0].code}`);
    return group;
  }
}

/** The code of a refused request (fails the test when it succeeded). */
export async function codeOf(promise: Promise<unknown>): Promise<number> {
  const outcome = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(outcome instanceof RemoteError))
    throw new Error(
      `expected a refusal, got ${outcome instanceof Error ? outcome.message : 'success'}`,
    );
  return outcome.code;
}

/** What a publisher sends must validate against its contract class. */
export function validationErrors(cls: new () => object, event: object): string[] {
  return validateSync(plainToInstance(cls, event), { forbidUnknownValues: false }).map((e) =>
    e.toString(),
  );
}
