import { ErrorCode } from '@im/contracts';

/**
 * What may be uploaded as which kind (docs/protocol.md §14): the size limit, the types the bytes
 * may be, and whether the type the client declares agrees with what the first bytes are.
 */

export const MediaKinds = ['image', 'file', 'sound', 'video'] as const;
export type MediaKind = (typeof MediaKinds)[number];

export function isMediaKind(value: unknown): value is MediaKind {
  return MediaKinds.includes(value as MediaKind);
}

/** The image formats of MSG-6 (png, gif, jpeg/jpg, webp); others are refused. */
export const ImageTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof ImageTypes)[number];

/** `TIMImageElem.ImageFormat`: 1 JPG, 2 GIF, 3 PNG, 4 BMP, 255 other. */
export function imageFormatCode(type: ImageType): number {
  switch (type) {
    case 'image/jpeg':
      return 1;
    case 'image/gif':
      return 2;
    case 'image/png':
      return 3;
    case 'image/webp':
      return 255;
  }
}

/** Bytes read from the start of a body to tell its type (file-type's sample size). */
export const SNIFF_BYTES = 4100;

/** The declared type: `image/JPG; charset=x` → `image/jpeg`; aliases folded. */
export function normaliseType(declared: string | undefined): string {
  const type = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'image/jpg' || type === 'image/pjpeg') return 'image/jpeg';
  if (type === 'audio/mp3') return 'audio/mpeg';
  return type;
}

export type TypeDecision = { ok: true; type: string } | { ok: false; code: number; reason: string };

/**
 * Whether an upload of `kind`, declared as `declared`, whose first bytes file-type read as
 * `sniffed` (undefined: no known signature) is accepted, and as which type it is kept.
 * - image: the bytes must be png/jpeg/gif/webp and the declared type the same;
 * - sound, video: the bytes must be audio/…, video/… and the declared type the same;
 * - file: any bytes, but a declared type that has a signature must be what the bytes are (an
 *   .exe declared as image/png is refused); `knownTypes` are the types file-type recognises.
 */
export function decideType(
  kind: MediaKind,
  declared: string,
  sniffed: string | undefined,
  knownTypes: ReadonlySet<string>,
): TypeDecision {
  const type = normaliseType(declared);
  const mismatch = (reason: string): TypeDecision => ({
    ok: false,
    code: ErrorCode.MediaTypeMismatch,
    reason,
  });
  switch (kind) {
    case 'image':
      if (!ImageTypes.includes(type as ImageType))
        return mismatch(`an image must be declared as one of ${ImageTypes.join(', ')}`);
      if (sniffed !== type) return mismatch(`the bytes are not ${type}`);
      return { ok: true, type };
    case 'sound':
    case 'video': {
      const family = kind === 'sound' ? 'audio/' : 'video/';
      if (!type.startsWith(family)) return mismatch(`a ${kind} must be declared as ${family}…`);
      if (sniffed !== type) return mismatch(`the bytes are not ${type}`);
      return { ok: true, type };
    }
    case 'file':
      if (type === '' || type === 'application/octet-stream')
        return { ok: true, type: sniffed ?? 'application/octet-stream' };
      if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) || type.length > 100)
        return { ok: false, code: ErrorCode.MediaRequestInvalid, reason: 'malformed content type' };
      if (sniffed !== undefined && sniffed !== type)
        return mismatch(`declared ${type} but the bytes are ${sniffed}`);
      if (sniffed === undefined && knownTypes.has(type))
        return mismatch(`the bytes are not ${type}`);
      return { ok: true, type };
  }
}

/** Long side of the renditions (AMB-37): thumbnail ≤ 198 px, large ≤ 720 px. */
export const Renditions = {
  large: { type: 2, longSide: 720 },
  thumbnail: { type: 3, longSide: 198 },
} as const;
export type RenditionName = keyof typeof Renditions | 'original';

/** Size of an image scaled to fit `longSide` (never enlarged). */
export function fitLongSide(
  width: number,
  height: number,
  longSide: number,
): { width: number; height: number } {
  const scale = Math.min(1, longSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** A file name kept for the element's `FileName`: no path, no control characters, ≤ 200 bytes. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  let clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  while (Buffer.byteLength(clean) > 200) clean = clean.slice(0, -1);
  return clean;
}
