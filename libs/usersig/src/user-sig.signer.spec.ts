import { inflateSync } from 'node:zlib';

import { ErrorCode } from '@im/contracts';

import { decodeUserSig } from './user-sig.codec';
import { UserSigError } from './user-sig.errors';
import {
  VECTOR_1,
  VECTOR_1_HMAC_HEX,
  VECTOR_1_JSON,
  VECTOR_1_ZLIB_HEX,
  VECTOR_2,
  VECTOR_3,
  VECTOR_KEY,
  VECTOR_SDK_APP_ID,
  VECTOR_TIME,
} from './user-sig.fixture';
import { signUserSig } from './user-sig.signer';
import { SignUserSigInput } from './user-sig.types';

function makeInput(overrides: Partial<SignUserSigInput> = {}): SignUserSigInput {
  return {
    sdkAppId: VECTOR_SDK_APP_ID,
    secretKey: VECTOR_KEY,
    identifier: VECTOR_1.identifier,
    expireSeconds: VECTOR_1.expireSeconds,
    nowSeconds: VECTOR_TIME,
    ...overrides,
  };
}

function toBytes(userSig: string): Buffer {
  return Buffer.from(userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64');
}

describe(signUserSig.name, () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('reproduces vector 1 exactly', () => {
    expect(signUserSig(makeInput())).toBe(VECTOR_1.userSig);
  });

  it('reproduces vector 2 exactly', () => {
    const sut = signUserSig(
      makeInput({ identifier: VECTOR_2.identifier, expireSeconds: VECTOR_2.expireSeconds }),
    );
    expect(sut).toBe(VECTOR_2.userSig);
  });

  it('reproduces vector 3 exactly, userbuf included', () => {
    const sut = signUserSig(
      makeInput({
        identifier: VECTOR_3.identifier,
        expireSeconds: VECTOR_3.expireSeconds,
        userbuf: VECTOR_3.userbuf,
      }),
    );
    expect(sut).toBe(VECTOR_3.userSig);
  });

  it('writes the documented zlib bytes (default level, header 78 9c) for vector 1', () => {
    const bytes = toBytes(signUserSig(makeInput()));
    expect(bytes.toString('hex')).toBe(VECTOR_1_ZLIB_HEX);
    expect(bytes.subarray(0, 2).toString('hex')).toBe('789c');
  });

  it('writes compact JSON in Node member order with the documented HMAC', () => {
    const json = inflateSync(toBytes(signUserSig(makeInput()))).toString('utf8');
    expect(json).toBe(VECTOR_1_JSON);
    const sig = (JSON.parse(json) as Record<string, string>)['TLS.sig'];
    expect(Buffer.from(sig, 'base64').toString('hex')).toBe(VECTOR_1_HMAC_HEX);
  });

  it('puts TLS.userbuf between TLS.expire and TLS.sig', () => {
    const json = inflateSync(toBytes(signUserSig(makeInput({ userbuf: Buffer.from([1, 2, 3]) }))));
    expect(Object.keys(JSON.parse(json.toString('utf8')) as object)).toEqual([
      'TLS.ver',
      'TLS.identifier',
      'TLS.sdkappid',
      'TLS.time',
      'TLS.expire',
      'TLS.userbuf',
      'TLS.sig',
    ]);
  });

  it('uses only the URL-safe UserSig alphabet', () => {
    const sut = signUserSig(
      makeInput({ identifier: '?>?>?>~~~', userbuf: Buffer.alloc(40, 0xff) }),
    );
    expect(sut).toMatch(/^[A-Za-z0-9*\-_]+$/);
  });

  it('issues at the current second when nowSeconds is omitted', () => {
    jest.useFakeTimers({ now: 1_750_000_000_999 });
    const sut = signUserSig(makeInput({ nowSeconds: undefined }));
    expect(decodeUserSig(sut).issuedAt).toBe(1_750_000_000);
  });

  it('keeps JSON escapes and non-ASCII identifiers intact', () => {
    const identifier = 'quote"back\\slash\n用户';
    expect(decodeUserSig(signUserSig(makeInput({ identifier }))).identifier).toBe(identifier);
  });

  it('refuses an empty secret key with AppKeyNotConfigured', () => {
    expect(() => signUserSig(makeInput({ secretKey: '' }))).toThrow(
      expect.objectContaining({ code: ErrorCode.AppKeyNotConfigured }) as Error,
    );
    expect(() => signUserSig(makeInput({ secretKey: '' }))).toThrow(UserSigError);
  });

  it.each<[string, Partial<SignUserSigInput>]>([
    ['a fractional expireSeconds', { expireSeconds: 1.5 }],
    ['a negative expireSeconds', { expireSeconds: -1 }],
    ['a fractional nowSeconds', { nowSeconds: VECTOR_TIME + 0.5 }],
    ['a non-integer sdkAppId', { sdkAppId: Number.NaN }],
    ['a negative sdkAppId', { sdkAppId: -1400000000 }],
  ])('refuses %s with a RangeError', (_case, overrides) => {
    expect(() => signUserSig(makeInput(overrides))).toThrow(RangeError);
  });
});
