import { createHmac, timingSafeEqual } from 'node:crypto';

import { ArchiveChatTypes } from '@im/contracts';
import type { ArchiveChatType } from '@im/contracts';

/**
 * Download links of the hourly message archives (open_msg_svc/get_history): the link names one
 * file of one app and expires; it is signed with a key derived from the app's secret key, so a
 * link works for its own app only, cannot be altered or made for another app without that
 * app's key, and stops working when the key changes.
 */

/** How long a link works (seconds); asking get_history again gives fresh links. */
export const ARCHIVE_LINK_TTL_SECONDS = 3600;
/** The download route (outside /v4: it answers with the file, not an envelope). */
export const ARCHIVE_DOWNLOAD_PATH = '/archive';

/** What a link names. */
export interface ArchiveLink {
  sdkAppId: number;
  chatType: ArchiveChatType;
  /** Start of the hour, UNIX seconds. */
  hour: number;
  part: number;
  generation: number;
  /** UNIX seconds after which the link is refused. */
  expires: number;
}

/** The key links are signed with: the app's secret key put to this one use only. */
function linkKey(secretKey: string): Buffer {
  return createHmac('sha256', secretKey).update('im-message-archive-link/v1').digest();
}

function signature(secretKey: string, payload: string): Buffer {
  return createHmac('sha256', linkKey(secretKey)).update(payload).digest();
}

/** `<payload>.<signature>`, both base64url. */
export function signArchiveToken(secretKey: string, link: ArchiveLink): string {
  const payload = Buffer.from(
    JSON.stringify([
      link.sdkAppId,
      link.chatType,
      link.hour,
      link.part,
      link.generation,
      link.expires,
    ]),
  ).toString('base64url');
  return `${payload}.${signature(secretKey, payload).toString('base64url')}`;
}

/** The app a token claims, before its signature is checked (to find the app's key). */
export function claimedApp(token: string): ArchiveLink | undefined {
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined || token.length > 512) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length !== 6) return undefined;
  const [sdkAppId, chatType, hour, part, generation, expires] = parts as unknown[];
  const ints = [sdkAppId, hour, part, generation, expires];
  if (!ints.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) return undefined;
  if (!ArchiveChatTypes.includes(chatType as ArchiveChatType)) return undefined;
  return {
    sdkAppId: sdkAppId as number,
    chatType: chatType as ArchiveChatType,
    hour: hour as number,
    part: part as number,
    generation: generation as number,
    expires: expires as number,
  };
}

/**
 * The link a token names when it was signed with `secretKey` and has not expired; otherwise
 * why not.
 */
export function verifyArchiveToken(
  token: string,
  secretKey: string,
  nowSeconds: number,
): { link: ArchiveLink } | { refused: 'malformed' | 'forged' | 'expired' } {
  const link = claimedApp(token);
  if (!link) return { refused: 'malformed' };
  const [payload, sig] = token.split('.');
  const expected = signature(secretKey, payload);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { refused: 'forged' };
  if (link.expires < nowSeconds) return { refused: 'expired' };
  return { link };
}

/** `YYYY-MM-DD HH:mm:ss` (UTC), the form of Tencent's `ExpireTime`. */
export function formatExpireTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** `C2C-2026120707-0.gz`: a file name for download tools; the token alone decides the file. */
export function archiveFileName(link: Pick<ArchiveLink, 'chatType' | 'hour' | 'part'>): string {
  const hour = new Date(link.hour * 1000).toISOString().slice(0, 13).replace(/[-T]/g, '');
  return `${link.chatType}-${hour}-${link.part}.gz`;
}

/** The absolute download URL of a link. */
export function archiveUrl(baseUrl: string, secretKey: string, link: ArchiveLink): string {
  const token = signArchiveToken(secretKey, link);
  return `${baseUrl}${ARCHIVE_DOWNLOAD_PATH}/${archiveFileName(link)}?token=${token}`;
}
