import { Api } from 'tls-sig-api-v2/TLSSigAPIv2.js';

import { AppReply, ErrorCode } from '@im/contracts';
import { RestAdminClient } from '@im/sdk';
import { waitFor } from '@im/testing';
import { signUserSig } from '@im/usersig';

import { PlatformFixture } from './platform.fixture';
import { RawClient } from './raw-protocol.client';

/**
 * An app backend written for Tencent's REST API, signing with the official `tls-sig-api-v2`
 * package, calls the platform over HTTP: accepted; expired, tampered, other-app and non-admin
 * UserSigs refused with the documented codes.
 */
describe('REST authentication with tls-sig-api-v2 UserSigs', () => {
  let fixture: PlatformFixture;
  let appA: AppReply;
  let appB: AppReply;
  let client: RestAdminClient;

  const importAlice = (
    userSig: string,
    overrides: { identifier?: string; sdkAppId?: number } = {},
  ) =>
    client.call(
      'im_open_login_svc',
      'account_import',
      { UserID: 'alice', Nick: 'Alice' },
      { userSig, ...overrides },
    );

  beforeAll(async () => {
    fixture = await PlatformFixture.start();
    appA = await fixture.apps.create({ name: 'app-a' });
    appB = await fixture.apps.create({ name: 'app-b' });
    client = fixture.admin(appA);
  });

  afterAll(async () => {
    jest.useRealTimers();
    await fixture?.stop();
  });

  it('accepts an admin UserSig made by the official package', async () => {
    const userSig = new Api(appA.sdkAppId, appA.secretKey).genUserSig('administrator', 86400);

    const envelope = await importAlice(userSig);

    expect(envelope).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    const check = await client.call(
      'im_open_login_svc',
      'account_check',
      { CheckItem: [{ UserID: 'alice' }] },
      { userSig },
    );
    expect(check.ResultItem).toEqual([
      { UserID: 'alice', ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' },
    ]);
  });

  it('refuses an expired UserSig with 70001', async () => {
    jest.useFakeTimers({
      now: Date.now() - 2 * 86_400_000,
      doNotFake: ['nextTick', 'setImmediate'],
    });
    const userSig = new Api(appA.sdkAppId, appA.secretKey).genUserSig('administrator', 86400);
    jest.useRealTimers();

    const envelope = await importAlice(userSig);

    expect(envelope).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: ErrorCode.UserSigExpired });
  });

  it('refuses a UserSig signed with another key with 70009', async () => {
    const userSig = new Api(appA.sdkAppId, appB.secretKey).genUserSig('administrator', 86400);

    expect(await importAlice(userSig)).toMatchObject({ ErrorCode: ErrorCode.UserSigKeyMismatch });
  });

  it('refuses a tampered UserSig with 70003', async () => {
    const userSig = new Api(appA.sdkAppId, appA.secretKey).genUserSig('administrator', 86400);
    const tampered = userSig.slice(0, 20) + (userSig[20] === 'A' ? 'B' : 'A') + userSig.slice(21);

    expect(await importAlice(tampered)).toMatchObject({ ErrorCode: ErrorCode.UserSigUndecodable });
  });

  it("refuses another app's UserSig with 70014", async () => {
    const userSigOfB = new Api(appB.sdkAppId, appB.secretKey).genUserSig('administrator', 86400);

    expect(await importAlice(userSigOfB)).toMatchObject({
      ErrorCode: ErrorCode.UserSigSdkAppIdMismatch,
    });
  });

  it('refuses a UserSig issued for another identifier with 70013', async () => {
    const userSig = new Api(appA.sdkAppId, appA.secretKey).genUserSig('administrator', 86400);

    expect(await importAlice(userSig, { identifier: 'root' })).toMatchObject({
      ErrorCode: ErrorCode.UserSigIdentifierMismatch,
    });
  });

  it('refuses a valid UserSig of a user who is not an App admin with 60010', async () => {
    const userSig = new Api(appA.sdkAppId, appA.secretKey).genUserSig('alice', 86400);

    expect(await importAlice(userSig, { identifier: 'alice' })).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: ErrorCode.AppAdminRequired,
    });
  });

  it("keeps app B's accounts apart from app A's", async () => {
    const b = fixture.admin(appB);

    const checkInB = await b.ok('im_open_login_svc', 'account_check', {
      CheckItem: [{ UserID: 'alice' }],
    });
    const deleteInB = await b.ok('im_open_login_svc', 'account_delete', {
      DeleteItem: [{ UserID: 'alice' }],
    });
    const checkInA = await client.ok('im_open_login_svc', 'account_check', {
      CheckItem: [{ UserID: 'alice' }],
    });

    expect(checkInB.ResultItem).toEqual([
      expect.objectContaining({ AccountStatus: 'NotImported' }),
    ]);
    expect(deleteInB.ResultItem).toEqual([
      expect.objectContaining({ ResultCode: ErrorCode.AccountNotImported }),
    ]);
    expect(checkInA.ResultItem).toEqual([expect.objectContaining({ AccountStatus: 'Imported' })]);
  });

  /**
   * Issue 13, finding 6: Tencent's kick makes every earlier UserSig of the user invalid, and a
   * newly generated one works. The REST edge applies this to an admin's own UserSig as the
   * WebSocket login does to a user's (docs/usersig.md §5 step 10).
   */
  it('refuses an admin UserSig issued before that admin was kicked with 70052, on REST and at the WebSocket login; a new one works', async () => {
    const app = await fixture.apps.create({ name: 'app-kick' });
    const [admin] = app.adminIdentifiers;
    const sig = (nowSeconds: number) =>
      signUserSig({
        sdkAppId: app.sdkAppId,
        secretKey: app.secretKey,
        identifier: admin,
        expireSeconds: 3600,
        nowSeconds,
      });
    const old = sig(Math.floor(Date.now() / 1000) - 10);
    const rest = fixture.admin(app);
    const call = (command: string, body: object, userSig: string) =>
      rest.call('im_open_login_svc', command, body, { userSig });
    const checkAdmin = { CheckItem: [{ UserID: admin }] };

    // the admin identifier is also an account (kick needs one); its UserSig works until the kick
    expect(await call('account_import', { UserID: admin }, old)).toMatchObject({ ErrorCode: 0 });
    expect(await call('account_check', checkAdmin, old)).toMatchObject({ ErrorCode: 0 });
    expect(await call('kick', { UserID: admin }, old)).toMatchObject({ ErrorCode: 0 });

    // every gateway learns of the kick from its event
    await waitFor(
      async () =>
        (await call('account_check', checkAdmin, old)).ErrorCode === ErrorCode.UserSigRevoked,
      { timeoutMs: 10_000, message: 'the old admin UserSig refused over REST' },
    );
    expect(await call('account_check', checkAdmin, old)).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: ErrorCode.UserSigRevoked,
    });
    const fresh = sig(Math.floor(Date.now() / 1000));
    expect(await call('account_check', checkAdmin, fresh)).toMatchObject({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ResultItem: [expect.objectContaining({ UserID: admin, AccountStatus: 'Imported' })],
    });

    // the WebSocket login of the same identifier: the same rule, the same code
    const login = async (userSig: string) => {
      const client = await RawClient.open(fixture.platform.wsUrl);
      try {
        const answer = await client.request('login', {
          sdkAppId: app.sdkAppId,
          userId: admin,
          userSig,
          platform: 'Web',
        });
        return answer.code;
      } finally {
        client.close();
      }
    };
    expect(await login(old)).toBe(ErrorCode.UserSigRevoked);
    expect(await login(fresh)).toBe(0);
  });
});
