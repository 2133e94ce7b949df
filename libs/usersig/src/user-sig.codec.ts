import { deflateSync, inflateSync } from 'node:zlib';

import { ErrorCode } from '@im/contracts';

import { UserSigError } from './user-sig.errors';
import { DecodedUserSig, UserSigFailure } from './user-sig.types';

/** Longer UserSigs are refused before any decoding (real ones are ~200 characters). */
export const MAX_USER_SIG_LENGTH = 4096;

/** Cap on the inflated JSON, so a decompression bomb costs at most this much memory. */
export const MAX_INFLATED_BYTES = 4096;

/**
 * The UserSig alphabet: base64 with `*` `-` `_` in place of `+` `/` `=`. The standard
 * characters are accepted too, as the official verifiers (which only substitute) do.
 * Padding, if any, is only at the end.
 */
const USER_SIG_PATTERN = /^[A-Za-z0-9*\-+/]+[_=]{0,2}$/;

const UNSIGNED_DECIMAL = /^[0-9]{1,16}$/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export type DecodeOutcome = { ok: true; value: DecodedUserSig } | UserSigFailure;

/**
 * zlib-compresses a JSON document and applies the UserSig base64 substitution. Signing uses
 * the default level (as the official Node, Java, PHP and Python libraries do); other levels
 * are for building test inputs such as Go-style stored blocks.
 */
export function encodeUserSigDocument(json: string | Buffer, level?: number): string {
  const bytes = typeof json === 'string' ? Buffer.from(json, 'utf8') : json;
  const compressed = level === undefined ? deflateSync(bytes) : deflateSync(bytes, { level });
  return compressed.toString('base64').replace(/[+/=]/g, escapeBase64Char);
}

/**
 * Decodes a UserSig without verifying it (docs/usersig.md §5 steps 1–4 and field types).
 * Throws `UserSigError` with `UserSigEmpty` for an empty string and `UserSigUndecodable` for
 * anything that is not a well-formed UserSig document.
 */
export function decodeUserSig(userSig: string): DecodedUserSig {
  const outcome = tryDecodeUserSig(userSig);
  if (!outcome.ok) throw new UserSigError(outcome.code, outcome.reason);
  return outcome.value;
}

/** As `decodeUserSig`, but reports failure as a value; never throws. */
export function tryDecodeUserSig(userSig: unknown): DecodeOutcome {
  if (userSig === undefined || userSig === null || userSig === '') {
    return fail(ErrorCode.UserSigEmpty, 'usersig is empty');
  }
  if (typeof userSig !== 'string') return undecodable('usersig is not a string');
  if (userSig.length > MAX_USER_SIG_LENGTH) return undecodable('usersig is too long');

  const bytes = decodeBase64(userSig);
  if (bytes === undefined) return undecodable('usersig is not valid base64');

  let json: string;
  try {
    json = utf8.decode(inflateSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES }));
  } catch {
    // Not zlib, corrupt (checksum), truncated, over the size cap, or not UTF-8.
    return undecodable('usersig does not inflate to a document');
  }

  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    return undecodable('usersig document is not JSON');
  }
  return readDocument(document);
}

/** Reverses the substitution, re-pads and base64-decodes; undefined when it is not base64. */
function decodeBase64(userSig: string): Buffer | undefined {
  if (!USER_SIG_PATTERN.test(userSig)) return undefined;
  let end = userSig.length;
  while (end > 0 && (userSig[end - 1] === '_' || userSig[end - 1] === '=')) end -= 1;
  const remainder = end % 4;
  if (remainder === 1) return undefined;
  // Buffer.from(…, 'base64') also reads `-` and `_` (as the base64url 62 and 63), so the
  // substitution must be reversed first: here `-` means `/`.
  const base64 =
    userSig.slice(0, end).replace(/[*-]/g, unescapeBase64Char) + '='.repeat((4 - remainder) % 4);
  return Buffer.from(base64, 'base64');
}

/** Checks the document's members and types; any JSON member order and extra members are fine. */
function readDocument(document: unknown): DecodeOutcome {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return undecodable('usersig document is not a JSON object');
  }
  const doc = document as Record<string, unknown>;
  const sig = doc['TLS.sig'];
  const version = doc['TLS.ver'];
  const identifier = doc['TLS.identifier'];
  const sdkAppId = readSdkAppId(doc['TLS.sdkappid']);
  const issuedAt = doc['TLS.time'];
  const expireSeconds = doc['TLS.expire'];
  const userbuf = doc['TLS.userbuf'];

  if (typeof sig !== 'string') return undecodable('TLS.sig is missing or not a string');
  if (typeof version !== 'string') return undecodable('TLS.ver is missing or not a string');
  if (typeof identifier !== 'string') {
    return undecodable('TLS.identifier is missing or not a string');
  }
  if (sdkAppId === undefined) return undecodable('TLS.sdkappid is missing or not an integer');
  if (!isUnsignedInteger(issuedAt)) return undecodable('TLS.time is missing or not an integer');
  if (!isUnsignedInteger(expireSeconds)) {
    return undecodable('TLS.expire is missing or not an integer');
  }
  if (userbuf !== undefined && typeof userbuf !== 'string') {
    return undecodable('TLS.userbuf is not a string');
  }

  const value: DecodedUserSig = { version, identifier, sdkAppId, issuedAt, expireSeconds, sig };
  if (userbuf !== undefined) value.userbuf = userbuf;
  return { ok: true, value };
}

/** An integer, or (leniently) a string of decimal digits; undefined otherwise. */
function readSdkAppId(value: unknown): number | undefined {
  if (isUnsignedInteger(value)) return value;
  if (typeof value === 'string' && UNSIGNED_DECIMAL.test(value)) {
    const parsed = Number(value);
    if (Number.isSafeInteger(parsed)) return parsed;
  }
  return undefined;
}

function isUnsignedInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function escapeBase64Char(char: string): string {
  if (char === '+') return '*';
  return char === '/' ? '-' : '_';
}

function unescapeBase64Char(char: string): string {
  return char === '*' ? '+' : '/';
}

function undecodable(reason: string): UserSigFailure {
  return fail(ErrorCode.UserSigUndecodable, reason);
}

function fail(code: UserSigFailure['code'], reason: string): UserSigFailure {
  return { ok: false, code, reason };
}
