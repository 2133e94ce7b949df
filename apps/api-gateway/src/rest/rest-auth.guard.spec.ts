import { AppCredentialsReply, ErrorCode } from '@im/contracts';
import { AppRegistryCache, RpcUnavailableError } from '@im/platform';
import { signUserSig } from '@im/usersig';

import { RestFailure } from './envelope.mapper';
import { AdminRevocations, readQuery, RestAuthenticator, RestQuery } from './rest-auth.guard';

const NOW = 1_700_000_000;
const KEY = 'a'.repeat(64);
const OTHER_KEY = 'b'.repeat(64);
const APP_ID = 1_400_000_001;

function makeApp(overrides: Partial<AppCredentialsReply> = {}): AppCredentialsReply {
  return {
    sdkAppId: APP_ID,
    status: 'active',
    secretKey: KEY,
    keyVersion: 1,
    adminIdentifiers: ['administrator'],
    settings: {},
    ...overrides,
  };
}

/** In-memory stand-in for the credentials cache: a map, or a thrown error. */
class FakeCredentials {
  readonly apps = new Map<number, AppCredentialsReply>();
  failure?: Error;
  asked: number[] = [];

  get(sdkAppId: number): Promise<AppCredentialsReply | undefined> {
    this.asked.push(sdkAppId);
    if (this.failure) return Promise.reject(this.failure);
    return Promise.resolve(this.apps.get(sdkAppId));
  }
}

function sign(
  overrides: { sdkAppId?: number; key?: string; identifier?: string; time?: number } = {},
) {
  return signUserSig({
    sdkAppId: overrides.sdkAppId ?? APP_ID,
    secretKey: overrides.key ?? KEY,
    identifier: overrides.identifier ?? 'administrator',
    expireSeconds: 3600,
    nowSeconds: overrides.time ?? NOW,
  });
}

function makeQuery(overrides: Partial<RestQuery> = {}): RestQuery {
  return {
    sdkappid: String(APP_ID),
    identifier: 'administrator',
    usersig: sign(),
    random: '1',
    contenttype: 'json',
    ...overrides,
  };
}

describe(readQuery.name, () => {
  it('lower-cases parameter names', () => {
    expect(readQuery({ SdkAppId: '1', Identifier: 'admin', UserSig: 's', RANDOM: '2' })).toEqual({
      sdkappid: '1',
      identifier: 'admin',
      usersig: 's',
      random: '2',
    });
  });

  it('takes the first value of a repeated parameter', () => {
    expect(readQuery({ sdkappid: ['1', '2'] })).toEqual({ sdkappid: '1' });
  });

  it('leaves out values that are not strings', () => {
    expect(readQuery({ sdkappid: { nested: '1' }, identifier: [7], usersig: 'x' })).toEqual({
      usersig: 'x',
    });
  });
});

/** The admins' kick times by identifier (0 when absent); who was asked; or a thrown error. */
class FakeRevocations implements AdminRevocations {
  readonly kicked = new Map<string, number>();
  readonly asked: string[] = [];
  failure?: Error;

  revokedBefore(_sdkAppId: number, userId: string): Promise<number> {
    this.asked.push(userId);
    if (this.failure) return Promise.reject(this.failure);
    return Promise.resolve(this.kicked.get(userId) ?? 0);
  }
}

describe(RestAuthenticator.name, () => {
  let credentials: FakeCredentials;
  let revocations: FakeRevocations;
  let sut: RestAuthenticator;

  beforeEach(() => {
    credentials = new FakeCredentials();
    credentials.apps.set(APP_ID, makeApp());
    revocations = new FakeRevocations();
    sut = new RestAuthenticator(credentials as unknown as AppRegistryCache, revocations);
  });

  async function codeOf(query: RestQuery, now = NOW): Promise<number | 'ok'> {
    try {
      await sut.authenticate(query, now);
      return 'ok';
    } catch (err) {
      if (err instanceof RestFailure) return err.code;
      throw err;
    }
  }

  it('accepts an admin UserSig of the app and returns the caller', async () => {
    await expect(sut.authenticate(makeQuery(), NOW)).resolves.toEqual({
      sdkAppId: APP_ID,
      identifier: 'administrator',
      app: makeApp(),
    });
  });

  it.each<[string, Partial<RestQuery>, number]>([
    ['sdkappid missing', { sdkappid: undefined }, ErrorCode.SdkAppIdMissing],
    ['sdkappid blank', { sdkappid: '  ' }, ErrorCode.SdkAppIdMissing],
    ['sdkappid not a number', { sdkappid: 'abc' }, ErrorCode.SdkAppIdInvalid],
    ['sdkappid negative', { sdkappid: '-1' }, ErrorCode.SdkAppIdInvalid],
    ['sdkappid a fraction', { sdkappid: '1.5' }, ErrorCode.SdkAppIdInvalid],
    ['sdkappid 0', { sdkappid: '0' }, ErrorCode.SdkAppIdInvalid],
    ['sdkappid above uint32', { sdkappid: '4294967296' }, ErrorCode.SdkAppIdInvalid],
    ['sdkappid of 11 digits', { sdkappid: '14000000011' }, ErrorCode.SdkAppIdInvalid],
    ['identifier missing', { identifier: undefined }, ErrorCode.AccountOrSignatureWrong],
    ['identifier empty', { identifier: '' }, ErrorCode.AccountOrSignatureWrong],
    ['unknown app', { sdkappid: '4294967295' }, ErrorCode.SdkAppIdNotFound],
    ['usersig missing', { usersig: undefined }, ErrorCode.UserSigEmpty],
    ['usersig empty', { usersig: '' }, ErrorCode.UserSigEmpty],
    ['usersig undecodable', { usersig: 'not-a-sig' }, ErrorCode.UserSigUndecodable],
    ['usersig of another key', { usersig: sign({ key: OTHER_KEY }) }, ErrorCode.UserSigKeyMismatch],
    [
      'usersig of another identifier',
      { usersig: sign({ identifier: 'someone' }) },
      ErrorCode.UserSigIdentifierMismatch,
    ],
    [
      'usersig of another app',
      { usersig: sign({ sdkAppId: APP_ID + 1 }) },
      ErrorCode.UserSigSdkAppIdMismatch,
    ],
    ['usersig expired', { usersig: sign({ time: NOW - 3601 }) }, ErrorCode.UserSigExpired],
    [
      'valid usersig of a user who is not an admin',
      { identifier: 'user1', usersig: sign({ identifier: 'user1' }) },
      ErrorCode.AppAdminRequired,
    ],
  ])('refuses %s', async (_name, overrides, code) => {
    await expect(codeOf(makeQuery(overrides))).resolves.toBe(code);
  });

  it('accepts a sdkappid with surrounding spaces', async () => {
    await expect(codeOf(makeQuery({ sdkappid: ` ${APP_ID} ` }))).resolves.toBe('ok');
  });

  it('refuses a disabled app before looking at the UserSig', async () => {
    credentials.apps.set(APP_ID, makeApp({ status: 'disabled' }));
    await expect(codeOf(makeQuery({ usersig: '' }))).resolves.toBe(ErrorCode.SdkAppIdDisabled);
  });

  it('checks sdkappid and identifier before asking for the app', async () => {
    await codeOf(makeQuery({ sdkappid: 'x' }));
    await codeOf(makeQuery({ identifier: '' }));
    expect(credentials.asked).toEqual([]);
  });

  it('accepts any of the app admins', async () => {
    credentials.apps.set(APP_ID, makeApp({ adminIdentifiers: ['boss', 'ops'] }));
    const query = makeQuery({ identifier: 'ops', usersig: sign({ identifier: 'ops' }) });
    await expect(codeOf(query)).resolves.toBe('ok');
    await expect(codeOf(makeQuery())).resolves.toBe(ErrorCode.AppAdminRequired);
  });

  it('refuses the old key at once when the cache returns a rotated key', async () => {
    const query = makeQuery();
    await expect(codeOf(query)).resolves.toBe('ok');
    credentials.apps.set(APP_ID, makeApp({ secretKey: OTHER_KEY, keyVersion: 2 }));
    await expect(codeOf(query)).resolves.toBe(ErrorCode.UserSigKeyMismatch);
  });

  it('answers RequestTimedOut when the account service does not answer', async () => {
    credentials.failure = new RpcUnavailableError('account.rpc.get-app-credentials', 'timeout');
    await expect(codeOf(makeQuery())).resolves.toBe(ErrorCode.RequestTimedOut);
  });

  it('lets other failures of the cache through', async () => {
    credentials.failure = new Error('boom');
    await expect(sut.authenticate(makeQuery(), NOW)).rejects.toThrow('boom');
  });

  it('refuses an admin UserSig issued before the admin was kicked with UserSigRevoked (70052)', async () => {
    revocations.kicked.set('administrator', NOW - 10);
    expect(await codeOf(makeQuery({ usersig: sign({ time: NOW - 11 }) }))).toBe(
      ErrorCode.UserSigRevoked,
    );
    // issued in the kick's second or later: accepted (the app signs a new one at once)
    expect(await codeOf(makeQuery({ usersig: sign({ time: NOW - 10 }) }))).toBe('ok');
    expect(await codeOf(makeQuery({ usersig: sign({ time: NOW }) }))).toBe('ok');
  });

  it('asks about kicks only for a valid UserSig of an admin', async () => {
    await codeOf(makeQuery({ usersig: sign({ key: OTHER_KEY }) }));
    await codeOf(makeQuery({ identifier: 'someone', usersig: sign({ identifier: 'someone' }) }));
    expect(revocations.asked).toEqual([]);
    await codeOf(makeQuery());
    expect(revocations.asked).toEqual(['administrator']);
  });

  it('answers RequestTimedOut when the kick time cannot be learned', async () => {
    revocations.failure = new RpcUnavailableError('account.rpc.login', 'timeout');
    expect(await codeOf(makeQuery())).toBe(ErrorCode.RequestTimedOut);
  });
});
