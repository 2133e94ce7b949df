// Helpers of the profile integration specs: one file's own world (nats-server, redis-server,
// postgres, the built account service as a process, the profile service in this process), a
// NATS client to drive it as a given caller, and a recorder of the events it publishes.
import { rm } from 'node:fs/promises';
import path from 'node:path';

import type { INestMicroservice } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Redis } from 'ioredis';
import { Pool } from 'pg';

import { AccountEvt, AccountRpc, ProfileRpc, RemoteError } from '@im/contracts';
import type {
  AccountToImport,
  AppSettings,
  CallerRole,
  GetProfilesReply,
  ProfileCustomFieldDeclaration,
  ProfileItem,
  RpcSubject,
  SetProfileReply,
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

import { loadProfileConfig } from '../src/profile.config';
import { ProfileModule } from '../src/profile.module';

export const ADMIN = 'administrator';

/**
 * Everything one integration file drives. Its own servers, because every profile (and account)
 * instance on one NATS joins the same queue group and would answer another file's requests
 * from another database.
 */
export class ProfileWorld {
  private constructor(
    readonly dir: string,
    readonly servers: LocalServers,
    readonly platform: RunningPlatform,
    readonly service: INestMicroservice,
    readonly bus: NatsBus,
    readonly apps: PlatformApps,
    readonly events: EventRecorder,
    /** What the account service publishes (`account.evt.>`). */
    readonly accountEvents: EventRecorder,
    readonly redis: Redis,
    readonly pg: Pool,
  ) {}

  /** Starts the world; whatever did start is stopped again when a later step fails. */
  static async start(): Promise<ProfileWorld> {
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
      const service = await startProfileService(
        servers.nats.url,
        servers.redis.url,
        databaseUrl(servers.postgres.url, 'im_profile_test'),
      );
      cleanups.push(() => service.close());
      const bus = await connectTestBus(servers.nats.url);
      cleanups.push(() => bus.close());
      const apps = await PlatformApps.connect(servers.nats.url);
      cleanups.push(() => apps.close());
      const events = await EventRecorder.start(bus.connection, 'profile.evt.>');
      const accountEvents = await EventRecorder.start(bus.connection, 'account.evt.>');
      const redis = new Redis(servers.redis.url);
      cleanups.push(() => redis.quit());
      const pg = new Pool({
        connectionString: databaseUrl(servers.postgres.url, 'im_profile_test'),
        max: 2,
      });
      // pool.end() resolves before its sockets are closed; the servers' shutdown right after
      // must not surface as an unhandled 'error' of the pool.
      pg.on('error', () => undefined);
      cleanups.push(() => pg.end());
      return new ProfileWorld(
        dir,
        servers,
        platform,
        service,
        bus,
        apps,
        events,
        accountEvents,
        redis,
        pg,
      );
    } catch (err) {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
      throw err;
    }
  }

  async stop(): Promise<void> {
    this.events.stop();
    this.accountEvents.stop();
    await this.bus.close();
    await this.service.close();
    await this.apps.close();
    await this.redis.quit();
    await this.pg.end();
    await this.platform.stop();
    await this.servers.stop();
    await rm(this.dir, { recursive: true, force: true });
  }

  /** A fresh app (each test takes its own), optionally with custom profile fields. */
  async newApp(profileCustomFields?: ProfileCustomFieldDeclaration[]): Promise<number> {
    const settings: AppSettings | undefined = profileCustomFields && { profileCustomFields };
    return (await this.apps.create({ settings })).sdkAppId;
  }

  /** Declares custom fields of an existing app, as an operator would (PRF-17). */
  async declare(sdkAppId: number, fields: ProfileCustomFieldDeclaration[]): Promise<void> {
    await this.apps.update({ sdkAppId, settings: { profileCustomFields: fields } });
  }

  /** Imports accounts through the account service as the App admin. */
  async importAccounts(sdkAppId: number, ...accounts: (string | AccountToImport)[]): Promise<void> {
    await this.bus.request(
      AccountRpc.ImportMany,
      { accounts: accounts.map((a) => (typeof a === 'string' ? { userId: a } : a)) },
      as(sdkAppId),
    );
  }

  /**
   * Imports and waits until the account service published the import (its outbox publishes
   * right after the commit, not before the reply): a fact published afterwards follows it in
   * ACCOUNT_EVENTS.
   */
  async importAccountsPublished(
    sdkAppId: number,
    ...accounts: (string | AccountToImport)[]
  ): Promise<void> {
    const before = this.accountEvents.of(AccountEvt.Imported, sdkAppId).length;
    await this.importAccounts(sdkAppId, ...accounts);
    await waitFor(() => this.accountEvents.of(AccountEvt.Imported, sdkAppId).length > before, {
      timeoutMs: 5000,
      message: 'account.evt.imported',
    });
  }

  async deleteAccounts(sdkAppId: number, ...userIds: string[]): Promise<void> {
    await this.bus.request(AccountRpc.Delete, { userIds }, as(sdkAppId));
  }

  set(
    sdkAppId: number,
    userId: string,
    items: ProfileItem[],
    options = as(sdkAppId),
  ): Promise<SetProfileReply> {
    return this.bus.request(ProfileRpc.Set, { userId, items }, options);
  }

  get(
    sdkAppId: number,
    userIds: string[],
    tags: string[],
    options = as(sdkAppId),
  ): Promise<GetProfilesReply> {
    return this.bus.request(ProfileRpc.Get, { userIds, tags }, options);
  }

  /** The items one user reads (fails when the user's code is not 0). */
  async itemsOf(sdkAppId: number, userId: string, tags: string[], options = as(sdkAppId)) {
    const reply = await this.get(sdkAppId, [userId], tags, options);
    const [profile] = reply.profiles;
    if (profile.code !== 0) throw new Error(`${userId}: ${profile.code} ${profile.message}`);
    return profile.items;
  }

  /** Sends any payload, valid or not, on any subject. */
  send(subject: RpcSubject, payload: unknown, options: RequestOptions): Promise<unknown> {
    return this.bus.request(subject, payload as never, options);
  }

  /** The stored row of a profile, as PostgreSQL has it. */
  async row(sdkAppId: number, userId: string): Promise<Record<string, unknown> | undefined> {
    const { rows } = await this.pg.query<Record<string, unknown>>(
      'SELECT * FROM profiles WHERE sdk_app_id = $1 AND user_id = $2',
      [sdkAppId, userId],
    );
    return rows[0];
  }

  /** Waits until the profile row of a user satisfies `predicate` (the account consumer is async). */
  waitForRow(
    sdkAppId: number,
    userId: string,
    predicate: (row: Record<string, unknown> | undefined) => boolean,
    message = `profile row of ${userId}`,
  ): Promise<Record<string, unknown> | undefined> {
    return waitFor(
      async () => {
        const row = await this.row(sdkAppId, userId);
        return predicate(row) ? { row } : null;
      },
      { timeoutMs: 5000, message },
    ).then((found) => found.row);
  }
}

/** Starts the profile service in this process on the given servers (migrates on start). */
export async function startProfileService(
  natsUrl: string,
  redisUrl: string,
  databaseUrl: string,
): Promise<INestMicroservice> {
  const config = loadProfileConfig({
    NATS_URL: natsUrl,
    REDIS_URL: redisUrl,
    PROFILE_DATABASE_URL: databaseUrl,
    PROFILE_OPS_PORT: String(await findFreePort()),
    LOG_LEVEL: 'silent',
    NODE_ID: `profile-test-${process.pid}`,
  });
  const logger = createLogger('profile', config.nodeId, 'silent');
  return startMicroservice(ProfileModule.forRoot(config, logger), { config, logger });
}

/** A NATS client to drive the service with, as the tests' own identity. */
export async function connectTestBus(natsUrl: string): Promise<NatsBus> {
  const bus = new NatsBus({
    servers: [natsUrl],
    name: `profile-test-client-${process.pid}`,
    requestTimeoutMs: 5000,
    logger: createLogger('profile-test', 'client', 'silent'),
  });
  await bus.connect();
  return bus;
}

/** Request options of a caller of one app (REST sends `admin`, conn-gateway `user`). */
export function as(sdkAppId: number, role: CallerRole = 'admin', callerId = ADMIN): RequestOptions {
  return { context: { sdkAppId, role, callerId } };
}

/** Request options of an end user of one app. */
export function asUser(sdkAppId: number, userId: string): RequestOptions {
  return as(sdkAppId, 'user', userId);
}

export async function expectRemoteError(promise: Promise<unknown>, code: number): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(RemoteError);
  expect((error as RemoteError).code).toBe(code);
}

/** What a publisher sends must validate against its contract class. */
export function expectValidEvent(cls: new () => object, event: object): void {
  const errors = validateSync(plainToInstance(cls, event), { forbidUnknownValues: false });
  expect(errors.map((e) => e.toString())).toEqual([]);
}
