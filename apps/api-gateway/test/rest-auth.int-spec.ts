import { randomBytes } from 'node:crypto';

import { waitFor } from '@im/testing';

import {
  ADMIN,
  adminClient,
  adminQuery,
  codeOf,
  GatewayHarness,
  request,
  sign,
  startGatewayHarness,
  TestApp,
} from './gateway-harness';

/**
 * Authentication and authorisation through real HTTP (docs/rest-api.md §1.2, docs/usersig.md §5),
 * the envelope and request id of every outcome, and tenant isolation between two apps.
 */
describe('api-gateway REST authentication', () => {
  let h: GatewayHarness;
  let a: TestApp;
  let b: TestApp;
  const CHECK = '/v4/im_open_login_svc/account_check';
  const checkBody = JSON.stringify({ CheckItem: [{ UserID: 'nobody' }] });

  beforeAll(async () => {
    h = await startGatewayHarness();
    [a, b] = [await h.createApp(), await h.createApp()];
  });

  afterAll(async () => {
    await h?.close();
  });

  /** The code of an account_check with `query`, after checking the envelope. */
  async function checkWith(
    query: Record<string, string | undefined>,
    body = checkBody,
  ): Promise<number> {
    const answer = await request(h.baseUrl, CHECK, { query, body });
    expect(answer.status).toBe(200);
    return codeOf(answer.body);
  }

  it('accepts an admin UserSig of the app', async () => {
    await expect(checkWith(adminQuery(a.app))).resolves.toBe(0);
  });

  describe('refusals, in the order of docs/rest-api.md §1.2', () => {
    const now = () => Math.floor(Date.now() / 1000);

    it.each<[string, number, (app: TestApp) => Record<string, string | undefined>]>([
      ['sdkappid missing', 60012, (t) => adminQuery(t.app, { sdkappid: undefined })],
      ['sdkappid not numeric', 60006, (t) => adminQuery(t.app, { sdkappid: 'abc' })],
      ['sdkappid above uint32', 60006, (t) => adminQuery(t.app, { sdkappid: '4294967296' })],
      ['sdkappid 0', 60006, (t) => adminQuery(t.app, { sdkappid: '0' })],
      [
        'sdkappid of an unknown app',
        70020,
        (t) =>
          adminQuery(t.app, {
            sdkappid: '4294967295',
            usersig: sign(4294967295, t.app.secretKey),
          }),
      ],
      ['identifier missing', 60004, (t) => adminQuery(t.app, { identifier: undefined })],
      ['usersig missing', 70002, (t) => adminQuery(t.app, { usersig: undefined })],
      ['usersig empty', 70002, (t) => adminQuery(t.app, { usersig: '' })],
      ['usersig undecodable', 70003, (t) => adminQuery(t.app, { usersig: 'eJyrVkrNyS9KTVGyUjA0' })],
      [
        'usersig signed with another key',
        70009,
        (t) => adminQuery(t.app, { usersig: sign(t.sdkAppId, randomBytes(32).toString('hex')) }),
      ],
      [
        'usersig of another identifier',
        70013,
        (t) => adminQuery(t.app, { usersig: sign(t.sdkAppId, t.app.secretKey, 'someone') }),
      ],
      [
        'usersig of another sdkappid',
        70014,
        (t) => adminQuery(t.app, { usersig: sign(t.sdkAppId + 7, t.app.secretKey) }),
      ],
      [
        'usersig expired',
        70001,
        (t) =>
          adminQuery(t.app, {
            usersig: sign(t.sdkAppId, t.app.secretKey, ADMIN, {
              expireSeconds: 60,
              nowSeconds: now() - 3600,
            }),
          }),
      ],
      [
        'valid usersig of a user who is not an admin',
        60010,
        (t) =>
          adminQuery(t.app, {
            identifier: 'user1',
            usersig: sign(t.sdkAppId, t.app.secretKey, 'user1'),
          }),
      ],
    ])('%s → %d', async (_name, code, query) => {
      await expect(checkWith(query(a))).resolves.toBe(code);
    });

    it('authenticates before parsing the body', async () => {
      const query = adminQuery(a.app, { usersig: sign(a.sdkAppId, 'f'.repeat(64)) });
      await expect(checkWith(query, '{not json')).resolves.toBe(70009);
      await expect(checkWith(adminQuery(a.app), '{not json')).resolves.toBe(70402);
    });

    it('answers an unknown command with 60009 before authentication', async () => {
      const answer = await request(h.baseUrl, '/v4/im_open_login_svc/no_such_command');
      expect(answer.status).toBe(200);
      expect(codeOf(answer.body)).toBe(60009);
      const wrongCase = await request(h.baseUrl, '/v4/im_open_login_svc/Account_Check', {
        query: adminQuery(a.app),
        body: checkBody,
      });
      expect(codeOf(wrongCase.body)).toBe(60009);
    });

    it('answers GET with 60002', async () => {
      const answer = await request(h.baseUrl, CHECK, { method: 'GET', query: adminQuery(a.app) });
      expect(answer.status).toBe(200);
      expect(codeOf(answer.body)).toBe(60002);
    });

    it('answers a path outside /v4 with HTTP 404 and an envelope', async () => {
      const answer = await request(h.baseUrl, '/v3/im_open_login_svc/account_check', {
        query: adminQuery(a.app),
      });
      expect(answer.status).toBe(404);
      expect(codeOf(answer.body)).toBe(60009);
    });

    it('answers an incomplete /v4 path with HTTP 200 and 60009', async () => {
      const answer = await request(h.baseUrl, '/v4/im_open_login_svc', {
        query: adminQuery(a.app),
      });
      expect(answer.status).toBe(200);
      expect(codeOf(answer.body)).toBe(60009);
    });

    it.each([
      ['a command name over the router limit', `/v4/im_open_login_svc/${'x'.repeat(150)}`],
      ['a malformed %-escape', '/v4/im_open_login_svc/account%zzcheck'],
    ])('answers a /v4 path with %s with HTTP 200 and 60009', async (_name, path) => {
      const answer = await request(h.baseUrl, path, {
        query: adminQuery(a.app),
        body: checkBody,
        headers: { 'x-request-id': 'trace-44' },
      });
      expect(answer.status).toBe(200);
      expect(codeOf(answer.body)).toBe(60009);
      expect(answer.headers.get('x-request-id')).toBe('trace-44');
    });

    it('accepts the query parameter names in any case', async () => {
      const q = adminQuery(a.app);
      const query = {
        SdkAppId: q.sdkappid,
        Identifier: q.identifier,
        UserSig: q.usersig,
        Random: q.random,
        ContentType: q.contenttype,
      };
      await expect(checkWith(query)).resolves.toBe(0);
    });
  });

  describe('changes of the app reach the gateway without waiting for the cache TTL', () => {
    it('refuses a disabled app with 60016 and accepts it again once enabled', async () => {
      const t = await h.createApp();
      await expect(checkWith(adminQuery(t.app))).resolves.toBe(0);

      await h.apps.update({ sdkAppId: t.sdkAppId, status: 'disabled' });
      await waitFor(async () => expect(await checkWith(adminQuery(t.app))).toBe(60016));

      await h.apps.update({ sdkAppId: t.sdkAppId, status: 'active' });
      await waitFor(async () => expect(await checkWith(adminQuery(t.app))).toBe(0));
    });

    it("refuses the old key's UserSig with 70009 after a key rotation", async () => {
      const t = await h.createApp();
      const oldQuery = adminQuery(t.app);
      await expect(checkWith(oldQuery)).resolves.toBe(0);

      const rotated = await h.apps.rotateKey(t.sdkAppId);
      expect(rotated.secretKey).not.toBe(t.app.secretKey);
      await waitFor(async () => expect(await checkWith(oldQuery)).toBe(70009));
      await expect(checkWith(adminQuery(rotated))).resolves.toBe(0);
    });

    it('follows a change of the admin identifiers', async () => {
      const t = await h.createApp();
      await h.apps.update({ sdkAppId: t.sdkAppId, adminIdentifiers: ['boss'] });
      const boss = { identifier: 'boss', usersig: sign(t.sdkAppId, t.app.secretKey, 'boss') };

      await waitFor(async () => expect(await checkWith(adminQuery(t.app, boss))).toBe(0));
      await expect(checkWith(adminQuery(t.app))).resolves.toBe(60010);
    });
  });

  describe('envelope and request id', () => {
    it('echoes x-request-id, for a success and for a refusal', async () => {
      for (const query of [adminQuery(a.app), adminQuery(a.app, { usersig: '' })]) {
        const answer = await request(h.baseUrl, CHECK, {
          query,
          body: checkBody,
          headers: { 'x-request-id': 'trace-42' },
        });
        expect(answer.headers.get('x-request-id')).toBe('trace-42');
      }
    });

    it('creates a request id when none (or an unusable one) is sent', async () => {
      const ids = new Set<string | null>();
      const sent: Record<string, string>[] = [{}, {}, { 'x-request-id': 'has spaces' }];
      for (const headers of sent) {
        const answer = await request(h.baseUrl, CHECK, {
          query: adminQuery(a.app),
          body: checkBody,
          headers,
        });
        const id = answer.headers.get('x-request-id');
        expect(id).toMatch(/^[\w.:-]{1,128}$/);
        ids.add(id);
      }
      expect(ids.size).toBe(3);
    });

    it('echoes x-request-id when the HTTP layer refuses the request itself', async () => {
      const headers = { 'x-request-id': 'trace-43' };
      const notFound = await request(h.baseUrl, '/nope', { headers });
      expect(notFound.headers.get('x-request-id')).toBe('trace-43');
      const tooLarge = await request(h.baseUrl, CHECK, {
        query: adminQuery(a.app),
        body: JSON.stringify({ CheckItem: [{ UserID: 'x'.repeat(10_000) }] }),
        headers,
      });
      expect(codeOf(tooLarge.body)).toBe(60002);
      expect(tooLarge.headers.get('x-request-id')).toBe('trace-43');
    });

    it('answers HTTP 200 with consistent ActionStatus/ErrorCode/ErrorInfo for each outcome', async () => {
      const outcomes = await Promise.all([
        request(h.baseUrl, CHECK, { query: adminQuery(a.app), body: checkBody }),
        request(h.baseUrl, CHECK, { query: adminQuery(a.app, { usersig: '' }) }),
        request(h.baseUrl, CHECK, { query: adminQuery(a.app), body: '[' }),
        request(h.baseUrl, CHECK, { query: adminQuery(a.app), body: '{}' }),
        request(h.baseUrl, '/v4/openim/query_online_status', {
          query: adminQuery(a.app),
          body: '{"To_Account":["x"]}',
        }),
        request(h.baseUrl, '/v4/im_open_login_svc/kick', {
          query: adminQuery(a.app),
          body: '{"UserID":"never-imported"}',
        }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(outcomes.map((o) => codeOf(o.body))).toEqual([0, 70002, 70402, 70402, 0, 70107]);
    });
  });

  describe('tenant isolation', () => {
    it("keeps each app's accounts to itself", async () => {
      await a.client.ok('im_open_login_svc', 'account_import', { UserID: 'shared' });
      await b.client.ok('im_open_login_svc', 'account_import', { UserID: 'shared' });
      await b.client.ok('im_open_login_svc', 'account_import', { UserID: 'only-in-b' });

      const seenByA = await a.client.ok('im_open_login_svc', 'account_check', {
        CheckItem: [{ UserID: 'only-in-b' }, { UserID: 'shared' }],
      });
      expect(seenByA.ResultItem).toEqual([
        { UserID: 'only-in-b', ResultCode: 0, ResultInfo: '', AccountStatus: 'NotImported' },
        { UserID: 'shared', ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' },
      ]);
      const statusForA = await a.client.ok('openim', 'query_online_status', {
        To_Account: ['only-in-b'],
      });
      expect(statusForA.ErrorList).toEqual([{ To_Account: 'only-in-b', ErrorCode: 70107 }]);

      const deletedByA = await a.client.ok('im_open_login_svc', 'account_delete', {
        DeleteItem: [{ UserID: 'shared' }, { UserID: 'only-in-b' }],
      });
      expect(deletedByA.ResultItem).toEqual([
        { ResultCode: 0, ResultInfo: '', UserID: 'shared' },
        { ResultCode: 70107, ResultInfo: expect.any(String), UserID: 'only-in-b' },
      ]);

      const seenByB = await b.client.ok('im_open_login_svc', 'account_check', {
        CheckItem: [{ UserID: 'shared' }, { UserID: 'only-in-b' }],
      });
      expect(seenByB.ResultItem).toEqual([
        expect.objectContaining({ UserID: 'shared', AccountStatus: 'Imported' }),
        expect.objectContaining({ UserID: 'only-in-b', AccountStatus: 'Imported' }),
      ]);
    });

    it("refuses A's admin UserSig sent with B's sdkappid (70014)", async () => {
      const envelope = await a.client.call(
        'im_open_login_svc',
        'account_delete',
        { DeleteItem: [{ UserID: 'only-in-b' }] },
        { sdkAppId: b.sdkAppId },
      );
      expect(codeOf(envelope)).toBe(70014);
    });

    it("refuses a UserSig for A signed with B's key (70009)", async () => {
      const forged = adminClient(h.baseUrl, { ...a.app, secretKey: b.app.secretKey });
      const envelope = await forged.call('im_open_login_svc', 'account_check', {
        CheckItem: [{ UserID: 'shared' }],
      });
      expect(codeOf(envelope)).toBe(70009);
    });
  });
});
