import { Api } from 'tls-sig-api-v2/TLSSigAPIv2.js';

import { ErrorCode } from '@im/contracts';

import { decodeUserSig } from './user-sig.codec';
import {
  OTHER_KEY,
  randomInt,
  randomUserId,
  seededRandom,
  VECTOR_1,
  VECTOR_2,
  VECTOR_KEY,
  VECTOR_SDK_APP_ID,
  VECTOR_TIME,
} from './user-sig.fixture';
import { signUserSig } from './user-sig.signer';
import { verifyUserSig } from './user-sig.verifier';

/** Signs with the official package at a frozen second. */
function officialUserSig(
  sdkAppId: number,
  key: string,
  identifier: string,
  expire: number,
  nowSeconds: number,
): string {
  jest.setSystemTime(nowSeconds * 1000 + 500);
  return new Api(sdkAppId, key).genUserSig(identifier, expire);
}

describe(`${verifyUserSig.name} and ${signUserSig.name} against tls-sig-api-v2@1.0.2`, () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('the package itself produces vectors 1 and 2 at the frozen time', () => {
    expect(
      officialUserSig(VECTOR_SDK_APP_ID, VECTOR_KEY, 'administrator', 86400, VECTOR_TIME),
    ).toBe(VECTOR_1.userSig);
    expect(officialUserSig(VECTOR_SDK_APP_ID, VECTOR_KEY, 'user1', 15552000, VECTOR_TIME)).toBe(
      VECTOR_2.userSig,
    );
  });

  it('signs byte-identically and verifies the package output for 200 random inputs', () => {
    const random = seededRandom(1047);
    for (let n = 0; n < 200; n += 1) {
      const sdkAppId = randomInt(random, 1_400_000_000, 1_600_000_000);
      const secretKey = Buffer.from(randomUserId(random)).toString('hex');
      const identifier = randomUserId(random);
      const expireSeconds = randomInt(random, 1, 50 * 365 * 86400);
      const nowSeconds = randomInt(random, 1_600_000_000, 1_900_000_000);

      const official = officialUserSig(sdkAppId, secretKey, identifier, expireSeconds, nowSeconds);
      const ours = signUserSig({ sdkAppId, secretKey, identifier, expireSeconds, nowSeconds });

      expect(ours).toBe(official);
      expect(
        verifyUserSig({ userSig: official, sdkAppId, identifier, secretKey, nowSeconds }),
      ).toEqual({
        ok: true,
        claims: { version: '2.0', identifier, sdkAppId, issuedAt: nowSeconds, expireSeconds },
        expiresAt: nowSeconds + expireSeconds,
      });
    }
  });

  it('verifies a package sig made at the real current time with the default clock', () => {
    jest.useRealTimers();
    const userSig = new Api(VECTOR_SDK_APP_ID, VECTOR_KEY).genUserSig('user1', 86400);
    const input = {
      userSig,
      sdkAppId: VECTOR_SDK_APP_ID,
      identifier: 'user1',
      secretKey: VECTOR_KEY,
    };
    expect(verifyUserSig(input)).toMatchObject({ ok: true, claims: { identifier: 'user1' } });
    expect(verifyUserSig({ ...input, secretKey: OTHER_KEY })).toMatchObject({
      ok: false,
      code: ErrorCode.UserSigKeyMismatch,
    });
  });

  it('handles a PrivateMapKey: refused by default, verified with allowUserbuf, same bytes as ours', () => {
    const official = (() => {
      jest.setSystemTime(VECTOR_TIME * 1000);
      return new Api(VECTOR_SDK_APP_ID, VECTOR_KEY).genPrivateMapKey('user1', 300, 1234, 255);
    })();
    const input = {
      userSig: official,
      sdkAppId: VECTOR_SDK_APP_ID,
      identifier: 'user1',
      secretKey: VECTOR_KEY,
      nowSeconds: VECTOR_TIME + 1,
    };

    expect(verifyUserSig(input)).toMatchObject({
      ok: false,
      code: ErrorCode.UserSigVerifyFailed,
    });
    const accepted = verifyUserSig({ ...input, allowUserbuf: true });
    expect(accepted).toMatchObject({ ok: true, expiresAt: VECTOR_TIME + 300 });

    const userbuf = Buffer.from(decodeUserSig(official).userbuf ?? '', 'base64');
    expect(userbuf.length).toBeGreaterThan(0);
    expect(
      signUserSig({
        sdkAppId: VECTOR_SDK_APP_ID,
        secretKey: VECTOR_KEY,
        identifier: 'user1',
        expireSeconds: 300,
        nowSeconds: VECTOR_TIME,
        userbuf,
      }),
    ).toBe(official);
  });

  it('signs identifiers outside the SDK alphabet byte-identically (JSON escapes, UTF-8)', () => {
    for (const identifier of ['a"b', 'back\\slash', 'tab\there', '用户一', 'emoji😀', '']) {
      const official = officialUserSig(VECTOR_SDK_APP_ID, VECTOR_KEY, identifier, 600, VECTOR_TIME);
      const ours = signUserSig({
        sdkAppId: VECTOR_SDK_APP_ID,
        secretKey: VECTOR_KEY,
        identifier,
        expireSeconds: 600,
        nowSeconds: VECTOR_TIME,
      });
      expect(ours).toBe(official);
      const result = verifyUserSig({
        userSig: official,
        sdkAppId: VECTOR_SDK_APP_ID,
        identifier,
        secretKey: VECTOR_KEY,
        nowSeconds: VECTOR_TIME,
      });
      expect(result).toMatchObject({ ok: true, claims: { identifier } });
    }
  });
});
