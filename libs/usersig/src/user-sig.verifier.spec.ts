import { ErrorCode } from '@im/contracts';

import { encodeUserSigDocument } from './user-sig.codec';
import {
  encodeDocument,
  makeSignedDocument,
  OTHER_KEY,
  randomInt,
  randomUserId,
  seededRandom,
  UserSigVector,
  VECTOR_1,
  VECTOR_2,
  VECTOR_3,
  VECTOR_4,
  VECTOR_KEY,
  VECTOR_SDK_APP_ID,
  VECTOR_TIME,
} from './user-sig.fixture';
import { signUserSig } from './user-sig.signer';
import { VerifyUserSigInput, VerifyUserSigResult } from './user-sig.types';
import { UserSigVerifier, verifyUserSig } from './user-sig.verifier';

function makeInput(
  vector: UserSigVector,
  overrides: Partial<VerifyUserSigInput> = {},
): VerifyUserSigInput {
  return {
    userSig: vector.userSig,
    sdkAppId: VECTOR_SDK_APP_ID,
    identifier: vector.identifier,
    secretKey: VECTOR_KEY,
    nowSeconds: VECTOR_TIME + 60,
    ...overrides,
  };
}

/** The code of a failed result, or 'ok'. */
function outcome(result: VerifyUserSigResult): number | 'ok' {
  return result.ok ? 'ok' : result.code;
}

/** A document signed for user1 at VECTOR_TIME, encoded; `edit` may change it after signing. */
function makeUserSig(edit: (document: Record<string, unknown>) => void = () => undefined): string {
  const document = makeSignedDocument();
  edit(document);
  return encodeDocument(document);
}

function userSigInput(userSig: string, overrides: Partial<VerifyUserSigInput> = {}) {
  return makeInput({ ...VECTOR_4, userSig }, overrides);
}

describe(verifyUserSig.name, () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('test vectors', () => {
    it.each([VECTOR_TIME, VECTOR_TIME + 43200, VECTOR_TIME + 86400])(
      'accepts vector 1 at %d with its claims and expiry',
      (nowSeconds) => {
        expect(verifyUserSig(makeInput(VECTOR_1, { nowSeconds }))).toEqual({
          ok: true,
          claims: {
            version: '2.0',
            identifier: 'administrator',
            sdkAppId: VECTOR_SDK_APP_ID,
            issuedAt: VECTOR_TIME,
            expireSeconds: 86400,
          },
          expiresAt: 1700086400,
        });
      },
    );

    it('rejects vector 1 as expired at 1700086401', () => {
      const result = verifyUserSig(makeInput(VECTOR_1, { nowSeconds: 1700086401 }));
      expect(outcome(result)).toBe(ErrorCode.UserSigExpired);
    });

    it.each(['admin', 'Administrator', 'administrator ', ''])(
      'rejects vector 1 for identifier %j with UserSigIdentifierMismatch',
      (identifier) => {
        const result = verifyUserSig(makeInput(VECTOR_1, { identifier }));
        expect(outcome(result)).toBe(ErrorCode.UserSigIdentifierMismatch);
      },
    );

    it('rejects vector 1 for sdkappid 1400000001 with UserSigSdkAppIdMismatch', () => {
      const result = verifyUserSig(makeInput(VECTOR_1, { sdkAppId: 1400000001 }));
      expect(outcome(result)).toBe(ErrorCode.UserSigSdkAppIdMismatch);
    });

    it('rejects vector 1 under another key with UserSigKeyMismatch', () => {
      const result = verifyUserSig(makeInput(VECTOR_1, { secretKey: OTHER_KEY }));
      expect(outcome(result)).toBe(ErrorCode.UserSigKeyMismatch);
    });

    it('treats the key as text, not as hex-decoded bytes', () => {
      const hexDecoded = Buffer.from(VECTOR_KEY, 'hex').toString('latin1');
      const result = verifyUserSig(makeInput(VECTOR_1, { secretKey: hexDecoded }));
      expect(outcome(result)).toBe(ErrorCode.UserSigKeyMismatch);
    });

    it('accepts vector 2 until the last second of its 180 days and not after', () => {
      const lastSecond = VECTOR_TIME + 15552000;
      expect(outcome(verifyUserSig(makeInput(VECTOR_2, { nowSeconds: lastSecond })))).toBe('ok');
      expect(outcome(verifyUserSig(makeInput(VECTOR_2, { nowSeconds: lastSecond + 1 })))).toBe(
        ErrorCode.UserSigExpired,
      );
    });

    it('accepts vector 3 when userbuf is allowed and returns TLS.userbuf', () => {
      const result = verifyUserSig(makeInput(VECTOR_3, { allowUserbuf: true }));
      expect(result).toEqual({
        ok: true,
        claims: {
          version: '2.0',
          identifier: 'user1',
          sdkAppId: VECTOR_SDK_APP_ID,
          issuedAt: VECTOR_TIME,
          expireSeconds: 300,
          userbuf: 'AQID',
        },
        expiresAt: VECTOR_TIME + 300,
      });
    });

    it.each([undefined, false])(
      'refuses vector 3 with UserSigVerifyFailed when allowUserbuf is %s',
      (allowUserbuf) => {
        const result = verifyUserSig(makeInput(VECTOR_3, { allowUserbuf }));
        expect(outcome(result)).toBe(ErrorCode.UserSigVerifyFailed);
      },
    );

    it('accepts vector 4 (Go style: stored zlib, expire before time, trailing newline)', () => {
      const result = verifyUserSig(makeInput(VECTOR_4, { nowSeconds: VECTOR_TIME + 86400 }));
      expect(result).toMatchObject({ ok: true, expiresAt: VECTOR_TIME + 86400 });
    });

    it('accepts vector 4 without its `_` padding', () => {
      const userSig = VECTOR_4.userSig.replace(/_+$/, '');
      expect(outcome(verifyUserSig(makeInput(VECTOR_4, { userSig })))).toBe('ok');
    });
  });

  describe('order of checks', () => {
    it('reports the sdkappid mismatch before the identifier mismatch', () => {
      const result = verifyUserSig(makeInput(VECTOR_1, { sdkAppId: 1, identifier: 'admin' }));
      expect(outcome(result)).toBe(ErrorCode.UserSigSdkAppIdMismatch);
    });

    it('reports the identifier mismatch before expiry', () => {
      const result = verifyUserSig(
        makeInput(VECTOR_1, { identifier: 'admin', nowSeconds: VECTOR_TIME + 10 ** 9 }),
      );
      expect(outcome(result)).toBe(ErrorCode.UserSigIdentifierMismatch);
    });

    it('reports expiry before a refused userbuf', () => {
      const result = verifyUserSig(makeInput(VECTOR_3, { nowSeconds: VECTOR_TIME + 301 }));
      expect(outcome(result)).toBe(ErrorCode.UserSigExpired);
    });

    it('reports expiry before a key mismatch', () => {
      const result = verifyUserSig(
        makeInput(VECTOR_1, { secretKey: OTHER_KEY, nowSeconds: VECTOR_TIME + 86401 }),
      );
      expect(outcome(result)).toBe(ErrorCode.UserSigExpired);
    });

    it('reports a refused userbuf before a key mismatch', () => {
      const result = verifyUserSig(makeInput(VECTOR_3, { secretKey: OTHER_KEY }));
      expect(outcome(result)).toBe(ErrorCode.UserSigVerifyFailed);
    });

    it('does not reveal revocation to a sig made with another key', () => {
      const result = verifyUserSig(
        makeInput(VECTOR_1, { secretKey: OTHER_KEY, notBefore: VECTOR_TIME + 30 }),
      );
      expect(outcome(result)).toBe(ErrorCode.UserSigKeyMismatch);
    });

    it('rejects a valid sig issued before notBefore with UserSigRevoked', () => {
      const result = verifyUserSig(makeInput(VECTOR_1, { notBefore: VECTOR_TIME + 1 }));
      expect(outcome(result)).toBe(ErrorCode.UserSigRevoked);
    });

    it.each([VECTOR_TIME, VECTOR_TIME - 1])(
      'accepts a sig issued at or after notBefore %d',
      (notBefore) => {
        expect(outcome(verifyUserSig(makeInput(VECTOR_1, { notBefore })))).toBe('ok');
      },
    );

    it('reports AppKeyNotConfigured for an empty key instead of computing an HMAC with it', () => {
      const result = verifyUserSig(makeInput(VECTOR_1, { secretKey: '' }));
      expect(outcome(result)).toBe(ErrorCode.AppKeyNotConfigured);
    });

    it('still reports claim mismatches before a missing key', () => {
      const result = verifyUserSig(makeInput(VECTOR_1, { secretKey: '', identifier: 'admin' }));
      expect(outcome(result)).toBe(ErrorCode.UserSigIdentifierMismatch);
    });
  });

  describe('clock', () => {
    const now = VECTOR_TIME - 1000;

    it('accepts a TLS.time up to 300 seconds in the future by default', () => {
      const result = verifyUserSig(makeInput(VECTOR_1, { nowSeconds: VECTOR_TIME - 300 }));
      expect(outcome(result)).toBe('ok');
    });

    it('rejects a TLS.time more than 300 seconds in the future with UserSigVerifyFailed', () => {
      const result = verifyUserSig(makeInput(VECTOR_1, { nowSeconds: VECTOR_TIME - 301 }));
      expect(outcome(result)).toBe(ErrorCode.UserSigVerifyFailed);
    });

    it('applies a custom maxFutureSkewSeconds', () => {
      const input = makeInput(VECTOR_1, { nowSeconds: now, maxFutureSkewSeconds: 1000 });
      expect(outcome(verifyUserSig(input))).toBe('ok');
      expect(outcome(verifyUserSig({ ...input, maxFutureSkewSeconds: 999 }))).toBe(
        ErrorCode.UserSigVerifyFailed,
      );
    });

    it('uses the current time when nowSeconds is omitted', () => {
      const input = makeInput(VECTOR_1, { nowSeconds: undefined });
      jest.useFakeTimers({ now: (VECTOR_TIME + 86400) * 1000 + 999 });
      expect(outcome(verifyUserSig(input))).toBe('ok');
      jest.setSystemTime((VECTOR_TIME + 86401) * 1000);
      expect(outcome(verifyUserSig(input))).toBe(ErrorCode.UserSigExpired);
    });

    it('accepts a sig with zero validity only in its issue second', () => {
      const userSig = encodeDocument(makeSignedDocument({ expireSeconds: 0 }));
      const input = userSigInput(userSig, { nowSeconds: VECTOR_TIME });
      expect(outcome(verifyUserSig(input))).toBe('ok');
      expect(outcome(verifyUserSig({ ...input, nowSeconds: VECTOR_TIME + 1 }))).toBe(
        ErrorCode.UserSigExpired,
      );
    });
  });

  describe('malformed and tampered input', () => {
    it('rejects an empty UserSig with UserSigEmpty', () => {
      expect(outcome(verifyUserSig(makeInput(VECTOR_1, { userSig: '' })))).toBe(
        ErrorCode.UserSigEmpty,
      );
    });

    it('rejects a missing UserSig (untyped caller) with UserSigEmpty', () => {
      const input = { ...makeInput(VECTOR_1), userSig: undefined as unknown as string };
      expect(outcome(verifyUserSig(input))).toBe(ErrorCode.UserSigEmpty);
    });

    it.each([
      'garbage',
      'not a usersig',
      'AAAA',
      '____',
      '%2A%2D',
      'eJyrVgrxCdYr',
      VECTOR_1.userSig.replace('eJ', 'eK'),
      'A'.repeat(5000),
    ])('rejects %j with UserSigUndecodable', (userSig) => {
      expect(outcome(verifyUserSig(makeInput(VECTOR_1, { userSig })))).toBe(
        ErrorCode.UserSigUndecodable,
      );
    });

    it('rejects a decompression bomb with UserSigUndecodable', () => {
      const userSig = encodeUserSigDocument(`{"TLS.sig":"${' '.repeat(1_000_000)}"}`);
      expect(outcome(verifyUserSig(userSigInput(userSig)))).toBe(ErrorCode.UserSigUndecodable);
    });

    it.each<[string, unknown]>([
      ['TLS.time', '1700000000'],
      ['TLS.expire', 86400.5],
      ['TLS.sig', 12345],
      ['TLS.identifier', ['user1']],
      ['TLS.sdkappid', null],
    ])('rejects %s = %j with UserSigUndecodable', (member, value) => {
      const userSig = makeUserSig((document) => {
        document[member] = value;
      });
      expect(outcome(verifyUserSig(userSigInput(userSig)))).toBe(ErrorCode.UserSigUndecodable);
    });

    it('accepts TLS.sdkappid as a decimal string and signs over its decimal value', () => {
      const userSig = makeUserSig((document) => {
        document['TLS.sdkappid'] = '1400000000';
      });
      expect(verifyUserSig(userSigInput(userSig))).toMatchObject({
        ok: true,
        claims: { sdkAppId: VECTOR_SDK_APP_ID },
      });
    });

    it('rejects a re-encoded document whose TLS.sig has one changed character', () => {
      const userSig = makeUserSig((document) => {
        const sig = document['TLS.sig'] as string;
        document['TLS.sig'] = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
      });
      expect(outcome(verifyUserSig(userSigInput(userSig)))).toBe(ErrorCode.UserSigKeyMismatch);
    });

    it.each([
      ['too short', 'abc'],
      ['64 bytes', Buffer.alloc(64, 7).toString('base64')],
      ['31 bytes', Buffer.alloc(31, 7).toString('base64')],
      ['not base64', '!'.repeat(44)],
      ['embedded whitespace', ` ${VECTOR_4.sig}`],
      ['hex instead of base64', Buffer.from(VECTOR_4.sig, 'base64').toString('hex')],
      ['empty', ''],
    ])('rejects a TLS.sig that is %s with UserSigKeyMismatch', (_case, sig) => {
      const userSig = makeUserSig((document) => {
        document['TLS.sig'] = sig;
      });
      expect(outcome(verifyUserSig(userSigInput(userSig)))).toBe(ErrorCode.UserSigKeyMismatch);
    });

    it('rejects a TLS.sig in the base64url alphabet with UserSigKeyMismatch', () => {
      const document = makeSignedDocument({ identifier: VECTOR_1.identifier });
      expect(document['TLS.sig']).toBe(VECTOR_1.sig); // has both `+` and `/`
      document['TLS.sig'] = VECTOR_1.sig.replace(/\//g, '_').replace(/\+/g, '-');
      const input = makeInput(VECTOR_1, { userSig: encodeDocument(document) });
      expect(outcome(verifyUserSig(input))).toBe(ErrorCode.UserSigKeyMismatch);
    });

    it('accepts a TLS.sig without its `=` padding', () => {
      const userSig = makeUserSig((document) => {
        document['TLS.sig'] = (document['TLS.sig'] as string).replace(/=$/, '');
      });
      expect(outcome(verifyUserSig(userSigInput(userSig)))).toBe('ok');
    });

    it('rejects a document whose TLS.expire was extended without re-signing', () => {
      const userSig = makeUserSig((document) => {
        document['TLS.expire'] = 10 * 86400;
      });
      const input = userSigInput(userSig, { nowSeconds: VECTOR_TIME + 2 * 86400 });
      expect(outcome(verifyUserSig(input))).toBe(ErrorCode.UserSigKeyMismatch);
    });

    it('rejects a document with an added TLS.userbuf even when userbuf is allowed', () => {
      const userSig = makeUserSig((document) => {
        document['TLS.userbuf'] = 'AQID';
      });
      const input = userSigInput(userSig, { allowUserbuf: true });
      expect(outcome(verifyUserSig(input))).toBe(ErrorCode.UserSigKeyMismatch);
    });

    it('rejects a byte changed inside the stored zlib of vector 4 by its checksum', () => {
      const bytes = Buffer.from(VECTOR_4.userSig.replace(/-/g, '/').replace(/_/g, '='), 'base64');
      const at = bytes.indexOf('JbPg5');
      expect(at).toBeGreaterThan(0);
      bytes[at] = 'K'.charCodeAt(0);
      const userSig = bytes.toString('base64').replace(/\//g, '-').replace(/=/g, '_');
      expect(outcome(verifyUserSig(userSigInput(userSig)))).toBe(ErrorCode.UserSigUndecodable);
    });

    it('rejects every truncation of vector 1 that drops data with UserSigUndecodable', () => {
      const dataLength = VECTOR_1.userSig.replace(/_+$/, '').length;
      const codes = new Set<number | 'ok'>();
      for (let length = 1; length < dataLength; length += 1) {
        const userSig = VECTOR_1.userSig.slice(0, length);
        codes.add(outcome(verifyUserSig(makeInput(VECTOR_1, { userSig }))));
      }
      expect([...codes]).toEqual([ErrorCode.UserSigUndecodable]);
    });

    it('never accepts a one-character change of vector 1 with different claims', () => {
      const substitutes = ['A', 'Q', 'g', 'z', '0', '9', '*', '-', '_'];
      const expected = verifyUserSig(makeInput(VECTOR_1));
      const accepted: VerifyUserSigResult[] = [];
      const codes = new Set<number>();
      for (let i = 0; i < VECTOR_1.userSig.length; i += 1) {
        for (const char of substitutes) {
          if (char === VECTOR_1.userSig[i]) continue;
          const userSig = VECTOR_1.userSig.slice(0, i) + char + VECTOR_1.userSig.slice(i + 1);
          const result = verifyUserSig(makeInput(VECTOR_1, { userSig }));
          if (result.ok) accepted.push(result);
          else codes.add(result.code);
        }
      }
      // zlib's checksums catch every change of the data; what remains are the unused low bits
      // of the last character and the padding, which decode to the same document.
      expect([...codes]).toEqual([ErrorCode.UserSigUndecodable]);
      expect(accepted.length).toBeLessThanOrEqual(substitutes.length * 2);
      expect(accepted).toEqual(accepted.map(() => expected));
    });

    it('never throws for random strings', () => {
      const random = seededRandom(7);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-_+/= !';
      for (let n = 0; n < 500; n += 1) {
        let userSig = 'eJ';
        const length = randomInt(random, 0, 300);
        for (let i = 0; i < length; i += 1) userSig += alphabet[randomInt(random, 0, 69)];
        const result = verifyUserSig(userSigInput(userSig));
        expect(result.ok).toBe(false);
      }
    });
  });

  describe('round trip', () => {
    it('verifies 200 random signUserSig outputs and rejects their variations', () => {
      const random = seededRandom(20240601);
      for (let n = 0; n < 200; n += 1) {
        const identifier = randomUserId(random);
        const sdkAppId = randomInt(random, 1, 0xffffffff);
        const expireSeconds = randomInt(random, 1, 50 * 365 * 86400);
        const issuedAt = randomInt(random, 1_500_000_000, 2_000_000_000);
        const secretKey = randomUserId(random) + randomUserId(random);
        const userSig = signUserSig({
          sdkAppId,
          secretKey,
          identifier,
          expireSeconds,
          nowSeconds: issuedAt,
        });
        const input: VerifyUserSigInput = {
          userSig,
          sdkAppId,
          identifier,
          secretKey,
          nowSeconds: issuedAt + randomInt(random, 0, expireSeconds),
        };

        expect(verifyUserSig(input)).toEqual({
          ok: true,
          claims: { version: '2.0', identifier, sdkAppId, issuedAt, expireSeconds },
          expiresAt: issuedAt + expireSeconds,
        });
        const expired = { ...input, nowSeconds: issuedAt + expireSeconds + 1 };
        expect(outcome(verifyUserSig(expired))).toBe(ErrorCode.UserSigExpired);
        expect(outcome(verifyUserSig({ ...input, identifier: `${identifier}x` }))).toBe(
          ErrorCode.UserSigIdentifierMismatch,
        );
        expect(outcome(verifyUserSig({ ...input, sdkAppId: sdkAppId + 1 }))).toBe(
          ErrorCode.UserSigSdkAppIdMismatch,
        );
        expect(outcome(verifyUserSig({ ...input, secretKey: `${secretKey}x` }))).toBe(
          ErrorCode.UserSigKeyMismatch,
        );
      }
    });
  });
});

describe(UserSigVerifier.name, () => {
  function makeSut(maxEntries?: number) {
    const verifyUncached = jest.fn(verifyUserSig);
    const sut = new UserSigVerifier({ maxEntries, verifyUncached });
    return { sut, verifyUncached };
  }

  it('returns what verifyUserSig returns and remembers a success', () => {
    const { sut } = makeSut();
    const input = makeInput(VECTOR_1);
    expect(sut.verify(input)).toEqual(verifyUserSig(input));
    expect(sut.size).toBe(1);
  });

  it('serves a repeated UserSig without verifying it again', () => {
    const { sut, verifyUncached } = makeSut();
    const first = sut.verify(makeInput(VECTOR_1));
    const second = sut.verify(makeInput(VECTOR_1, { nowSeconds: VECTOR_TIME + 3600 }));
    expect(second).toEqual(first);
    expect(verifyUncached).toHaveBeenCalledTimes(1);
  });

  it('hands out copies, so a caller cannot change the remembered claims', () => {
    const { sut } = makeSut();
    const first = sut.verify(makeInput(VECTOR_1));
    if (first.ok) first.claims.identifier = 'mallory';
    expect(sut.verify(makeInput(VECTOR_1))).toMatchObject({
      ok: true,
      claims: { identifier: 'administrator' },
    });
  });

  it('does not remember failures', () => {
    const { sut } = makeSut();
    sut.verify(makeInput(VECTOR_1, { secretKey: OTHER_KEY }));
    sut.verify(makeInput(VECTOR_1, { userSig: 'garbage' }));
    sut.verify(makeInput(VECTOR_1, { userSig: '' }));
    expect(sut.size).toBe(0);
  });

  it('re-checks expiry on a hit and forgets the expired entry', () => {
    const { sut, verifyUncached } = makeSut();
    sut.verify(makeInput(VECTOR_1));
    const result = sut.verify(makeInput(VECTOR_1, { nowSeconds: VECTOR_TIME + 86401 }));
    expect(outcome(result)).toBe(ErrorCode.UserSigExpired);
    expect(verifyUncached).toHaveBeenCalledTimes(1);
    expect(sut.size).toBe(0);
  });

  it('re-checks notBefore on a hit', () => {
    const { sut } = makeSut();
    sut.verify(makeInput(VECTOR_1));
    const result = sut.verify(makeInput(VECTOR_1, { notBefore: VECTOR_TIME + 1 }));
    expect(outcome(result)).toBe(ErrorCode.UserSigRevoked);
  });

  it('re-checks the userbuf allowance on a hit', () => {
    const { sut } = makeSut();
    expect(outcome(sut.verify(makeInput(VECTOR_3, { allowUserbuf: true })))).toBe('ok');
    expect(outcome(sut.verify(makeInput(VECTOR_3)))).toBe(ErrorCode.UserSigVerifyFailed);
  });

  it('re-checks the future skew on a hit', () => {
    const { sut } = makeSut();
    sut.verify(makeInput(VECTOR_1));
    const result = sut.verify(makeInput(VECTOR_1, { nowSeconds: VECTOR_TIME - 301 }));
    expect(outcome(result)).toBe(ErrorCode.UserSigVerifyFailed);
  });

  it('does not serve a hit for another key (rotation)', () => {
    const { sut } = makeSut();
    sut.verify(makeInput(VECTOR_1));
    const result = sut.verify(makeInput(VECTOR_1, { secretKey: OTHER_KEY }));
    expect(outcome(result)).toBe(ErrorCode.UserSigKeyMismatch);
  });

  it('does not serve a hit for another identifier or sdkAppId', () => {
    const { sut } = makeSut();
    sut.verify(makeInput(VECTOR_1));
    expect(outcome(sut.verify(makeInput(VECTOR_1, { identifier: 'admin' })))).toBe(
      ErrorCode.UserSigIdentifierMismatch,
    );
    expect(outcome(sut.verify(makeInput(VECTOR_1, { sdkAppId: 1400000001 })))).toBe(
      ErrorCode.UserSigSdkAppIdMismatch,
    );
  });

  it('keeps at most maxEntries and drops the least recently used first', () => {
    const { sut, verifyUncached } = makeSut(2);
    const sigFor = (identifier: string) => ({
      userSig: signUserSig({
        sdkAppId: VECTOR_SDK_APP_ID,
        secretKey: VECTOR_KEY,
        identifier,
        expireSeconds: 86400,
        nowSeconds: VECTOR_TIME,
      }),
      identifier,
    });
    const [a, b, c] = [sigFor('a'), sigFor('b'), sigFor('c')];
    sut.verify(makeInput(VECTOR_1, a));
    sut.verify(makeInput(VECTOR_1, b));
    sut.verify(makeInput(VECTOR_1, a)); // a is now the most recently used
    sut.verify(makeInput(VECTOR_1, c)); // evicts b
    expect(sut.size).toBe(2);
    verifyUncached.mockClear();

    sut.verify(makeInput(VECTOR_1, a));
    expect(verifyUncached).not.toHaveBeenCalled();
    sut.verify(makeInput(VECTOR_1, b));
    expect(verifyUncached).toHaveBeenCalledTimes(1);
  });

  it('forgets everything on clear', () => {
    const { sut } = makeSut();
    sut.verify(makeInput(VECTOR_1));
    sut.clear();
    expect(sut.size).toBe(0);
  });

  it.each([0, -1, 1.5])('refuses maxEntries %d', (maxEntries) => {
    expect(() => new UserSigVerifier({ maxEntries })).toThrow(RangeError);
  });

  it('defaults to verifyUserSig and 10 000 entries', () => {
    const sut = new UserSigVerifier();
    for (let n = 0; n < 10_001; n += 1) {
      const identifier = `user${n}`;
      const userSig = encodeDocument(makeSignedDocument({ identifier }));
      expect(outcome(sut.verify(userSigInput(userSig, { identifier })))).toBe('ok');
    }
    expect(sut.size).toBe(10_000);
  });
});
