import { createHmac, timingSafeEqual } from 'node:crypto';

import { ErrorCode } from '@im/contracts';

import type { RenditionName } from './media-kinds.rules';

/**
 * Download links of uploaded media (docs/protocol.md §14.2). A link names one rendition of one
 * upload of one app and expires; it is signed with a key derived from that app's secret key, so
 * it works for its own app only, cannot be altered or made for another app's media without that
 * app's key, and stops working when the key changes. The link is a bearer link, as Tencent's
 * `Download_Flag: 2` URLs are: whoever the message reached may download it, nobody else can
 * make one.
 */

export const MEDIA_DOWNLOAD_PATH = '/media/v1/download';
const Rendition: Record<RenditionName, number> = { original: 1, large: 2, thumbnail: 3 };
const RenditionByNumber = new Map(Object.entries(Rendition).map(([k, v]) => [v, k]));
const UUID = /^[0-9a-f]{32}$/;

export interface MediaLink {
  sdkAppId: number;
  /** The upload's UUID (32 hex digits). */
  uuid: string;
  rendition: RenditionName;
  /** UNIX seconds after which the link is refused. */
  expires: number;
  /**
   * A link made by `im_cos_msg/get_cos_sig` for the app's backend: it reads the object even when
   * the app forbade it (`forbid_illegal_object`); links in messages never do.
   */
  readsForbidden?: boolean;
}

function linkKey(secretKey: string): Buffer {
  return createHmac('sha256', secretKey).update('im-media-link/v1').digest();
}

function signature(secretKey: string, payload: string): Buffer {
  return createHmac('sha256', linkKey(secretKey)).update(payload).digest();
}

/** `<payload>.<signature>`, both base64url. */
export function signMediaToken(secretKey: string, link: MediaLink): string {
  const parts: unknown[] = [link.sdkAppId, link.uuid, Rendition[link.rendition], link.expires];
  if (link.readsForbidden) parts.push(1);
  const payload = Buffer.from(JSON.stringify(parts)).toString('base64url');
  return `${payload}.${signature(secretKey, payload).toString('base64url')}`;
}

/** What a token claims, before its signature is checked (to find the app's key). */
export function claimedMediaLink(token: string): MediaLink | undefined {
  if (token.length > 300) return undefined;
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length < 4 || parts.length > 5) return undefined;
  const [sdkAppId, uuid, rendition, expires, readsForbidden] = parts as unknown[];
  if (parts.length === 5 && readsForbidden !== 1) return undefined;
  if (!Number.isSafeInteger(sdkAppId) || (sdkAppId as number) < 1) return undefined;
  if (typeof uuid !== 'string' || !UUID.test(uuid)) return undefined;
  const name = RenditionByNumber.get(rendition as number) as RenditionName | undefined;
  if (!name || !Number.isSafeInteger(expires)) return undefined;
  const link: MediaLink = {
    sdkAppId: sdkAppId as number,
    uuid,
    rendition: name,
    expires: expires as number,
  };
  if (readsForbidden === 1) link.readsForbidden = true;
  return link;
}

/** The token of a download URL (`…/media/v1/download/<token>`), whatever host it names. */
export function mediaTokenOfUrl(rawUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined;
  }
  // behind a proxy the media port may sit under a path (MEDIA_PUBLIC_URL https://host/im)
  const prefix = `${MEDIA_DOWNLOAD_PATH}/`;
  const at = url.pathname.indexOf(prefix);
  if (at < 0) return undefined;
  const token = url.pathname.slice(at + prefix.length);
  return token && !token.includes('/') ? token : undefined;
}

/** `scheme://host[:port]` of a download URL (where a fresh link of it is reached). */
export function mediaBaseOfUrl(rawUrl: string): string {
  const url = new URL(rawUrl);
  const at = url.pathname.indexOf(`${MEDIA_DOWNLOAD_PATH}/`);
  return `${url.origin}${url.pathname.slice(0, Math.max(0, at))}`;
}

export type LinkVerdict =
  { ok: true; link: MediaLink } | { ok: false; code: number; reason: string };

/** The link a token names when `secretKey` (of the claimed app) signed it and it has not expired. */
export function verifyMediaToken(
  token: string,
  secretKey: string,
  nowSeconds: number,
  { ignoreExpiry = false }: { ignoreExpiry?: boolean } = {},
): LinkVerdict {
  const link = claimedMediaLink(token);
  if (!link) return { ok: false, code: ErrorCode.MediaLinkInvalid, reason: 'malformed link' };
  const [payload, sig] = token.split('.');
  const expected = signature(secretKey, payload);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, code: ErrorCode.MediaLinkInvalid, reason: 'link not signed for this app' };
  if (!ignoreExpiry && link.expires < nowSeconds)
    return { ok: false, code: ErrorCode.MediaLinkExpired, reason: 'link expired' };
  return { ok: true, link };
}

/** The absolute download URL of a link. */
export function mediaUrl(baseUrl: string, secretKey: string, link: MediaLink): string {
  return `${baseUrl}${MEDIA_DOWNLOAD_PATH}/${signMediaToken(secretKey, link)}`;
}
