/**
 * The account service over NATS: replies, PostgreSQL rows, Redis presence and the events it
 * publishes, with the real service started in this process.
 *
 * Isolation. Every account instance joins queue group `account` on fixed subjects, so on the
 * shared test NATS a request of this file could be answered by an instance another file
 * (api-gateway, e2e, ...) started against another database, and apps allocated from the same
 * sequence start (1400000000) in other databases would share presence keys
 * `conn:<sdkAppId>:sessions:<userId>` in a shared Redis. This file therefore starts its own
 * nats-server and redis-server (in a temp dir, milliseconds). PostgreSQL stays the shared one
 * of the jest global setup: `createTestDatabase` gives this file a database of its own, which
 * is all the isolation a database needs, and is cheaper than an initdb. The readiness test that
 * stops PostgreSQL lives in account-ops.int-spec.ts with a PostgreSQL of its own.
 *
 * Each test creates its own app(s), so tests share no accounts.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';

import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Redis } from 'ioredis';
import { Pool } from 'pg';

import {
  AccountEvt,
  AccountKickedEvent,
  AccountRpc,
  AccountsDeletedEvent,
  AccountsImportedEvent,
  AppChangedEvent,
  EventStreams,
  ErrorCode,
  PresenceCacheKeys,
  RemoteError,
} from '@im/contracts';
import type { AppReply, CallerRole, PresenceSession, RpcSubject } from '@im/contracts';
import type { NatsBus } from '@im/platform';
import { createTestDatabase, startNatsServer, startRedisServer } from '@im/testing';
import type { ServerHandle, TestDatabase } from '@im/testing';

import {
  as,
  asOperator,
  connectTestBus,
  createApp,
  EventRecorder,
  makeTempDir,
  startAccountService,
} from './account.harness';
import type { StartedAccountService } from './account.harness';

let tmp: string;
let nats: ServerHandle;
let redisServer: ServerHandle;
let db: TestDatabase;
let service: StartedAccountService;
let bus: NatsBus;
let events: EventRecorder;
let redis: Redis;
let pg: Pool;

beforeAll(async () => {
  tmp = await makeTempDir('im-account-int-');
  [nats, redisServer, db] = await Promise.all([
    startNatsServer({ dataDir: path.join(tmp, 'nats') }),
    startRedisServer({ dataDir: path.join(tmp, 'redis') }),
    createTestDatabase('account'),
  ]);
  service = await startAccountService({
    natsUrl: nats.url,
    redisUrl: redisServer.url,
    databaseUrl: db.url,
  });
  bus = await connectTestBus(nats.url);
  events = await EventRecorder.start(bus.connection, 'account.evt.>');
  redis = new Redis(redisServer.url);
  pg = new Pool({ connectionString: db.url, max: 2 });
  // A client still closing when afterAll drops the database WITH (FORCE) is terminated.
  pg.on('error', () => undefined);
});

afterAll(async () => {
  events?.stop();
  await bus?.close();
  await service?.app.close();
  await redis?.quit();
  await pg?.end();
  await db?.drop();
  await Promise.all([nats?.stop(), redisServer?.stop()]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------

interface AccountRowView {
  user_id: string;
  nick: string | null;
  face_url: string | null;
  type: number;
  sig_revoked_before: string;
}

async function accountRows(sdkAppId: number): Promise<AccountRowView[]> {
  const { rows } = await pg.query<AccountRowView>(
    `SELECT user_id, nick, face_url, type, sig_revoked_before FROM accounts
     WHERE sdk_app_id = $1 ORDER BY user_id`,
    [sdkAppId],
  );
  return rows;
}

async function accountRow(sdkAppId: number, userId: string): Promise<AccountRowView | undefined> {
  return (await accountRows(sdkAppId)).find((r) => r.user_id === userId);
}

async function newApp(): Promise<number> {
  return (await createApp(bus)).sdkAppId;
}

async function importAccounts(sdkAppId: number, ...userIds: string[]): Promise<void> {
  await bus.request(
    AccountRpc.ImportMany,
    { accounts: userIds.map((userId) => ({ userId })) },
    as(sdkAppId),
  );
}

/** Sends any payload, valid or not, on any subject. */
function send(subject: RpcSubject, payload: unknown, options = asOperator): Promise<unknown> {
  return bus.request(subject, payload as never, options);
}

async function expectRemoteError(promise: Promise<unknown>, code: number): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(RemoteError);
  expect((error as RemoteError).code).toBe(code);
}

/** What a publisher sends must validate against its contract class. */
function expectValidEvent(cls: new () => object, event: object): void {
  const errors = validateSync(plainToInstance(cls, event), { forbidUnknownValues: false });
  expect(errors.map((e) => e.toString())).toEqual([]);
}

/** Records a session in Redis exactly as conn-gateway does: a hash per user, field = conn id. */
async function putSession(
  sdkAppId: number,
  userId: string,
  session: Partial<PresenceSession> = {},
): Promise<void> {
  const now = Date.now();
  const value: PresenceSession = {
    connId: randomUUID(),
    nodeId: 'conn-gateway-test',
    platform: 'Web',
    status: 'Online',
    since: now - 1_000,
    expiresAt: now + 60_000,
    ...session,
  };
  const key = PresenceCacheKeys.sessions(sdkAppId, userId);
  await redis.multi().hset(key, value.connId, JSON.stringify(value)).pexpire(key, 120_000).exec();
}

const EXPIRED = { expiresAt: Date.now() - 60_000 };

// ---------------------------------------------------------------------------------------------

describe(AccountRpc.Import, () => {
  it('creates the account and answers created=true', async () => {
    const sdkAppId = await newApp();

    const reply = await bus.request(
      AccountRpc.Import,
      { userId: 'alice', nick: 'Alice', faceUrl: 'https://img/a.png', type: 1 },
      as(sdkAppId),
    );

    expect(reply).toEqual({ created: true });
    expect(await accountRow(sdkAppId, 'alice')).toEqual({
      user_id: 'alice',
      nick: 'Alice',
      face_url: 'https://img/a.png',
      type: 1,
      sig_revoked_before: '0',
    });
  });

  it('answers created=false for an existing account and keeps its nick when given none', async () => {
    const sdkAppId = await newApp();
    await bus.request(AccountRpc.Import, { userId: 'alice', nick: 'Alice' }, as(sdkAppId));

    const reply = await bus.request(AccountRpc.Import, { userId: 'alice' }, as(sdkAppId));

    expect(reply).toEqual({ created: false });
    expect(await accountRows(sdkAppId)).toEqual([expect.objectContaining({ nick: 'Alice' })]);
  });

  it('updates the nick and face URL when re-imported with them', async () => {
    const sdkAppId = await newApp();
    await bus.request(AccountRpc.Import, { userId: 'alice', nick: 'Old' }, as(sdkAppId));

    await bus.request(
      AccountRpc.Import,
      { userId: 'alice', nick: 'New', faceUrl: 'https://img/new.png' },
      as(sdkAppId),
    );

    expect(await accountRow(sdkAppId, 'alice')).toMatchObject({
      nick: 'New',
      face_url: 'https://img/new.png',
    });
  });

  it('keeps a robot account a robot when re-imported without a type', async () => {
    const sdkAppId = await newApp();
    await bus.request(AccountRpc.Import, { userId: 'bot', type: 1 }, as(sdkAppId));

    await bus.request(AccountRpc.Import, { userId: 'bot', nick: 'Bot' }, as(sdkAppId));
    await send(AccountRpc.Import, { userId: 'bot', type: null }, as(sdkAppId));

    expect(await accountRow(sdkAppId, 'bot')).toMatchObject({ type: 1, nick: 'Bot' });
  });

  it('changes the type only of the accounts of a batch that carry one', async () => {
    const sdkAppId = await newApp();
    await bus.request(AccountRpc.Import, { userId: 'bot', type: 1 }, as(sdkAppId));
    await bus.request(AccountRpc.Import, { userId: 'human', type: 0 }, as(sdkAppId));

    await bus.request(
      AccountRpc.ImportMany,
      { accounts: [{ userId: 'bot' }, { userId: 'human', type: 1 }, { userId: 'new' }] },
      as(sdkAppId),
    );

    expect((await accountRows(sdkAppId)).map((r) => [r.user_id, r.type])).toEqual([
      ['bot', 1],
      ['human', 1],
      ['new', 0],
    ]);
  });

  it('changes the type when re-imported with one', async () => {
    const sdkAppId = await newApp();
    await bus.request(AccountRpc.Import, { userId: 'bot', type: 1 }, as(sdkAppId));

    await bus.request(AccountRpc.Import, { userId: 'bot', type: 0 }, as(sdkAppId));

    expect(await accountRow(sdkAppId, 'bot')).toMatchObject({ type: 0 });
  });

  it('publishes account.evt.imported with the envelope and the account', async () => {
    const sdkAppId = await newApp();
    const requestId = randomUUID();

    await bus.request(
      AccountRpc.Import,
      { userId: 'alice', nick: 'Alice' },
      { context: { ...as(sdkAppId).context, requestId } },
    );

    const event = await events.next(AccountEvt.Imported, sdkAppId);
    expect(event).toEqual({
      eventId: expect.any(String),
      sdkAppId,
      occurredAt: expect.any(String),
      requestId,
      accounts: [{ userId: 'alice', nick: 'Alice' }],
    });
    expect(Date.parse(event.occurredAt)).not.toBeNaN();
    expectValidEvent(AccountsImportedEvent, event);
  });

  it('stores the event in the ACCOUNT_EVENTS stream, de-duplicated by its eventId', async () => {
    const sdkAppId = await newApp();

    await bus.request(AccountRpc.Import, { userId: 'alice' }, as(sdkAppId));

    const event = await events.next(AccountEvt.Imported, sdkAppId);
    const jsm = await bus.connection.jetstreamManager();
    const stored = await jsm.streams.getMessage(EventStreams.account.name, {
      last_by_subj: AccountEvt.Imported,
    });
    expect(stored.json<{ data: unknown }>().data).toEqual(event);
    expect(stored.header.get('Nats-Msg-Id')).toBe(event.eventId);
  });
});

describe(AccountRpc.ImportMany, () => {
  it('imports the valid accounts and returns the others as failed', async () => {
    const sdkAppId = await newApp();
    const invalid = ['', 'u'.repeat(33), 'tab\there', 'nul\u0000'];

    const reply = await bus.request(
      AccountRpc.ImportMany,
      {
        accounts: [
          { userId: 'alice' },
          ...invalid.map((userId) => ({ userId })),
          { userId: 'long-nick', nick: 'n'.repeat(501) },
          { userId: 'bob', nick: 'Bob' },
          { userId: 'u'.repeat(32) },
        ],
      },
      as(sdkAppId),
    );

    expect(reply.failedUserIds).toEqual([...invalid, 'long-nick']);
    expect((await accountRows(sdkAppId)).map((r) => r.user_id)).toEqual([
      'alice',
      'bob',
      'u'.repeat(32),
    ]);
  });

  it('publishes one account.evt.imported with the imported accounts only', async () => {
    const sdkAppId = await newApp();

    await bus.request(
      AccountRpc.ImportMany,
      { accounts: [{ userId: 'alice' }, { userId: '' }, { userId: 'bob', nick: 'Bob' }] },
      as(sdkAppId),
    );

    const event = await events.next(AccountEvt.Imported, sdkAppId);
    expect(event.accounts).toEqual([{ userId: 'alice' }, { userId: 'bob', nick: 'Bob' }]);
    expectValidEvent(AccountsImportedEvent, event);
  });

  it('accepts repeated IDs in one batch and imports each once, the first one winning', async () => {
    const sdkAppId = await newApp();

    const reply = await bus.request(
      AccountRpc.ImportMany,
      {
        accounts: [
          { userId: 'alice', nick: 'First' },
          { userId: 'bob' },
          { userId: 'alice', nick: 'Second' },
        ],
      },
      as(sdkAppId),
    );

    expect(reply.failedUserIds).toEqual([]);
    expect(await accountRows(sdkAppId)).toEqual([
      expect.objectContaining({ user_id: 'alice', nick: 'First' }),
      expect.objectContaining({ user_id: 'bob' }),
    ]);
  });

  it('takes a null nick or face URL as not given', async () => {
    const sdkAppId = await newApp();
    await bus.request(AccountRpc.Import, { userId: 'alice', nick: 'Alice' }, as(sdkAppId));

    const reply = await send(
      AccountRpc.ImportMany,
      {
        accounts: [
          { userId: 'alice', nick: null },
          { userId: 'bob', faceUrl: null },
        ],
      },
      as(sdkAppId),
    );

    expect(reply).toEqual({ failedUserIds: [] });
    expect(await accountRows(sdkAppId)).toEqual([
      expect.objectContaining({ user_id: 'alice', nick: 'Alice' }),
      expect.objectContaining({ user_id: 'bob', face_url: null }),
    ]);
  });

  it('refuses more than 100 accounts with 70402 and imports none', async () => {
    const sdkAppId = await newApp();
    const accounts = Array.from({ length: 101 }, (_, i) => ({ userId: `user-${i}` }));

    await expectRemoteError(
      bus.request(AccountRpc.ImportMany, { accounts }, as(sdkAppId)),
      ErrorCode.AccountInvalidParameters,
    );
    expect(await accountRows(sdkAppId)).toEqual([]);
  });

  it('imports a batch of exactly 100', async () => {
    const sdkAppId = await newApp();
    const accounts = Array.from({ length: 100 }, (_, i) => ({ userId: `user-${i}` }));

    const reply = await bus.request(AccountRpc.ImportMany, { accounts }, as(sdkAppId));

    expect(reply.failedUserIds).toEqual([]);
    expect(await accountRows(sdkAppId)).toHaveLength(100);
  });
});

describe(AccountRpc.Delete, () => {
  it('answers per item: 0 deleted, 70107 not imported, 70402 invalid ID', async () => {
    const sdkAppId = await newApp();
    await importAccounts(sdkAppId, 'alice', 'bob', 'carol');

    const reply = await bus.request(
      AccountRpc.Delete,
      { userIds: ['alice', 'ghost', '', 'carol', 'alice'] },
      as(sdkAppId),
    );

    expect(reply.results.map(({ userId, code }) => ({ userId, code }))).toEqual([
      { userId: 'alice', code: ErrorCode.Ok },
      { userId: 'ghost', code: ErrorCode.AccountNotImported },
      { userId: '', code: ErrorCode.AccountInvalidParameters },
      { userId: 'carol', code: ErrorCode.Ok },
    ]);
    expect((await accountRows(sdkAppId)).map((r) => r.user_id)).toEqual(['bob']);
  });

  it('publishes account.evt.deleted with exactly the deleted IDs', async () => {
    const sdkAppId = await newApp();
    await importAccounts(sdkAppId, 'alice', 'bob', 'carol');

    await bus.request(
      AccountRpc.Delete,
      { userIds: ['alice', 'ghost', 'u'.repeat(33), 'carol'] },
      as(sdkAppId),
    );

    const event = await events.next(AccountEvt.Deleted, sdkAppId);
    expect([...event.userIds].sort()).toEqual(['alice', 'carol']);
    expectValidEvent(AccountsDeletedEvent, event);
  });

  it('publishes nothing when nothing was deleted', async () => {
    const sdkAppId = await newApp();
    await importAccounts(sdkAppId, 'alice');

    await bus.request(AccountRpc.Delete, { userIds: ['ghost'] }, as(sdkAppId));
    // A later event of the same app: had the delete published, it would have arrived first.
    await bus.request(AccountRpc.Kick, { userId: 'alice' }, as(sdkAppId));
    await events.next(AccountEvt.Kicked, sdkAppId);

    expect(events.of(AccountEvt.Deleted, sdkAppId)).toEqual([]);
  });
});

describe(AccountRpc.Check, () => {
  it('reports Imported and NotImported per account and a code per invalid ID', async () => {
    const sdkAppId = await newApp();
    await importAccounts(sdkAppId, 'alice');

    const reply = await bus.request(
      AccountRpc.Check,
      { userIds: ['alice', 'ghost', '', 'u'.repeat(33), 'alice'] },
      as(sdkAppId),
    );

    expect(reply.results.map(({ userId, code, isImported }) => [userId, code, isImported])).toEqual(
      [
        ['alice', ErrorCode.Ok, true],
        ['ghost', ErrorCode.Ok, false],
        ['', ErrorCode.AccountInvalidParameters, false],
        ['u'.repeat(33), ErrorCode.AccountInvalidParameters, false],
      ],
    );
  });

  it('reports every App admin identifier as Imported, as Tencent treats the admin as an account', async () => {
    const { sdkAppId } = await createApp(bus, { adminIdentifiers: ['boss', 'ops'] });
    const other = await newApp();

    const reply = await bus.request(
      AccountRpc.Check,
      { userIds: ['boss', 'ops', 'administrator'] },
      as(sdkAppId, 'admin', 'boss'),
    );
    const elsewhere = await bus.request(AccountRpc.Check, { userIds: ['boss'] }, as(other));

    expect(reply.results.map(({ userId, isImported }) => [userId, isImported])).toEqual([
      ['boss', true],
      ['ops', true],
      ['administrator', false],
    ]);
    expect(elsewhere.results.map(({ userId, isImported }) => [userId, isImported])).toEqual([
      ['boss', false],
    ]);
  });
});

describe('robots (create-robot, delete-robot, list-robots)', () => {
  it('stores a robot as an account of type 1 and publishes its profile in account.evt.imported', async () => {
    const sdkAppId = await newApp();
    const req = { userId: '@RBT#bot', nick: 'Bot', faceUrl: 'f', selfSignature: 'hi' };

    expect(await bus.request(AccountRpc.CreateRobot, req, as(sdkAppId))).toEqual({});

    expect(await accountRow(sdkAppId, '@RBT#bot')).toMatchObject({ nick: 'Bot', type: 1 });
    const event = await events.next(AccountEvt.Imported, sdkAppId);
    expect(event.accounts).toEqual([{ ...req, type: 1 }]);
    expect(await bus.request(AccountRpc.ListRobots, {}, as(sdkAppId))).toEqual({
      userIds: ['@RBT#bot'],
    });
  });

  it('delete-robot keeps the account as an ordinary one; list-robots lists @RBT# accounts of type 1, filtered by the given IDs', async () => {
    const sdkAppId = await newApp();
    for (const userId of ['@RBT#a', '@RBT#b'])
      await bus.request(AccountRpc.CreateRobot, { userId }, as(sdkAppId));

    await bus.request(AccountRpc.Import, { userId: 'typed-one', type: 1 }, as(sdkAppId));
    await bus.request(AccountRpc.DeleteRobot, { userId: '@RBT#a' }, as(sdkAppId));

    expect(await accountRow(sdkAppId, '@RBT#a')).toMatchObject({ type: 0 });
    expect(
      await bus.request(
        AccountRpc.ListRobots,
        { userIds: ['@RBT#a', '@RBT#b', 'x'] },
        as(sdkAppId),
      ),
    ).toEqual({ userIds: ['@RBT#b'] });
    expect(await bus.request(AccountRpc.ListRobots, {}, as(sdkAppId))).toEqual({
      userIds: ['@RBT#b'],
    });
    await expectRemoteError(
      bus.request(AccountRpc.DeleteRobot, { userId: '@RBT#a' }, as(sdkAppId)),
      ErrorCode.GroupInvalidParameter,
    );
  });

  it('allows 20 robots an app even when created at once, and keeps apps apart', async () => {
    const sdkAppId = await newApp();
    const other = await newApp();
    const results = await Promise.allSettled(
      Array.from({ length: 22 }, (_, i) =>
        bus.request(AccountRpc.CreateRobot, { userId: `@RBT#${i}` }, as(sdkAppId)),
      ),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as RemoteError).code)).toEqual([
      ErrorCode.GroupIllegalRequest,
      ErrorCode.GroupIllegalRequest,
    ]);
    expect(await bus.request(AccountRpc.ListRobots, {}, as(other))).toEqual({ userIds: [] });
    await expectRemoteError(
      bus.request(AccountRpc.DeleteRobot, { userId: '@RBT#0' }, as(other)),
      ErrorCode.GroupInvalidParameter,
    );
  });

  it('refuses robot commands to an end user with 70403', async () => {
    const sdkAppId = await newApp();
    await expectRemoteError(
      bus.request(AccountRpc.CreateRobot, { userId: '@RBT#x' }, as(sdkAppId, 'user', 'alice')),
      ErrorCode.AccountAdminRequired,
    );
    await expectRemoteError(
      bus.request(AccountRpc.ListRobots, {}, as(sdkAppId, 'user', 'alice')),
      ErrorCode.AccountAdminRequired,
    );
  });
});

describe(AccountRpc.Kick, () => {
  it('revokes older UserSigs in the row and publishes account.evt.kicked', async () => {
    const sdkAppId = await newApp();
    await importAccounts(sdkAppId, 'alice', 'bob');
    const before = Math.floor(Date.now() / 1000);

    const reply = await bus.request(AccountRpc.Kick, { userId: 'alice' }, as(sdkAppId));

    const after = Math.floor(Date.now() / 1000);
    expect(reply.revokedBefore).toBeGreaterThanOrEqual(before);
    expect(reply.revokedBefore).toBeLessThanOrEqual(after);
    expect(await accountRows(sdkAppId)).toEqual([
      expect.objectContaining({
        user_id: 'alice',
        sig_revoked_before: String(reply.revokedBefore),
      }),
      expect.objectContaining({ user_id: 'bob', sig_revoked_before: '0' }),
    ]);
    const event = await events.next(AccountEvt.Kicked, sdkAppId);
    expect(event).toMatchObject({ sdkAppId, userId: 'alice', revokedBefore: reply.revokedBefore });
    expectValidEvent(AccountKickedEvent, event);
  });

  it('refuses an account that was never imported with 70107', async () => {
    const sdkAppId = await newApp();

    await expectRemoteError(
      bus.request(AccountRpc.Kick, { userId: 'ghost' }, as(sdkAppId)),
      ErrorCode.AccountNotImported,
    );
    expect(await accountRows(sdkAppId)).toEqual([]);
  });
});

describe(AccountRpc.QueryOnlineStatus, () => {
  it('is Online, PushOnline or Offline from the live sessions, ignoring expired ones', async () => {
    const sdkAppId = await newApp();
    await importAccounts(sdkAppId, 'online', 'push', 'expired', 'none', 'mixed');
    await putSession(sdkAppId, 'online', { status: 'Online', platform: 'Web' });
    await putSession(sdkAppId, 'online', { status: 'PushOnline', platform: 'iPhone' });
    await putSession(sdkAppId, 'push', { status: 'PushOnline', platform: 'Android' });
    await putSession(sdkAppId, 'expired', { status: 'Online', ...EXPIRED });
    await putSession(sdkAppId, 'mixed', { status: 'Online', ...EXPIRED });
    await putSession(sdkAppId, 'mixed', { status: 'PushOnline', platform: 'iPad' });

    const reply = await bus.request(
      AccountRpc.QueryOnlineStatus,
      { userIds: ['online', 'push', 'expired', 'none', 'mixed'] },
      as(sdkAppId),
    );

    expect(reply).toEqual({
      results: [
        { userId: 'online', status: 'Online' },
        { userId: 'push', status: 'PushOnline' },
        { userId: 'expired', status: 'Offline' },
        { userId: 'none', status: 'Offline' },
        { userId: 'mixed', status: 'PushOnline' },
      ],
      errors: [],
    });
  });

  it('gives the live sessions per platform, oldest first, when asked', async () => {
    const sdkAppId = await newApp();
    await importAccounts(sdkAppId, 'alice', 'bob');
    const now = Date.now();
    await putSession(sdkAppId, 'alice', { platform: 'PC', status: 'Online', since: now - 1_000 });
    await putSession(sdkAppId, 'alice', {
      platform: 'iPhone',
      status: 'PushOnline',
      since: now - 9_000,
    });
    await putSession(sdkAppId, 'alice', { platform: 'Mac', status: 'Online', ...EXPIRED });

    const reply = await bus.request(
      AccountRpc.QueryOnlineStatus,
      { userIds: ['alice', 'bob'], withDetail: true },
      as(sdkAppId),
    );

    expect(reply.results).toEqual([
      {
        userId: 'alice',
        status: 'Online',
        detail: [
          { platform: 'iPhone', status: 'PushOnline' },
          { platform: 'PC', status: 'Online' },
        ],
      },
      { userId: 'bob', status: 'Offline', detail: [] },
    ]);
  });

  it('lists accounts that were never imported in errors with 70107', async () => {
    const sdkAppId = await newApp();
    await importAccounts(sdkAppId, 'alice');
    await putSession(sdkAppId, 'ghost', { status: 'Online' });

    const reply = await bus.request(
      AccountRpc.QueryOnlineStatus,
      { userIds: ['ghost', 'alice'] },
      as(sdkAppId),
    );

    expect(reply).toEqual({
      results: [{ userId: 'alice', status: 'Offline' }],
      errors: [{ userId: 'ghost', code: ErrorCode.AccountNotImported }],
    });
  });
});

describe('payload validation', () => {
  let sdkAppId: number;

  beforeAll(async () => {
    sdkAppId = await newApp();
  });

  const ids = (n: number) => Array.from({ length: n }, (_, i) => `user-${i}`);
  const tooLong = 'u'.repeat(33);

  it.each<[string, RpcSubject, unknown]>([
    ['import: userId is a number', AccountRpc.Import, { userId: 42 }],
    ['import: userId is missing', AccountRpc.Import, { nick: 'Alice' }],
    ['import: userId is 33 bytes', AccountRpc.Import, { userId: tooLong }],
    ['import: userId has a control character', AccountRpc.Import, { userId: 'a\tb' }],
    ['import: nick is 501 bytes', AccountRpc.Import, { userId: 'a', nick: 'n'.repeat(501) }],
    ['import: nick is a number', AccountRpc.Import, { userId: 'a', nick: 5 }],
    ['import: faceUrl is 501 bytes', AccountRpc.Import, { userId: 'a', faceUrl: 'f'.repeat(501) }],
    ['import: type is 2', AccountRpc.Import, { userId: 'a', type: 2 }],
    ['import-many: accounts is not an array', AccountRpc.ImportMany, { accounts: 'alice' }],
    ['import-many: accounts is missing', AccountRpc.ImportMany, {}],
    ['import-many: accounts is empty', AccountRpc.ImportMany, { accounts: [] }],
    ['import-many: an item is a string', AccountRpc.ImportMany, { accounts: ['alice'] }],
    ['import-many: a userId is a number', AccountRpc.ImportMany, { accounts: [{ userId: 1 }] }],
    [
      'import-many: a nick is a number',
      AccountRpc.ImportMany,
      { accounts: [{ userId: 'a', nick: 1 }] },
    ],
    ['delete: userIds is not an array', AccountRpc.Delete, { userIds: 'alice' }],
    ['delete: userIds is missing', AccountRpc.Delete, {}],
    ['delete: userIds is empty', AccountRpc.Delete, { userIds: [] }],
    ['delete: 101 userIds', AccountRpc.Delete, { userIds: ids(101) }],
    ['delete: a userId is a number', AccountRpc.Delete, { userIds: ['alice', 1] }],
    ['check: userIds is not an array', AccountRpc.Check, { userIds: { 0: 'alice' } }],
    ['check: 101 userIds', AccountRpc.Check, { userIds: ids(101) }],
    ['check: a userId is null', AccountRpc.Check, { userIds: [null] }],
    ['kick: userId is missing', AccountRpc.Kick, {}],
    ['kick: userId is a number', AccountRpc.Kick, { userId: 7 }],
    ['kick: userId is 33 bytes', AccountRpc.Kick, { userId: tooLong }],
    ['online status: userIds is not an array', AccountRpc.QueryOnlineStatus, { userIds: 'alice' }],
    ['online status: 501 userIds', AccountRpc.QueryOnlineStatus, { userIds: ids(501) }],
    [
      'online status: withDetail is a string',
      AccountRpc.QueryOnlineStatus,
      { userIds: ['alice'], withDetail: 'yes' },
    ],
  ])('answers 70402 when %s', async (_case, subject, payload) => {
    await expectRemoteError(
      send(subject, payload, as(sdkAppId)),
      ErrorCode.AccountInvalidParameters,
    );
  });

  it('writes nothing for a refused payload', async () => {
    await expectRemoteError(
      send(AccountRpc.Import, { userId: 'alice', nick: 'n'.repeat(501) }, as(sdkAppId)),
      ErrorCode.AccountInvalidParameters,
    );

    expect(await accountRows(sdkAppId)).toEqual([]);
  });

  it.each<[string, RpcSubject, unknown]>([
    ['create-app: name is missing', AccountRpc.CreateApp, {}],
    ['create-app: name is empty', AccountRpc.CreateApp, { name: '' }],
    ['create-app: name is 101 bytes', AccountRpc.CreateApp, { name: 'n'.repeat(101) }],
    ['create-app: sdkAppId is 0', AccountRpc.CreateApp, { name: 'x', sdkAppId: 0 }],
    [
      'create-app: sdkAppId is above uint32',
      AccountRpc.CreateApp,
      { name: 'x', sdkAppId: 2 ** 32 },
    ],
    [
      'create-app: sdkAppId is a string',
      AccountRpc.CreateApp,
      { name: 'x', sdkAppId: '1400000000' },
    ],
    ['create-app: secretKey is not 64 hex', AccountRpc.CreateApp, { name: 'x', secretKey: 'ABC' }],
    ['create-app: no admin identifier', AccountRpc.CreateApp, { name: 'x', adminIdentifiers: [] }],
    [
      'create-app: 11 admin identifiers',
      AccountRpc.CreateApp,
      { name: 'x', adminIdentifiers: ids(11) },
    ],
    [
      'create-app: an admin identifier is 33 bytes',
      AccountRpc.CreateApp,
      { name: 'x', adminIdentifiers: [tooLong] },
    ],
    [
      'create-app: a rate limit of 0',
      AccountRpc.CreateApp,
      { name: 'x', settings: { restRateLimitPerSecond: 0 } },
    ],
    [
      'create-app: autoCreateAccountOnLogin is a string',
      AccountRpc.CreateApp,
      { name: 'x', settings: { autoCreateAccountOnLogin: 'yes' } },
    ],
    ['get-app: sdkAppId is a string', AccountRpc.GetApp, { sdkAppId: '1400000000' }],
    ['get-app: sdkAppId is missing', AccountRpc.GetApp, {}],
    ['update-app: status is unknown', AccountRpc.UpdateApp, { sdkAppId: 1, status: 'paused' }],
    ['update-app: name is empty', AccountRpc.UpdateApp, { sdkAppId: 1, name: '' }],
    ['update-app: settings is a string', AccountRpc.UpdateApp, { sdkAppId: 1, settings: 'x' }],
    ['rotate-app-key: sdkAppId is negative', AccountRpc.RotateAppKey, { sdkAppId: -1 }],
    ['get-app-credentials: sdkAppId is 1.5', AccountRpc.GetAppCredentials, { sdkAppId: 1.5 }],
  ])('answers 70402 when %s', async (_case, subject, payload) => {
    await expectRemoteError(send(subject, payload, asOperator), ErrorCode.AccountInvalidParameters);
  });
});

describe('permissions', () => {
  let sdkAppId: number;

  beforeAll(async () => {
    sdkAppId = await newApp();
    await importAccounts(sdkAppId, 'alice');
  });

  it.each<[RpcSubject, unknown]>([
    [AccountRpc.Import, { userId: 'mallory' }],
    [AccountRpc.ImportMany, { accounts: [{ userId: 'mallory' }] }],
    [AccountRpc.Delete, { userIds: ['alice'] }],
    [AccountRpc.Check, { userIds: ['alice'] }],
    [AccountRpc.Kick, { userId: 'alice' }],
  ])('refuses %s to an end user with 70403 and changes nothing', async (subject, payload) => {
    await expectRemoteError(
      send(subject, payload, as(sdkAppId, 'user', 'alice')),
      ErrorCode.AccountAdminRequired,
    );

    expect(await accountRows(sdkAppId)).toEqual([
      expect.objectContaining({ user_id: 'alice', sig_revoked_before: '0' }),
    ]);
  });

  it('lets a platform service import accounts for the app', async () => {
    const reply = await bus.request(
      AccountRpc.Import,
      { userId: 'from-login' },
      as(sdkAppId, 'service', 'conn-gateway'),
    );

    expect(reply.created).toBe(true);
  });

  const appSubjects: [RpcSubject, unknown][] = [
    [AccountRpc.CreateApp, { name: 'not-yours' }],
    [AccountRpc.GetApp, { sdkAppId: 1 }],
    [AccountRpc.UpdateApp, { sdkAppId: 1, name: 'not-yours' }],
    [AccountRpc.RotateAppKey, { sdkAppId: 1 }],
  ];
  const notOperators: CallerRole[] = ['admin', 'user', 'service'];

  it.each(
    appSubjects.flatMap(([subject, payload]) =>
      notOperators.map((role) => [subject, role, payload] as [RpcSubject, CallerRole, unknown]),
    ),
  )('refuses %s to role %s with 70403', async (subject, role, payload) => {
    const payloadFor = (p: unknown) =>
      typeof p === 'object' && p && 'sdkAppId' in p ? { ...p, sdkAppId } : p;

    await expectRemoteError(
      send(subject, payloadFor(payload), as(sdkAppId, role)),
      ErrorCode.AccountAdminRequired,
    );
  });

  it('leaves the app unchanged after refused operator commands', async () => {
    const before = await bus.request(AccountRpc.GetApp, { sdkAppId }, asOperator);

    await expectRemoteError(
      send(AccountRpc.RotateAppKey, { sdkAppId }, as(sdkAppId, 'admin')),
      ErrorCode.AccountAdminRequired,
    );

    expect(await bus.request(AccountRpc.GetApp, { sdkAppId }, asOperator)).toEqual(before);
  });

  it.each<CallerRole>(['admin', 'user'])(
    'refuses the app credentials to role %s with 70403',
    async (role) => {
      await expectRemoteError(
        send(AccountRpc.GetAppCredentials, { sdkAppId }, as(sdkAppId, role)),
        ErrorCode.AccountAdminRequired,
      );
    },
  );

  it.each<CallerRole>(['service', 'operator'])(
    'gives the app credentials to role %s',
    async (role) => {
      const reply = await bus.request(
        AccountRpc.GetAppCredentials,
        { sdkAppId },
        as(sdkAppId, role, 'api-gateway'),
      );

      expect(reply).toMatchObject({ sdkAppId, status: 'active', keyVersion: 1 });
    },
  );

  it.each<[RpcSubject, unknown]>([
    [AccountRpc.Import, { userId: 'alice' }],
    [AccountRpc.ImportMany, { accounts: [{ userId: 'alice' }] }],
    [AccountRpc.Delete, { userIds: ['alice'] }],
    [AccountRpc.Check, { userIds: ['alice'] }],
    [AccountRpc.Kick, { userId: 'alice' }],
    [AccountRpc.QueryOnlineStatus, { userIds: ['alice'] }],
  ])('refuses %s without app and caller headers with 60012', async (subject, payload) => {
    await expectRemoteError(send(subject, payload, {}), ErrorCode.SdkAppIdMissing);
  });

  it.each([
    ['no app', { callerId: 'administrator', role: 'admin' as const }],
    ['no caller', { sdkAppId: 1, role: 'admin' as const }],
    ['no role', { sdkAppId: 1, callerId: 'administrator' }],
  ])('refuses an app-scoped request with %s with 60012', async (_case, context) => {
    await expectRemoteError(
      send(AccountRpc.Check, { userIds: ['alice'] }, { context }),
      ErrorCode.SdkAppIdMissing,
    );
  });
});

describe('app registry', () => {
  async function nextSequenceValue(): Promise<number> {
    const { rows } = await pg.query<{ last_value: string; is_called: boolean }>(
      'SELECT last_value, is_called FROM apps_sdk_app_id_seq',
    );
    return Number(rows[0].last_value) + (rows[0].is_called ? 1 : 0);
  }

  it('allocates unique SDKAppIDs from 1400000000 with the default admin and a new key', async () => {
    const first = await createApp(bus, { name: 'first' });
    const second = await createApp(bus, { name: 'second' });

    for (const app of [first, second]) {
      expect(app.sdkAppId).toBeGreaterThanOrEqual(1400000000);
      expect(app).toMatchObject({
        status: 'active',
        adminIdentifiers: ['administrator'],
        keyVersion: 1,
        settings: {},
      });
      expect(app.secretKey).toMatch(/^[0-9a-f]{64}$/);
      expect(Date.parse(app.createdAt)).not.toBeNaN();
    }
    expect(second.sdkAppId).not.toBe(first.sdkAppId);
    expect(second.secretKey).not.toBe(first.secretKey);
    const { rows } = await pg.query('SELECT name FROM apps WHERE sdk_app_id = ANY($1)', [
      [first.sdkAppId, second.sdkAppId],
    ]);
    expect(rows).toHaveLength(2);
  });

  it('publishes account.evt.app-changed for a created app', async () => {
    const app = await createApp(bus);

    const event = await events.next(AccountEvt.AppChanged, app.sdkAppId);
    expect(event).toMatchObject({ sdkAppId: app.sdkAppId, changes: ['created'] });
    expectValidEvent(AppChangedEvent, event);
  });

  it('creates an app with a fixed SDKAppID and the given key, admins and settings', async () => {
    const secretKey = 'ab'.repeat(32);

    const app = await createApp(bus, {
      sdkAppId: 20001,
      name: 'fixed',
      secretKey,
      adminIdentifiers: ['boss', 'ops'],
      settings: { restRateLimitPerSecond: 50 },
    });

    expect(app).toMatchObject({
      sdkAppId: 20001,
      name: 'fixed',
      secretKey,
      adminIdentifiers: ['boss', 'ops'],
      settings: { restRateLimitPerSecond: 50 },
    });
    expect(await bus.request(AccountRpc.GetApp, { sdkAppId: 20001 }, asOperator)).toEqual(app);
  });

  it('refuses a fixed SDKAppID that is taken with 60006 and keeps the first app', async () => {
    const first = await createApp(bus, { sdkAppId: 20002, name: 'first' });

    await expectRemoteError(
      createApp(bus, { sdkAppId: 20002, name: 'second' }),
      ErrorCode.SdkAppIdInvalid,
    );
    expect(await bus.request(AccountRpc.GetApp, { sdkAppId: 20002 }, asOperator)).toEqual(first);
  });

  it('skips an SDKAppID an operator took by hand when allocating', async () => {
    const next = await nextSequenceValue();
    await createApp(bus, { sdkAppId: next, name: 'by-hand' });

    const allocated = await createApp(bus, { name: 'allocated' });

    expect(allocated.sdkAppId).toBe(next + 1);
  });

  it('answers 70020 for an app that does not exist', async () => {
    const missing = { sdkAppId: 4_000_000_000 };

    await expectRemoteError(
      bus.request(AccountRpc.GetApp, missing, asOperator),
      ErrorCode.SdkAppIdNotFound,
    );
    await expectRemoteError(
      bus.request(AccountRpc.UpdateApp, { ...missing, name: 'x' }, asOperator),
      ErrorCode.SdkAppIdNotFound,
    );
    await expectRemoteError(
      bus.request(AccountRpc.RotateAppKey, missing, asOperator),
      ErrorCode.SdkAppIdNotFound,
    );
    await expectRemoteError(
      bus.request(AccountRpc.GetAppCredentials, missing, asOperator),
      ErrorCode.SdkAppIdNotFound,
    );
  });

  it('updates name, status and admins, merges settings key by key, and publishes the changes', async () => {
    const app = await createApp(bus, { settings: { restRateLimitPerSecond: 50 } });

    const updated = await bus.request(
      AccountRpc.UpdateApp,
      {
        sdkAppId: app.sdkAppId,
        name: 'renamed',
        status: 'disabled',
        adminIdentifiers: ['boss'],
        settings: { autoCreateAccountOnLogin: true },
      },
      asOperator,
    );

    expect(updated).toMatchObject({
      sdkAppId: app.sdkAppId,
      name: 'renamed',
      status: 'disabled',
      adminIdentifiers: ['boss'],
      settings: { restRateLimitPerSecond: 50, autoCreateAccountOnLogin: true },
      secretKey: app.secretKey,
      keyVersion: 1,
    });
    const event = await events.next(AccountEvt.AppChanged, app.sdkAppId, (e) =>
      e.changes.includes('settings'),
    );
    expect([...event.changes].sort()).toEqual(['admins', 'name', 'settings', 'status']);
    expectValidEvent(AppChangedEvent, event);
  });

  it('overwrites a settings key given again and keeps the others', async () => {
    const app = await createApp(bus, {
      settings: { restRateLimitPerSecond: 50, autoCreateAccountOnLogin: false },
    });

    const updated = await bus.request(
      AccountRpc.UpdateApp,
      { sdkAppId: app.sdkAppId, settings: { restRateLimitPerSecond: 7 } },
      asOperator,
    );

    expect(updated.settings).toEqual({
      restRateLimitPerSecond: 7,
      autoCreateAccountOnLogin: false,
    });
  });

  it('takes null fields of an update as not given', async () => {
    const app = await createApp(bus, { settings: { restRateLimitPerSecond: 50 } });

    const updated = await send(
      AccountRpc.UpdateApp,
      { sdkAppId: app.sdkAppId, name: null, status: null, adminIdentifiers: null, settings: null },
      asOperator,
    );

    expect(updated).toEqual(app);
  });

  it('allocates an SDKAppID when the given one is null', async () => {
    const app = (await send(AccountRpc.CreateApp, { name: 'x', sdkAppId: null })) as AppReply;

    expect(app.sdkAppId).toBeGreaterThanOrEqual(1400000000);
  });

  it('rotates the key: new key, next version, served to verifiers, announced', async () => {
    const app = await createApp(bus);

    const rotated = await bus.request(
      AccountRpc.RotateAppKey,
      { sdkAppId: app.sdkAppId },
      asOperator,
    );

    expect(rotated.keyVersion).toBe(2);
    expect(rotated.secretKey).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.secretKey).not.toBe(app.secretKey);
    const credentials = await bus.request(
      AccountRpc.GetAppCredentials,
      { sdkAppId: app.sdkAppId },
      as(app.sdkAppId, 'service', 'api-gateway'),
    );
    expect(credentials).toMatchObject({ secretKey: rotated.secretKey, keyVersion: 2 });
    const event = await events.next(AccountEvt.AppChanged, app.sdkAppId, (e) =>
      e.changes.includes('key-rotated'),
    );
    expect(event.changes).toEqual(['key-rotated']);
  });
});

describe('tenant isolation', () => {
  let appA: number;
  let appB: number;

  beforeEach(async () => {
    [appA, appB] = [await newApp(), await newApp()];
    await importAccounts(appA, 'shared', 'only-a');
    await importAccounts(appB, 'shared');
  });

  it("deleting an account in app A leaves app B's account of the same ID", async () => {
    await bus.request(AccountRpc.Delete, { userIds: ['shared', 'only-a'] }, as(appA));

    expect(await accountRows(appA)).toEqual([]);
    expect((await accountRows(appB)).map((r) => r.user_id)).toEqual(['shared']);
    const event = await events.next(AccountEvt.Deleted, appA);
    expect(event.sdkAppId).toBe(appA);
    expect(events.of(AccountEvt.Deleted, appB)).toEqual([]);
  });

  it('app B does not see accounts that only app A imported', async () => {
    const reply = await bus.request(AccountRpc.Check, { userIds: ['shared', 'only-a'] }, as(appB));

    expect(reply.results.map((r) => [r.userId, r.isImported])).toEqual([
      ['shared', true],
      ['only-a', false],
    ]);
    await expectRemoteError(
      bus.request(AccountRpc.Kick, { userId: 'only-a' }, as(appB)),
      ErrorCode.AccountNotImported,
    );
  });

  it("kicking in app A does not touch app B's account", async () => {
    await bus.request(AccountRpc.Kick, { userId: 'shared' }, as(appA));

    expect(await accountRow(appB, 'shared')).toMatchObject({ sig_revoked_before: '0' });
    expect(Number((await accountRow(appA, 'shared'))!.sig_revoked_before)).toBeGreaterThan(0);
  });

  it("app B does not see app A's presence", async () => {
    await putSession(appA, 'shared', { status: 'Online' });
    await putSession(appA, 'only-a', { status: 'Online' });

    const inB = await bus.request(
      AccountRpc.QueryOnlineStatus,
      { userIds: ['shared', 'only-a'] },
      as(appB),
    );
    const inA = await bus.request(AccountRpc.QueryOnlineStatus, { userIds: ['shared'] }, as(appA));

    expect(inB).toEqual({
      results: [{ userId: 'shared', status: 'Offline' }],
      errors: [{ userId: 'only-a', code: ErrorCode.AccountNotImported }],
    });
    expect(inA.results).toEqual([{ userId: 'shared', status: 'Online' }]);
  });

  it("re-importing in app B does not change app A's account", async () => {
    await bus.request(AccountRpc.Import, { userId: 'shared', nick: 'B' }, as(appB));

    expect(await accountRow(appA, 'shared')).toMatchObject({ nick: null });
    expect(await accountRow(appB, 'shared')).toMatchObject({ nick: 'B' });
  });
});
