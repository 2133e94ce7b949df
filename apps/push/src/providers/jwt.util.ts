import { createPrivateKey, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** base64url without padding (RFC 7515). */
export function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * A compact JWS: ES256 (APNs provider tokens; signature as raw r‖s, 64 bytes, as JOSE wants
 * it) or RS256 (Google service-account assertions).
 */
export function signJwt(
  alg: 'ES256' | 'RS256',
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  key: KeyObject,
): string {
  const input = `${base64url(JSON.stringify({ alg, ...header }))}.${base64url(JSON.stringify(claims))}`;
  const signature =
    alg === 'ES256'
      ? sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
      : sign('sha256', Buffer.from(input), key);
  return `${input}.${base64url(signature)}`;
}

/** A private key from PEM text (a .p8 file or a service account's `private_key`). */
export function privateKeyOf(pem: string): KeyObject {
  return createPrivateKey({ key: pem.replace(/\\n/g, '\n'), format: 'pem' });
}
