import { ErrorCode } from '@im/contracts';

import { encodeUserSigDocument } from './user-sig.codec';
import { UserSigError } from './user-sig.errors';
import { computeUserSigHmac } from './user-sig.hmac';
import { SignUserSigInput } from './user-sig.types';

/**
 * Issues a UserSig (TLSSigAPIv2). The output is byte-identical to the official Node package
 * `tls-sig-api-v2` for the same inputs and second: same JSON member order (`ver, identifier,
 * sdkappid, time, expire, [userbuf,] sig`), compact `JSON.stringify`, zlib default level.
 *
 * Throws `UserSigError(AppKeyNotConfigured)` for an empty key (anyone could forge those) and
 * `RangeError` for numbers that are not non-negative integers (a programming error: such a
 * sig could never verify).
 */
export function signUserSig(input: SignUserSigInput): string {
  const { sdkAppId, secretKey, identifier, expireSeconds, userbuf } = input;
  const issuedAt = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (typeof secretKey !== 'string' || secretKey.length === 0) {
    throw new UserSigError(ErrorCode.AppKeyNotConfigured, 'no secret key to sign with');
  }
  assertUnsignedInteger('sdkAppId', sdkAppId);
  assertUnsignedInteger('expireSeconds', expireSeconds);
  assertUnsignedInteger('nowSeconds', issuedAt);

  const userbufBase64 = userbuf?.toString('base64');
  const sig = computeUserSigHmac(secretKey, {
    identifier,
    sdkAppId,
    issuedAt,
    expireSeconds,
    userbuf: userbufBase64,
  }).toString('base64');

  // Member order matters for byte-identical output; JSON.stringify keeps insertion order.
  const document: Record<string, string | number> = {
    'TLS.ver': '2.0',
    'TLS.identifier': identifier,
    'TLS.sdkappid': sdkAppId,
    'TLS.time': issuedAt,
    'TLS.expire': expireSeconds,
  };
  if (userbufBase64 !== undefined) document['TLS.userbuf'] = userbufBase64;
  document['TLS.sig'] = sig;
  return encodeUserSigDocument(JSON.stringify(document));
}

function assertUnsignedInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer`);
  }
}
