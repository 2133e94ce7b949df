import { Redis } from 'ioredis';

import { PresenceCacheKeys } from '@im/contracts';
import type { PresenceSession } from '@im/contracts';

import {
  adminQuery,
  BODY_LIMIT_BYTES,
  codeOf,
  GatewayHarness,
  request,
  startGatewayHarness,
  TestApp,
} from './gateway-harness';

const LOGIN = 'im_open_login_svc';
const OPENIM = 'openim';
/** 33 bytes: one more than a UserID may have. */
const ID_33 = 'u'.repeat(33);
/** 32 bytes in 16 characters. */
const ID_32_BYTES = 'é'.repeat(16);
const ids = (n: number, prefix = '') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/**
 * The account commands of docs/rest-api.md §3 through real HTTP: the spec field names of each
 * answer, the code of every kind of bad input for every command, and how bodies are read.
 */
describe('api-gateway account commands', () => {
  let h: GatewayHarness;
  let t: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    h = await startGatewayHarness();
    t = await h.createApp();
    redis = new Redis(h.servers.redis.url, { lazyConnect: true });
    await redis.connect();
  });

  afterAll(async () => {
    await redis?.quit();
    await h?.close();
  });

  /** POSTs `body` as given (a string is sent raw) with the app admin's query. */
  async function call(service: string, command: string, body: unknown) {
    const answer = await request(h.baseUrl, `/v4/${service}/${command}`, {
      query: adminQuery(t.app),
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(200);
    codeOf(answer.body);
    return answer.body;
  }

  async function statusOf(...userIds: string[]) {
    const answer = await call(LOGIN, 'account_check', {
      CheckItem: userIds.map((UserID) => ({ UserID })),
    });
    return (answer.ResultItem as { AccountStatus: string }[]).map((i) => i.AccountStatus);
  }

  /** Records a live session of `userId` the way conn-gateway does. */
  async function putSession(userId: string, session: Partial<PresenceSession>) {
    const full: PresenceSession = {
      connId: `c-${userId}-${session.platform ?? 'iPhone'}`,
      nodeId: 'conn-test',
      platform: 'iPhone',
      status: 'Online',
      since: Date.now(),
      expiresAt: Date.now() + 600_000,
      ...session,
    };
    const key = PresenceCacheKeys.sessions(t.sdkAppId, userId);
    await redis.hset(key, full.connId, JSON.stringify(full));
    await redis.expire(key, 600);
  }

  describe('every command with the exact spec field names', () => {
    it('account_import imports one account, idempotently, with its profile fields', async () => {
      const body = { UserID: 'imp-1', Nick: 'Nick', FaceUrl: 'http://img/1.png', Type: 0 };
      expect(await call(LOGIN, 'account_import', body)).toEqual({
        ActionStatus: 'OK',
        ErrorInfo: '',
        ErrorCode: 0,
      });
      expect((await call(LOGIN, 'account_import', body)).ErrorCode).toBe(0);
      expect(await statusOf('imp-1')).toEqual(['Imported']);
    });

    it('account_import counts UserID limits in bytes and accepts a 500-byte Nick', async () => {
      const body = { UserID: ID_32_BYTES, Nick: 'n'.repeat(500), FaceUrl: 'f'.repeat(500) };
      expect((await call(LOGIN, 'account_import', body)).ErrorCode).toBe(0);
      expect((await call(LOGIN, 'account_import', { UserID: `${ID_32_BYTES}x` })).ErrorCode).toBe(
        70402,
      );
    });

    it('account_import and kick accept Identifier for UserID', async () => {
      expect((await call(LOGIN, 'account_import', { Identifier: 'alias-1' })).ErrorCode).toBe(0);
      expect(await statusOf('alias-1')).toEqual(['Imported']);
      expect((await call(LOGIN, 'kick', { Identifier: 'alias-1' })).ErrorCode).toBe(0);
      // UserID wins over Identifier when both are sent.
      expect(
        (await call(LOGIN, 'account_import', { UserID: 'alias-2', Identifier: 'alias-3' }))
          .ErrorCode,
      ).toBe(0);
      expect(await statusOf('alias-2', 'alias-3')).toEqual(['Imported', 'NotImported']);
    });

    it('account_import ignores unknown fields', async () => {
      const answer = await call(LOGIN, 'account_import', {
        UserID: 'unknown-fields',
        Gender: 'x',
        Extra: { deep: [1] },
      });
      expect(answer.ErrorCode).toBe(0);
    });

    it('multiaccount_import with Accounts answers FailAccounts', async () => {
      const answer = await call(LOGIN, 'multiaccount_import', {
        Accounts: ['multi-1', 'multi-2', ID_33, 'multi-1'],
      });
      expect(answer).toEqual({
        ActionStatus: 'OK',
        ErrorInfo: '',
        ErrorCode: 0,
        FailAccounts: [ID_33],
      });
      expect(await statusOf('multi-1', 'multi-2', ID_33)).toEqual([
        'Imported',
        'Imported',
        'NotImported',
      ]);
    });

    it('multiaccount_import with AccountList imports the profiles, failing bad items', async () => {
      const answer = await call(LOGIN, 'multiaccount_import', {
        AccountList: [
          { UserID: 'list-1', Nick: 'One', FaceUrl: 'http://img/1' },
          { UserID: 'list-2' },
          { UserID: 'list-3', Nick: 'n'.repeat(501) },
        ],
      });
      expect(answer.FailAccounts).toEqual(['list-3']);
      expect(await statusOf('list-1', 'list-2', 'list-3')).toEqual([
        'Imported',
        'Imported',
        'NotImported',
      ]);
    });

    it('multiaccount_import with an empty FailAccounts when all are imported', async () => {
      expect(
        (await call(LOGIN, 'multiaccount_import', { Accounts: ids(100, 'm') })).FailAccounts,
      ).toEqual([]);
    });

    it('account_check answers ResultItem with AccountStatus', async () => {
      await call(LOGIN, 'account_import', { UserID: 'check-1' });
      const answer = await call(LOGIN, 'account_check', {
        CheckItem: [{ UserID: 'check-1' }, { UserID: 'check-none' }, { UserID: ID_33 }],
      });
      expect(answer).toEqual({
        ActionStatus: 'OK',
        ErrorInfo: '',
        ErrorCode: 0,
        ResultItem: [
          { UserID: 'check-1', ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' },
          { UserID: 'check-none', ResultCode: 0, ResultInfo: '', AccountStatus: 'NotImported' },
          {
            UserID: ID_33,
            ResultCode: 70402,
            ResultInfo: expect.any(String),
            AccountStatus: 'NotImported',
          },
        ],
      });
    });

    it('account_delete answers ResultItem per account', async () => {
      await call(LOGIN, 'account_import', { UserID: 'del-1' });
      const answer = await call(LOGIN, 'account_delete', {
        DeleteItem: [{ UserID: 'del-1' }, { UserID: 'del-none' }, { UserID: ID_33 }],
      });
      expect(answer).toEqual({
        ActionStatus: 'OK',
        ErrorInfo: '',
        ErrorCode: 0,
        ResultItem: [
          { ResultCode: 0, ResultInfo: '', UserID: 'del-1' },
          { ResultCode: 70107, ResultInfo: expect.any(String), UserID: 'del-none' },
          { ResultCode: 70402, ResultInfo: expect.any(String), UserID: ID_33 },
        ],
      });
      expect(await statusOf('del-1')).toEqual(['NotImported']);
    });

    it('kick answers the envelope, and 70107 for an account never imported', async () => {
      await call(LOGIN, 'account_import', { UserID: 'kick-1' });
      expect(await call(LOGIN, 'kick', { UserID: 'kick-1' })).toEqual({
        ActionStatus: 'OK',
        ErrorInfo: '',
        ErrorCode: 0,
      });
      expect((await call(LOGIN, 'kick', { UserID: 'kick-none' })).ErrorCode).toBe(70107);
    });

    it('query_online_status answers QueryResult with Detail when asked, and ErrorList', async () => {
      await call(LOGIN, 'multiaccount_import', { Accounts: ['on-1', 'push-1', 'off-1'] });
      await putSession('on-1', { platform: 'Android', status: 'PushOnline', since: 1 });
      await putSession('on-1', { platform: 'iPhone', status: 'Online', since: 2 });
      await putSession('push-1', { platform: 'Web', status: 'PushOnline' });

      const detailed = await call(OPENIM, 'query_online_status', {
        To_Account: ['on-1', 'push-1', 'off-1', 'status-none'],
        IsNeedDetail: 1,
      });
      expect(detailed).toEqual({
        ActionStatus: 'OK',
        ErrorInfo: '',
        ErrorCode: 0,
        QueryResult: [
          {
            To_Account: 'on-1',
            Status: 'Online',
            Detail: [
              { Platform: 'Android', Status: 'PushOnline' },
              { Platform: 'iPhone', Status: 'Online' },
            ],
          },
          {
            To_Account: 'push-1',
            Status: 'PushOnline',
            Detail: [{ Platform: 'Web', Status: 'PushOnline' }],
          },
          { To_Account: 'off-1', Status: 'Offline', Detail: [] },
        ],
        ErrorList: [{ To_Account: 'status-none', ErrorCode: 70107 }],
      });

      const plain = await call(OPENIM, 'query_online_status', { To_Account: ['on-1', 'off-1'] });
      expect(plain.QueryResult).toEqual([
        { To_Account: 'on-1', Status: 'Online' },
        { To_Account: 'off-1', Status: 'Offline' },
      ]);
      expect(plain.ErrorList).toEqual([]);
    });

    it('querystate answers QueryResult with State', async () => {
      await call(LOGIN, 'multiaccount_import', { Accounts: ['state-on', 'state-off'] });
      await putSession('state-on', { status: 'Online' });
      const answer = await call(OPENIM, 'querystate', {
        To_Account: ['state-on', 'state-off', 'state-none'],
      });
      expect(answer).toEqual({
        ActionStatus: 'OK',
        ErrorInfo: '',
        ErrorCode: 0,
        QueryResult: [
          { To_Account: 'state-on', State: 'Online' },
          { To_Account: 'state-off', State: 'Offline' },
        ],
        ErrorList: [{ To_Account: 'state-none', ErrorCode: 70107 }],
      });
    });
  });

  describe('bad input answers the documented code, for every command', () => {
    const obj = { UserID: 'x' };
    const items = (n: number) => ids(n, 'i').map((UserID) => ({ UserID }));
    type Case = [string, unknown, number];

    /** The cases shared by the two batch commands of user-ID items. */
    const userIdItems = (field: string): Case[] => [
      [`${field} missing`, {}, 70402],
      [`${field} null`, { [field]: null }, 70402],
      [`${field} a string`, { [field]: 'x' }, 70402],
      [`${field} a number`, { [field]: 5 }, 70402],
      [`${field} an object`, { [field]: obj }, 70402],
      [`${field} empty`, { [field]: [] }, 70402],
      [`${field} items strings`, { [field]: ['x'] }, 70402],
      [`${field} items null`, { [field]: [null] }, 70402],
      [`${field} item without UserID`, { [field]: [{}] }, 70402],
      [`${field} item UserID a number`, { [field]: [{ UserID: 7 }] }, 70402],
      [`${field} item UserID an object`, { [field]: [{ UserID: obj }] }, 70402],
      [`${field} of 101 items`, { [field]: items(101) }, 70206],
    ];

    /** The cases shared by query_online_status and querystate. */
    const toAccount: Case[] = [
      ['To_Account missing', {}, 90003],
      ['To_Account null', { To_Account: null }, 90003],
      ['To_Account a string', { To_Account: 'x' }, 90003],
      ['To_Account a number', { To_Account: 5 }, 90003],
      ['To_Account an object', { To_Account: obj }, 90003],
      ['To_Account empty', { To_Account: [] }, 90003],
      ['To_Account item a number', { To_Account: ['x', 5] }, 90003],
      ['To_Account item an object', { To_Account: [obj] }, 90003],
      ['To_Account of 501', { To_Account: ids(501) }, 90011],
    ];

    const table: Record<string, Case[]> = {
      [`${LOGIN}/account_import`]: [
        ['UserID missing', {}, 70402],
        ['UserID null', { UserID: null }, 70402],
        ['UserID empty', { UserID: '' }, 70402],
        ['UserID a number', { UserID: 5 }, 70402],
        ['UserID an array', { UserID: ['x'] }, 70402],
        ['UserID an object', { UserID: obj }, 70402],
        ['UserID of 33 bytes', { UserID: ID_33 }, 70402],
        ['UserID with a control character', { UserID: 'a\u0001b' }, 70402],
        ['Identifier a number (alias)', { Identifier: 5 }, 70402],
        ['Nick a number', { UserID: 'x', Nick: 5 }, 70402],
        ['Nick of 501 bytes', { UserID: 'x', Nick: 'n'.repeat(501) }, 70402],
        ['Nick of 501 bytes in 167 characters', { UserID: 'x', Nick: '李'.repeat(167) }, 70402],
        ['FaceUrl an array', { UserID: 'x', FaceUrl: ['u'] }, 70402],
        ['FaceUrl of 501 bytes', { UserID: 'x', FaceUrl: 'f'.repeat(501) }, 70402],
        ['Type 2', { UserID: 'x', Type: 2 }, 70402],
        ['Type a string', { UserID: 'x', Type: '1' }, 70402],
      ],
      [`${LOGIN}/multiaccount_import`]: [
        ['Accounts and AccountList missing', {}, 70402],
        ['Accounts null', { Accounts: null }, 70402],
        ['Accounts a string', { Accounts: 'x' }, 70402],
        ['Accounts a number', { Accounts: 5 }, 70402],
        ['Accounts an object', { Accounts: obj }, 70402],
        ['Accounts empty', { Accounts: [] }, 70402],
        ['Accounts item a number', { Accounts: ['x', 5] }, 70402],
        ['Accounts item an object', { Accounts: [obj] }, 70402],
        ['Accounts of 101', { Accounts: ids(101) }, 70206],
        ['AccountList a string', { AccountList: 'x' }, 70402],
        ['AccountList an object', { AccountList: obj }, 70402],
        ['AccountList empty', { AccountList: [] }, 70402],
        ['AccountList items strings', { AccountList: ['x'] }, 70402],
        ['AccountList item without UserID', { AccountList: [{ Nick: 'n' }] }, 70402],
        ['AccountList item UserID a number', { AccountList: [{ UserID: 5 }] }, 70402],
        ['AccountList item Nick a number', { AccountList: [{ UserID: 'x', Nick: 5 }] }, 70402],
        [
          'AccountList item FaceUrl an object',
          { AccountList: [{ UserID: 'x', FaceUrl: {} }] },
          70402,
        ],
        ['AccountList of 101', { AccountList: items(101) }, 70206],
        ['AccountList null and Accounts a string', { AccountList: null, Accounts: 'x' }, 70402],
      ],
      [`${LOGIN}/account_delete`]: userIdItems('DeleteItem'),
      [`${LOGIN}/account_check`]: userIdItems('CheckItem'),
      [`${LOGIN}/kick`]: [
        ['UserID missing', {}, 70402],
        ['UserID a number', { UserID: 5 }, 70402],
        ['UserID an array', { UserID: ['x'] }, 70402],
        ['UserID empty', { UserID: '' }, 70402],
        ['UserID of 33 bytes', { UserID: ID_33 }, 70402],
        ['Identifier an object (alias)', { Identifier: obj }, 70402],
      ],
      [`${OPENIM}/query_online_status`]: [
        ...toAccount,
        ['IsNeedDetail a string', { To_Account: ['x'], IsNeedDetail: '1' }, 20001],
        ['IsNeedDetail 2', { To_Account: ['x'], IsNeedDetail: 2 }, 20001],
      ],
      [`${OPENIM}/querystate`]: toAccount,
    };

    const rows = Object.entries(table).flatMap(([path, cases]) =>
      cases.map(([name, body, code]) => [path, name, code, body] as const),
    );

    it.each(rows)('%s: %s → %d', async (path, _name, code, body) => {
      const [service, command] = path.split('/');
      const text = JSON.stringify(body);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(BODY_LIMIT_BYTES);
      expect((await call(service, command, text)).ErrorCode).toBe(code);
    });
  });

  describe('how bodies are read', () => {
    const commands = [
      [LOGIN, 'account_import', 70402],
      [LOGIN, 'multiaccount_import', 70402],
      [LOGIN, 'account_delete', 70402],
      [LOGIN, 'account_check', 70402],
      [LOGIN, 'kick', 70402],
      [OPENIM, 'query_online_status', 90001],
      [OPENIM, 'querystate', 90001],
    ] as const;

    it.each(commands)("%s/%s answers bad JSON with the service's code %d", async (s, c, code) => {
      for (const body of [
        '{',
        '{"UserID":}',
        'UserID=x',
        '[]',
        '[{"UserID":"x"}]',
        '"x"',
        '7',
        'null',
      ]) {
        expect([body, (await call(s, c, body)).ErrorCode]).toEqual([body, code]);
      }
    });

    it.each(commands)('%s/%s treats an empty body as {}', async (service, command) => {
      const empty = await call(service, command, '');
      const braces = await call(service, command, '{}');
      expect(empty.ErrorCode).toBe(braces.ErrorCode);
      expect(empty.ErrorCode).not.toBe(0);
    });

    it.each([
      [LOGIN, 'account_import', 60002],
      [LOGIN, 'account_check', 60002],
      [OPENIM, 'query_online_status', 93000],
      [OPENIM, 'querystate', 93000],
    ] as const)('%s/%s answers a body over the limit with %d', async (service, command, code) => {
      const body = JSON.stringify({
        UserID: 'x',
        To_Account: ['x'],
        Pad: 'p'.repeat(BODY_LIMIT_BYTES),
      });
      expect((await call(service, command, body)).ErrorCode).toBe(code);
    });

    it('reads a body just under the limit', async () => {
      const body = JSON.stringify({ UserID: 'limit-1', Pad: '' });
      const padded = JSON.stringify({
        UserID: 'limit-1',
        Pad: 'p'.repeat(BODY_LIMIT_BYTES - Buffer.byteLength(body)),
      });
      expect(Buffer.byteLength(padded)).toBe(BODY_LIMIT_BYTES);
      expect((await call(LOGIN, 'account_import', padded)).ErrorCode).toBe(0);
    });

    it.each([
      ['text/plain', { 'content-type': 'text/plain' }],
      [
        'application/x-www-form-urlencoded',
        { 'content-type': 'application/x-www-form-urlencoded' },
      ],
      ['application/octet-stream', { 'content-type': 'application/octet-stream' }],
    ])('parses the JSON whatever the content type says (%s)', async (_name, headers) => {
      const answer = await request(h.baseUrl, `/v4/${LOGIN}/account_import`, {
        query: adminQuery(t.app),
        body: JSON.stringify({ UserID: 'ctype-1' }),
        headers,
      });
      expect(codeOf(answer.body)).toBe(0);
    });

    it('parses the JSON without a content type', async () => {
      const answer = await request(h.baseUrl, `/v4/${LOGIN}/account_check`, {
        query: adminQuery(t.app),
        body: new TextEncoder().encode(JSON.stringify({ CheckItem: [{ UserID: 'ctype-1' }] })),
      });
      expect(answer.body.ResultItem).toEqual([
        expect.objectContaining({ UserID: 'ctype-1', AccountStatus: 'Imported' }),
      ]);
    });
  });
});
