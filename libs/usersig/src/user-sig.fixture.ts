// Test vectors of docs/usersig.md §9 (computed with tls-sig-api-v2@1.0.2, cross-checked in Python).
// Spec-only: excluded from the build.
import { encodeUserSigDocument } from './user-sig.codec';
import { computeUserSigHmac } from './user-sig.hmac';

export const VECTOR_SDK_APP_ID = 1400000000;
export const VECTOR_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
export const VECTOR_TIME = 1700000000;
export const OTHER_KEY = '0000000000000000000000000000000000000000000000000000000000000000';

export interface UserSigVector {
  identifier: string;
  expireSeconds: number;
  sig: string;
  userSig: string;
  userbuf?: Buffer;
}

/** Admin REST signature. */
export const VECTOR_1: UserSigVector = {
  identifier: 'administrator',
  expireSeconds: 86400,
  sig: 'yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60=',
  userSig:
    'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwokpuZl5mcUlRYkl*UVQBcUp2YkFBZkpSlaGJgZQAJEpycxNVbIyNEcVTa0oyCxKVbKyMDOBCRVnpitZKVX6OKZql5uHh6aGlhYmhVlm6IdEmFuUGhnmh7hnamdaRhUYlhoHFORFmhnYKtUCAK0SM5I_',
};
export const VECTOR_1_JSON =
  '{"TLS.ver":"2.0","TLS.identifier":"administrator","TLS.sdkappid":1400000000,"TLS.time":1700000000,"TLS.expire":86400,"TLS.sig":"yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60="}';
export const VECTOR_1_HMAC_HEX = 'c8b01efb0ed651e52ea9b57d87f4d7efcbb6d684c68be8bd669d6edcfa6763ad';
export const VECTOR_1_ZLIB_HEX =
  '789cab560af109d62b4b2d52b25232d23350d201f3335352f34a32d332c1c28929b9997999c525458925f9455005c529d989050599294a5686260650009129c9cc4d55b2323447154dad28c82c4a55b2b2303381091567a62b592955fa38a66a979b8787a686961626855966e88744985b941a19e687b8676a675a461518961a0714e4459a19d82ad50200ad123392';

/** User, 180-day validity. */
export const VECTOR_2: UserSigVector = {
  identifier: 'user1',
  expireSeconds: 15552000,
  sig: 'dFQjjcjcbO0OdA6nFbXrvCnJnqAn2qO3HlGqLcVho4o=',
  userSig:
    'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwqXFqUWGUInilOzEgoLMFCUrQxMDKIDIlGTmpipZGZqjiqZWFGQWgcRNTU2N4KLFmelKVkopboFZWclZyUn*Bv4pjmZ5bkkRRWXOeV55hY55RoX*xh457oU*yWEZ*Sb5tkq1AAuaMa8_',
};

/** With userbuf 01 02 03 (`TLS.userbuf` = "AQID"). */
export const VECTOR_3: UserSigVector = {
  identifier: 'user1',
  expireSeconds: 300,
  sig: '3duK7uE8o59bqsTfgpCJhByRKJ3xbGQjow0CkPJd7TY=',
  userbuf: Buffer.from([1, 2, 3]),
  userSig:
    'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwqXFqUWGUInilOzEgoLMFCUrQxMDKIDIlGTmpipZGZqjiqZWFGQWpSpZGcMEQIYllaYpWSk5Bnq6wEzNTFeyUjJOKfU2L3W1yDe1TCosDklLL3D2ynCqDPL2Mq5Icg-Myi83cM4O8EoxD4m0VaoFAEieNmE_',
};

/** Go-library style: stored zlib (78 01), other member order, trailing newline after the JSON. */
export const VECTOR_4: UserSigVector = {
  identifier: 'user1',
  expireSeconds: 86400,
  sig: 'JbPg5RrN5POQeSWmHplExveG1QWXhkMkRHwTwnCGFAs=',
  userSig:
    'eAEBpwBY-3siVExTLnZlciI6IjIuMCIsIlRMUy5pZGVudGlmaWVyIjoidXNlcjEiLCJUTFMuc2RrYXBwaWQiOjE0MDAwMDAwMDAsIlRMUy5leHBpcmUiOjg2NDAwLCJUTFMudGltZSI6MTcwMDAwMDAwMCwiVExTLnNpZyI6IkpiUGc1UnJONVBPUWVTV21IcGxFeHZlRzFRV1hoa01rUkh3VHduQ0dGQXM9In0KyJcxCA__',
};

export interface DocumentFields {
  identifier: string;
  sdkAppId: number;
  issuedAt: number;
  expireSeconds: number;
  userbuf?: string;
}

/** A correctly signed JSON document (Node member order); override members afterwards to break it. */
export function makeSignedDocument(
  overrides: Partial<DocumentFields> = {},
  key = VECTOR_KEY,
): Record<string, unknown> {
  const fields: DocumentFields = {
    identifier: 'user1',
    sdkAppId: VECTOR_SDK_APP_ID,
    issuedAt: VECTOR_TIME,
    expireSeconds: 86400,
    ...overrides,
  };
  const document: Record<string, unknown> = {
    'TLS.ver': '2.0',
    'TLS.identifier': fields.identifier,
    'TLS.sdkappid': fields.sdkAppId,
    'TLS.time': fields.issuedAt,
    'TLS.expire': fields.expireSeconds,
  };
  if (fields.userbuf !== undefined) document['TLS.userbuf'] = fields.userbuf;
  document['TLS.sig'] = computeUserSigHmac(key, fields).toString('base64');
  return document;
}

/** JSON text (or raw bytes) → UserSig, default zlib level unless given. */
export function encodeDocument(document: unknown, level?: number): string {
  const json = typeof document === 'string' ? document : JSON.stringify(document);
  return encodeUserSigDocument(json, level);
}

/** Deterministic PRNG (mulberry32), so property-style loops are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

const USER_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';

/** A UserID of 1–32 characters from the alphabet the SDK docs allow. */
export function randomUserId(random: () => number): string {
  const length = randomInt(random, 1, 32);
  let id = '';
  for (let i = 0; i < length; i += 1) {
    id += USER_ID_ALPHABET[randomInt(random, 0, USER_ID_ALPHABET.length - 1)];
  }
  return id;
}
