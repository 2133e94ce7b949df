/**
 * Console operators over NATS: the first operator, logins throttled per name and per address,
 * sessions with their bound CSRF token, and the audit log written with each change.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';

import { Client } from 'pg';

import { AccountRpc, ErrorCode, OperatorLimits } from '@im/contracts';
import type { OperatorCallRequest } from '@im/contracts';
import type { NatsBus, RequestOptions } from '@im/platform';
import { createTestDatabase, startNatsServer, startRedisServer } from '@im/testing';
import type { ServerHandle, TestDatabase } from '@im/testing';

import { asOperator, connectTestBus, makeTempDir, startAccountService } from './account.harness';
import type { StartedAccountService } from './account.harness';

/** The api-gateway calls the console subjects as a service; the session proves the operator. */
const asGateway: RequestOptions = { context: { role: 'service', callerId: 'api-gateway' } };

let tmp: string;
let nats: ServerHandle;
let redisServer: ServerHandle;
let db: TestDatabase;
let service: StartedAccountService;
let bus: NatsBus;
let password: string;

beforeAll(async () => {
  tmp = await makeTempDir('im-account-operators-');
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
  const first = await bus.request(
    AccountRpc.EnsureFirstOperator,
    { username: 'admin' },
    asOperator,
  );
  password = first.password!;
});

afterAll(async () => {
  await bus?.close();
  await service?.app.close();
  await db?.drop();
  await Promise.all([nats?.stop(), redisServer?.stop()]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const login = (username: string, pass: string, clientIp = '10.0.0.1') =>
  bus.request(AccountRpc.OperatorLogin, { username, password: pass, clientIp }, asGateway);

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 0,
    (err: { code?: number }) => err.code,
  );

async function query<T>(sql: string): Promise<T[]> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('first operator', () => {
  it('is created once, with a password stored only as an scrypt hash', async () => {
    const again = await bus.request(
      AccountRpc.EnsureFirstOperator,
      { username: 'someone-else' },
      asOperator,
    );

    expect(again).toEqual({ created: false, username: 'someone-else' });
    const rows = await query<{ username: string; password_hash: string }>(
      'SELECT username, password_hash FROM operators',
    );
    expect(rows.map((r) => r.username)).toEqual(['admin']);
    expect(rows[0].password_hash).toMatch(/^scrypt\$/);
    expect(rows[0].password_hash).not.toContain(password);
  });

  it('is the operator’s alone to create', async () => {
    await expect(
      codeOf(bus.request(AccountRpc.EnsureFirstOperator, { username: 'x' }, asGateway)),
    ).resolves.toBe(ErrorCode.AccountAdminRequired);
  });
});

describe('sessions', () => {
  it('opens a session whose token is stored only as a hash, and closes it on logout', async () => {
    const s = await login('admin', password);
    const call: OperatorCallRequest = { sessionToken: s.sessionToken, csrfToken: s.csrfToken };

    await expect(bus.request(AccountRpc.OperatorSession, call, asGateway)).resolves.toMatchObject({
      username: 'admin',
    });
    const stored = await query<{ token_hash: string }>('SELECT token_hash FROM operator_sessions');
    expect(stored.map((r) => r.token_hash)).not.toContain(s.sessionToken);

    await bus.request(AccountRpc.OperatorLogout, call, asGateway);
    await expect(codeOf(bus.request(AccountRpc.OperatorSession, call, asGateway))).resolves.toBe(
      ErrorCode.ConsoleSessionInvalid,
    );
  });

  it('refuses a write without the CSRF token of the same session, and writes nothing', async () => {
    const a = await login('admin', password);
    const b = await login('admin', password);
    const create = (csrfToken?: string) =>
      bus.request(
        AccountRpc.OperatorCreateApp,
        { sessionToken: b.sessionToken, csrfToken, name: 'csrf' },
        asGateway,
      );

    await expect(codeOf(create())).resolves.toBe(ErrorCode.ConsoleCsrfInvalid);
    await expect(codeOf(create(a.csrfToken))).resolves.toBe(ErrorCode.ConsoleCsrfInvalid);
    expect(await query("SELECT 1 FROM apps WHERE name = 'csrf'")).toEqual([]);
    await expect(create(b.csrfToken)).resolves.toMatchObject({ name: 'csrf' });
  });

  it('refuses an unknown session token', async () => {
    await expect(
      codeOf(bus.request(AccountRpc.OperatorListApps, { sessionToken: 'f'.repeat(64) }, asGateway)),
    ).resolves.toBe(ErrorCode.ConsoleSessionInvalid);
  });
});

describe('apps and the audit log', () => {
  it('records each write with who, what and when, and no refused one', async () => {
    const s = await login('admin', password, '10.0.0.7');
    const call = { sessionToken: s.sessionToken, csrfToken: s.csrfToken, clientIp: '10.0.0.8' };
    const app = await bus.request(
      AccountRpc.OperatorCreateApp,
      { ...call, name: 'audited' },
      asGateway,
    );
    await bus.request(
      AccountRpc.OperatorSetAppFeatures,
      { ...call, sdkAppId: app.sdkAppId, avchatroom: true },
      asGateway,
    );
    const rotated = await bus.request(
      AccountRpc.OperatorRotateAppKey,
      { ...call, sdkAppId: app.sdkAppId },
      asGateway,
    );
    // a refused change leaves no entry
    await codeOf(
      bus.request(AccountRpc.OperatorRotateAppKey, { ...call, sdkAppId: 999_999 }, asGateway),
    );

    const page = await bus.request(AccountRpc.OperatorListAudit, { ...call, limit: 3 }, asGateway);
    expect(page.items.map((e) => [e.action, e.target, e.detail])).toEqual([
      ['app.rotate-key', `app:${app.sdkAppId}`, { keyVersion: 2 }],
      ['app.features', `app:${app.sdkAppId}`, { avchatroom: true }],
      [
        'app.create',
        `app:${app.sdkAppId}`,
        { name: 'audited', adminIdentifiers: ['administrator'] },
      ],
    ]);
    expect(page.items[0]).toMatchObject({ operator: 'admin', clientIp: '10.0.0.8' });
    expect(page.total).toBeGreaterThan(3);
    expect(JSON.stringify(page)).not.toContain(rotated.secretKey);

    const apps = await bus.request(AccountRpc.OperatorListApps, { ...call, limit: 100 }, asGateway);
    expect(apps.items.find((a) => a.sdkAppId === app.sdkAppId)).toMatchObject({
      features: ['avchatroom'],
      keyVersion: 2,
    });
    expect(JSON.stringify(apps)).not.toContain(rotated.secretKey);
  });
});

describe('calls passed on to other services', () => {
  it('lets any session read, a write only with its CSRF token, and records the outcome', async () => {
    const a = await login('admin', password);
    const b = await login('admin', password);
    const call = { sessionToken: b.sessionToken, csrfToken: b.csrfToken, clientIp: '10.0.0.9' };

    await expect(
      bus.request(
        AccountRpc.OperatorCheck,
        { sessionToken: b.sessionToken, write: false },
        asGateway,
      ),
    ).resolves.toMatchObject({ username: 'admin' });
    await expect(
      codeOf(
        bus.request(
          AccountRpc.OperatorCheck,
          { sessionToken: b.sessionToken, write: true },
          asGateway,
        ),
      ),
    ).resolves.toBe(ErrorCode.ConsoleCsrfInvalid);
    await expect(
      codeOf(
        bus.request(
          AccountRpc.OperatorCheck,
          { ...call, csrfToken: a.csrfToken, write: true },
          asGateway,
        ),
      ),
    ).resolves.toBe(ErrorCode.ConsoleCsrfInvalid);
    await expect(
      bus.request(AccountRpc.OperatorCheck, { ...call, write: true }, asGateway),
    ).resolves.toMatchObject({ username: 'admin' });

    const record = (over: Record<string, unknown>) =>
      bus.request(
        AccountRpc.OperatorRecord,
        { ...call, action: 'user.kick', target: 'app:1/user:u1', detail: {}, code: 0, ...over },
        asGateway,
      );
    // an entry needs the session's CSRF token, a well-formed action and a bounded detail
    await expect(codeOf(record({ csrfToken: a.csrfToken }))).resolves.toBe(
      ErrorCode.ConsoleCsrfInvalid,
    );
    await expect(codeOf(record({ action: 'Kick!' }))).resolves.toBeGreaterThan(0);
    await expect(codeOf(record({ detail: { big: 'x'.repeat(3000) } }))).resolves.toBeGreaterThan(0);
    await record({
      action: 'message.send',
      target: 'app:1/user:u2',
      detail: { from: null },
      code: 80001,
    });

    const page = await bus.request(AccountRpc.OperatorListAudit, { ...call, limit: 1 }, asGateway);
    expect(page.items[0]).toMatchObject({
      operator: 'admin',
      action: 'message.send',
      target: 'app:1/user:u2',
      detail: { from: null, code: 80001 },
      clientIp: '10.0.0.9',
    });
    expect(await query("SELECT 1 FROM operator_audit WHERE action = 'Kick!'")).toEqual([]);
  });
});

describe('callbacks', () => {
  it('keeps the URL, the token write-only and the enabled commands, and audits the change', async () => {
    const s = await login('admin', password);
    const call = { sessionToken: s.sessionToken, csrfToken: s.csrfToken };
    const app = await bus.request(AccountRpc.OperatorCreateApp, { ...call, name: 'cb' }, asGateway);
    const set = (over: Record<string, unknown>) =>
      bus.request(
        AccountRpc.OperatorSetCallbacks,
        { ...call, sdkAppId: app.sdkAppId, ...over },
        asGateway,
      );

    await expect(
      bus.request(AccountRpc.OperatorGetCallbacks, { ...call, sdkAppId: app.sdkAppId }, asGateway),
    ).resolves.toMatchObject({ url: null, tokenSet: false, enabledCommands: [] });
    await expect(codeOf(set({ url: 'ftp://x/y' }))).resolves.toBeGreaterThan(0);
    await expect(codeOf(set({ authenticationEnabled: true }))).resolves.toBeGreaterThan(0);
    await expect(codeOf(set({ url: 'http://h/cb', csrfToken: undefined }))).resolves.toBe(
      ErrorCode.ConsoleCsrfInvalid,
    );

    const view = await set({
      url: 'http://127.0.0.1:9/cb',
      token: 'secret-token',
      enabledCommands: ['C2C.CallbackAfterSendMsg', 'C2C.CallbackAfterSendMsg'],
    });
    expect(view).toMatchObject({
      url: 'http://127.0.0.1:9/cb',
      tokenSet: true,
      authenticationEnabled: true,
      enabledCommands: ['C2C.CallbackAfterSendMsg'],
    });
    expect(JSON.stringify(view)).not.toContain('secret-token');
    // absent fields are kept; '' removes the URL
    await expect(set({ url: '' })).resolves.toMatchObject({
      url: null,
      tokenSet: true,
      enabledCommands: ['C2C.CallbackAfterSendMsg'],
    });
    const [stored] = await query<{ settings: { callbacks: unknown } }>(
      `SELECT settings FROM apps WHERE sdk_app_id = ${app.sdkAppId}`,
    );
    expect(stored.settings.callbacks).toEqual({
      authentication: { token: 'secret-token', enabled: true },
      enabledCommands: ['C2C.CallbackAfterSendMsg'],
    });
    const audit = await bus.request(AccountRpc.OperatorListAudit, { ...call, limit: 2 }, asGateway);
    expect(audit.items.map((e) => [e.action, e.detail])).toEqual([
      [
        'app.callbacks',
        {
          url: null,
          enabledCommands: ['C2C.CallbackAfterSendMsg'],
          authenticationEnabled: true,
          tokenChanged: false,
        },
      ],
      [
        'app.callbacks',
        {
          url: 'http://127.0.0.1:9/cb',
          enabledCommands: ['C2C.CallbackAfterSendMsg'],
          authenticationEnabled: true,
          tokenChanged: true,
        },
      ],
    ]);
    expect(JSON.stringify(audit)).not.toContain('secret-token');
  });
});

describe('app settings', () => {
  it('changes admin identifiers and the editable settings, keeps the rest, refuses other keys, audits', async () => {
    const s = await login('admin', password);
    const call = { sessionToken: s.sessionToken, csrfToken: s.csrfToken };
    const app = await bus.request(AccountRpc.OperatorCreateApp, { ...call, name: 'st' }, asGateway);
    const set = (over: Record<string, unknown>) =>
      bus.request(
        AccountRpc.OperatorSetAppSettings,
        { ...call, sdkAppId: app.sdkAppId, ...over },
        asGateway,
      );
    const field = {
      key: 'Tag_Profile_Custom_Level',
      type: 'string',
      read: ['App', 'AppAdmin'],
      write: ['AppAdmin'],
    };
    await set({
      settings: {
        message: { roamingDays: 7, sensitiveWordAction: 'mask' },
      },
    });

    const view = await set({
      adminIdentifiers: ['root', 'ops'],
      settings: {
        multiLoginPolicy: 'single',
        friendLimit: 500,
        message: { roamingDays: 30 },
        profileCustomFields: [field],
      },
    });
    expect(view).toEqual({
      sdkAppId: app.sdkAppId,
      adminIdentifiers: ['root', 'ops'],
      settings: {
        multiLoginPolicy: 'single',
        friendLimit: 500,
        message: { roamingDays: 30, sensitiveWordAction: 'mask' },
        profileCustomFields: [field],
      },
    });
    await expect(
      bus.request(
        AccountRpc.OperatorGetAppSettings,
        { ...call, sdkAppId: app.sdkAppId },
        asGateway,
      ),
    ).resolves.toEqual(view);

    // other keys, invalid declarations and writes without CSRF are refused; nothing changes
    await expect(codeOf(set({ settings: { callbacks: { url: 'http://h/cb' } } }))).resolves.toBe(
      ErrorCode.AccountInvalidParameters,
    );
    await expect(
      codeOf(
        set({ settings: { profileCustomFields: [{ ...field, key: 'Tag_Profile_Custom_1' }] } }),
      ),
    ).resolves.toBeGreaterThan(0);
    await expect(codeOf(set({ settings: { friendLimit: 7 }, csrfToken: undefined }))).resolves.toBe(
      ErrorCode.ConsoleCsrfInvalid,
    );
    const [stored] = await query<{ settings: Record<string, unknown> }>(
      `SELECT settings FROM apps WHERE sdk_app_id = ${app.sdkAppId}`,
    );
    expect(stored.settings).not.toHaveProperty('callbacks');
    expect(stored.settings.friendLimit).toBe(500);

    const audit = await bus.request(AccountRpc.OperatorListAudit, { ...call, limit: 1 }, asGateway);
    expect(audit.items.map((e) => [e.action, e.target, e.detail])).toEqual([
      [
        'app.settings',
        `app:${app.sdkAppId}`,
        {
          keys: ['multiLoginPolicy', 'friendLimit', 'message', 'profileCustomFields'],
          adminIdentifiers: ['root', 'ops'],
        },
      ],
    ]);
  });
});

describe('login throttle', () => {
  it('refuses a name after too many failures, even with the right password', async () => {
    for (let i = 0; i < OperatorLimits.failuresPerAccount; i++) {
      await expect(codeOf(login('nobody', 'wrong', '10.1.0.1'))).resolves.toBe(
        ErrorCode.ConsoleLoginFailed,
      );
    }
    await expect(codeOf(login('nobody', 'wrong', '10.1.0.2'))).resolves.toBe(
      ErrorCode.ConsoleLoginThrottled,
    );
  });

  it('refuses an address after too many failures, whatever the name', async () => {
    for (let i = 0; i < OperatorLimits.failuresPerIp; i++) {
      await codeOf(login(`guess-${i}`, 'wrong', '10.2.0.1'));
    }
    await expect(codeOf(login('admin', password, '10.2.0.1'))).resolves.toBe(
      ErrorCode.ConsoleLoginThrottled,
    );
    // another address still gets in
    await expect(login('admin', password, '10.2.0.2')).resolves.toMatchObject({
      username: 'admin',
    });
  });
});
