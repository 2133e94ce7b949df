import { timingSafeEqual } from 'node:crypto';

import { ErrorCode } from '@im/contracts';

import { MAX_USER_SIG_LENGTH, tryDecodeUserSig } from './user-sig.codec';
import { computeUserSigHmac } from './user-sig.hmac';
import {
  UserSigClaims,
  UserSigFailure,
  VerifyUserSigInput,
  VerifyUserSigResult,
} from './user-sig.types';

/** Default tolerance for a `TLS.time` in the future (issuer clock ahead of ours). */
export const DEFAULT_MAX_FUTURE_SKEW_SECONDS = 300;

/** Default bound of the `UserSigVerifier` memo. */
export const DEFAULT_VERIFIER_MAX_ENTRIES = 10_000;

/** `TLS.sig` as every official generator writes it: standard base64 of 32 bytes. */
const SIG_TEXT = /^[A-Za-z0-9+/]{43}=?$/;
const SIG_BYTES = 32;

/**
 * Verifies a UserSig (docs/usersig.md §5). Never throws; checks run in this order and the first
 * failure wins:
 *
 * 1. empty → `UserSigEmpty` (70002)
 * 2. too long, not base64, not zlib (or inflating past 4 KB), not UTF-8 JSON, missing
 *    `TLS.sig`/`TLS.ver`/`TLS.identifier`/`TLS.sdkappid`/`TLS.time`/`TLS.expire`, or wrong
 *    types (`time`/`expire` must be non-negative integers) → `UserSigUndecodable` (70003)
 * 3. `TLS.sdkappid` ≠ request (numeric; a digit string is accepted) → `UserSigSdkAppIdMismatch`
 * 4. `TLS.identifier` ≠ request (case-sensitive) → `UserSigIdentifierMismatch` (70013)
 * 5. `now > time + expire` → `UserSigExpired` (70001)
 * 6. `time > now + maxFutureSkewSeconds` (default 300) → `UserSigVerifyFailed` (70005). Not an
 *    official check: a sig "issued" far in the future would outlive its stated validity.
 * 7. `TLS.userbuf` present and `allowUserbuf` not set → `UserSigVerifyFailed` (70005)
 * 8. empty secret key → `AppKeyNotConfigured` (70016), so an HMAC is never computed with an
 *    empty key; then HMAC mismatch (constant-time) → `UserSigKeyMismatch` (70009)
 * 9. `time < notBefore` → `UserSigRevoked` (70052). Deliberately after the HMAC: whether a
 *    user was kicked is not revealed to someone who cannot present a valid signature.
 *
 * Checks 3–7 only read claims the caller chose, so running them before the HMAC reveals
 * nothing and saves the HMAC for most bad requests.
 */
export function verifyUserSig(input: VerifyUserSigInput): VerifyUserSigResult {
  const decoded = tryDecodeUserSig(input.userSig);
  if (!decoded.ok) return decoded;
  const { sig, ...claims } = decoded.value;
  const now = input.nowSeconds ?? currentSeconds();
  const failure =
    checkRequest(claims, input) ??
    checkValidity(claims, input, now) ??
    checkSignature(sig, claims, input.secretKey) ??
    checkRevocation(claims, input);
  if (failure !== undefined) return failure;
  return { ok: true, claims, expiresAt: claims.issuedAt + claims.expireSeconds };
}

export interface UserSigVerifierOptions {
  /** Most successful verifications kept; the least recently used goes first. Default 10 000. */
  maxEntries?: number;
  /** The full verification run on a miss; `verifyUserSig` unless a test substitutes it. */
  verifyUncached?: (input: VerifyUserSigInput) => VerifyUserSigResult;
}

interface CachedVerification {
  /** The key it was verified with; another key (rotation) is a miss. */
  secretKey: string;
  claims: UserSigClaims;
  expiresAt: number;
}

/**
 * `verifyUserSig` with a bounded LRU memo of successful verifications, so the same admin
 * UserSig on every REST call skips base64, zlib, JSON and HMAC. The entry is keyed by
 * sdkAppId, UserSig and identifier and remembers the secret key it was verified with (held
 * by reference, never logged). A hit is a verified signature; expiry, future skew, userbuf
 * and `notBefore` depend on the call and are re-checked on every hit. Failures are not kept.
 */
export class UserSigVerifier {
  private readonly entries = new Map<string, CachedVerification>();
  private readonly maxEntries: number;
  private readonly verifyUncached: (input: VerifyUserSigInput) => VerifyUserSigResult;

  constructor(options: UserSigVerifierOptions = {}) {
    this.maxEntries = options.maxEntries ?? DEFAULT_VERIFIER_MAX_ENTRIES;
    if (!Number.isSafeInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new RangeError('maxEntries must be a positive integer');
    }
    this.verifyUncached = options.verifyUncached ?? verifyUserSig;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  verify(input: VerifyUserSigInput): VerifyUserSigResult {
    if (!isCacheable(input)) return this.verifyUncached(input);
    const key = cacheKey(input);
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      if (hit.secretKey === input.secretKey) {
        const now = input.nowSeconds ?? currentSeconds();
        const failure = checkValidity(hit.claims, input, now) ?? checkRevocation(hit.claims, input);
        if (failure !== undefined) return failure;
        this.entries.set(key, hit); // most recently used
        return { ok: true, claims: { ...hit.claims }, expiresAt: hit.expiresAt };
      }
    }

    const result = this.verifyUncached(input);
    if (result.ok) {
      if (this.entries.size >= this.maxEntries) this.evictLeastRecentlyUsed();
      this.entries.set(key, {
        secretKey: input.secretKey,
        claims: { ...result.claims },
        expiresAt: result.expiresAt,
      });
    }
    return result;
  }

  private evictLeastRecentlyUsed(): void {
    const oldest = this.entries.keys().next();
    if (oldest.done !== true) this.entries.delete(oldest.value);
  }
}

/** Inputs the key below cannot represent faithfully go straight to the full verification. */
function isCacheable(input: VerifyUserSigInput): boolean {
  return (
    typeof input.userSig === 'string' &&
    input.userSig.length <= MAX_USER_SIG_LENGTH &&
    typeof input.sdkAppId === 'number' &&
    typeof input.identifier === 'string'
  );
}

/**
 * Unambiguous: the UserSig is length-prefixed and the identifier (free text) comes last, so
 * no (userSig, identifier) pair can spell another pair's key.
 */
function cacheKey(input: VerifyUserSigInput): string {
  return `${input.sdkAppId}|${input.userSig.length}|${input.userSig}|${input.identifier}`;
}

function checkRequest(
  claims: UserSigClaims,
  input: VerifyUserSigInput,
): UserSigFailure | undefined {
  if (claims.sdkAppId !== input.sdkAppId) {
    return fail(ErrorCode.UserSigSdkAppIdMismatch, 'TLS.sdkappid does not match the request');
  }
  if (claims.identifier !== input.identifier) {
    return fail(ErrorCode.UserSigIdentifierMismatch, 'TLS.identifier does not match the request');
  }
  return undefined;
}

/** The checks that depend on the call (clock and policy), not on the signature. */
function checkValidity(
  claims: UserSigClaims,
  input: VerifyUserSigInput,
  now: number,
): UserSigFailure | undefined {
  if (now > claims.issuedAt + claims.expireSeconds) {
    return fail(ErrorCode.UserSigExpired, 'usersig expired');
  }
  const maxFutureSkew = input.maxFutureSkewSeconds ?? DEFAULT_MAX_FUTURE_SKEW_SECONDS;
  if (claims.issuedAt > now + maxFutureSkew) {
    return fail(ErrorCode.UserSigVerifyFailed, 'TLS.time is in the future');
  }
  if (claims.userbuf !== undefined && input.allowUserbuf !== true) {
    return fail(ErrorCode.UserSigVerifyFailed, 'usersig with userbuf not accepted');
  }
  return undefined;
}

function checkSignature(
  sig: string,
  claims: UserSigClaims,
  secretKey: string,
): UserSigFailure | undefined {
  if (typeof secretKey !== 'string' || secretKey.length === 0) {
    return fail(ErrorCode.AppKeyNotConfigured, 'no secret key configured');
  }
  // The format check only looks at what the caller sent; the comparison of the bytes that
  // depend on the key is constant-time.
  const given = SIG_TEXT.test(sig) ? Buffer.from(sig, 'base64') : undefined;
  if (given === undefined || given.length !== SIG_BYTES) return keyMismatch();
  const expected = computeUserSigHmac(secretKey, claims);
  return timingSafeEqual(given, expected) ? undefined : keyMismatch();
}

function checkRevocation(
  claims: UserSigClaims,
  input: VerifyUserSigInput,
): UserSigFailure | undefined {
  return input.notBefore === undefined ? undefined : revokedByKick(claims, input.notBefore);
}

/**
 * docs/usersig.md §5 step 10, the one rule of both edges (REST for admins, the WebSocket login
 * for users): a UserSig issued (`TLS.time`) before the user's last kick (`revokedBefore`, a
 * UNIX second; 0 when never kicked) is refused with 70052; one issued in the kick's second or
 * later is accepted, so the app can sign a new one at once.
 */
export function revokedByKick(
  claims: Pick<UserSigClaims, 'issuedAt'>,
  revokedBefore: number,
): UserSigFailure | undefined {
  if (claims.issuedAt < revokedBefore) {
    return fail(ErrorCode.UserSigRevoked, 'usersig issued before the user was kicked');
  }
  return undefined;
}

function keyMismatch(): UserSigFailure {
  return fail(ErrorCode.UserSigKeyMismatch, 'usersig signature does not match');
}

function fail(code: UserSigFailure['code'], reason: string): UserSigFailure {
  return { ok: false, code, reason };
}

function currentSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
