import { createHmac } from 'node:crypto';

/** The fields covered by the signature, in the form they are rendered (docs/usersig.md §2). */
export interface SignedFields {
  identifier: string;
  sdkAppId: number;
  issuedAt: number;
  expireSeconds: number;
  /** base64 text of the userbuf, exactly as it is (or will be) stored in the JSON. */
  userbuf?: string;
}

/**
 * The newline-terminated text that is signed. Integers are rendered in plain decimal, the
 * userbuf line is present only when the document has a `TLS.userbuf`.
 */
export function buildSignedContent(fields: SignedFields): string {
  const content =
    `TLS.identifier:${fields.identifier}\n` +
    `TLS.sdkappid:${fields.sdkAppId}\n` +
    `TLS.time:${fields.issuedAt}\n` +
    `TLS.expire:${fields.expireSeconds}\n`;
  return fields.userbuf === undefined ? content : `${content}TLS.userbuf:${fields.userbuf}\n`;
}

/** HMAC-SHA256 of the signed content; the key is the UTF-8 bytes of the secret key text. */
export function computeUserSigHmac(secretKey: string, fields: SignedFields): Buffer {
  return createHmac('sha256', secretKey).update(buildSignedContent(fields), 'utf8').digest();
}
