import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

import { Inject, Injectable } from '@nestjs/common';

import { ErrorCode } from '@im/contracts';
import { PLATFORM_CONFIG, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { sniffableTypes, sniffType } from './content-sniff.rules';
import { makeRenditions } from './image-renditions.model';
import type { MediaUser } from './media-auth.service';
import type { MediaConfig } from './media.config';
import { fileElement, imageElement, soundElement, videoElement } from './media-elements.mapper';
import type { ImageInfo, MediaElement } from './media-elements.mapper';
import { MediaError } from './media.errors';
import {
  cleanFileName,
  decideType,
  isMediaKind,
  Renditions,
  SNIFF_BYTES,
} from './media-kinds.rules';
import type { ImageType, MediaKind, RenditionName } from './media-kinds.rules';
import { claimedMediaLink, mediaUrl, verifyMediaToken } from './media-link.rules';
import type { MediaLink } from './media-link.rules';
import { MediaRepository } from './media.repository';
import { mediaQuotaBytes } from './media-retention.rules';
import type { StoredRendition } from './media.repository';
import { MEDIA_STORAGE } from './media.tokens';
import { StorageNotFoundError } from './storage/media.store';
import type { ByteRange, MediaStorage } from './storage/media.store';
import { UploadBody } from './upload-body.model';
import { UploadRateLimiter } from './upload-rate.guard';
import { MediaAuthenticator } from './media-auth.service';

export interface UploadRequest {
  kind: string | undefined;
  contentType: string | undefined;
  contentLength: string | undefined;
  fileName: string | undefined;
  /** Seconds of a sound or video, as the client measured them. */
  second: string | undefined;
  body: AsyncIterable<Buffer>;
  /** scheme://host[:port] the download links start with. */
  baseUrl: string;
  /** Called once every check that needs no byte of the body passed (HTTP 100 Continue). */
  accepted?: () => void;
}

export interface UploadReply {
  UUID: string;
  Kind: MediaKind;
  ContentType: string;
  Size: number;
  Element: MediaElement;
}

export interface Download {
  body: Readable;
  size: number;
  total: number;
  range?: ByteRange;
  contentType: string;
  fileName: string;
}

/** A small gate: at most `limit` holders at once, the others wait in order. */
class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

const MAX_IMAGE_PIXELS = 100_000_000;
/** What is left of a body refused on its first bytes is read and dropped up to this much. */
const DRAIN_BYTES = 8 * 1024 * 1024;

export function storageKey(sdkAppId: number, uuid: string, rendition: RenditionName): string {
  return `${sdkAppId}/${uuid}/${rendition}`;
}

/**
 * Uploads and downloads (docs/protocol.md §14). An upload is checked before a byte is stored
 * (kind, declared length against the kind's limit, the user's rate, the app's quota, the type
 * the first bytes show), then streamed into the store; images get their renditions. Any
 * failure removes what was stored and gives the quota back, so a refused upload leaves nothing.
 */
@Injectable()
export class MediaService {
  private readonly imageGate: Gate;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: MediaConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly repository: MediaRepository,
    private readonly rate: UploadRateLimiter,
    private readonly auth: MediaAuthenticator,
  ) {
    this.imageGate = new Gate(config.limits.imageConcurrency);
  }

  async upload(user: MediaUser, req: UploadRequest): Promise<UploadReply> {
    const { sdkAppId, userId } = user;
    if (!isMediaKind(req.kind))
      throw new MediaError(
        ErrorCode.MediaRequestInvalid,
        'kind must be image, file, sound or video',
      );
    const kind = req.kind;
    if (req.contentLength === undefined || !/^\d{1,15}$/.test(req.contentLength))
      throw new MediaError(ErrorCode.MediaLengthRequired, 'an upload needs a Content-Length');
    const declared = Number(req.contentLength);
    if (declared === 0) throw new MediaError(ErrorCode.MediaRequestInvalid, 'the body is empty');
    const max = this.config.limits.maxBytes[kind];
    if (declared > max)
      throw new MediaError(ErrorCode.MediaTooLarge, `a ${kind} may have at most ${max} bytes`);
    const second = req.second === undefined ? 0 : Number(req.second);
    if (!Number.isSafeInteger(second) || second < 0 || second > 86_400)
      throw new MediaError(ErrorCode.MediaRequestInvalid, 'second must be 0..86400');
    if (!(await this.rate.tryAcquire(sdkAppId, userId)))
      throw new MediaError(ErrorCode.MediaRateLimited, 'too many uploads this minute, retry later');
    const quota = mediaQuotaBytes(user.app.settings, this.config.limits.appQuotaBytes);
    if (!(await this.repository.reserveBytes(sdkAppId, declared, quota)))
      throw new MediaError(ErrorCode.MediaQuotaExceeded, 'the app has used its media quota');

    const uuid = randomUUID().replace(/-/g, '');
    const stored: string[] = [];
    const body = new UploadBody(req.body, declared);
    let started = false;
    try {
      req.accepted?.();
      const head = await body.peek(SNIFF_BYTES);
      const decision = decideType(
        kind,
        req.contentType ?? '',
        await sniffType(head),
        await sniffableTypes(),
      );
      if (!decision.ok) throw new MediaError(decision.code, decision.reason);

      const originalKey = storageKey(sdkAppId, uuid, 'original');
      stored.push(originalKey);
      started = true;
      const { size } = await this.put(originalKey, body.rest(), decision.type);
      const renditions: StoredRendition[] = [{ rendition: 'original', size }];
      if (kind === 'image') {
        const made = await this.imageGate.run(async () =>
          makeRenditions(
            await this.storage.get(originalKey),
            decision.type as ImageType,
            MAX_IMAGE_PIXELS,
          ).catch((err: Error) => {
            throw new MediaError(
              ErrorCode.MediaImageUnreadable,
              `the image does not decode: ${err.message}`,
            );
          }),
        );
        renditions[0] = { ...renditions[0], width: made.width, height: made.height };
        for (const r of made.renditions) {
          const key = storageKey(sdkAppId, uuid, r.name);
          stored.push(key);
          await this.put(
            key,
            Readable.from([r.data]),
            decision.type === 'image/gif' ? 'image/png' : decision.type,
          );
          renditions.push({
            rendition: r.name,
            size: r.data.length,
            width: r.width,
            height: r.height,
          });
        }
      }
      const totalBytes = renditions.reduce((sum, r) => sum + r.size, 0);
      const fileName = cleanFileName(req.fileName);
      await this.repository.insertObject(sdkAppId, {
        uuid,
        kind,
        ownerId: userId,
        contentType: decision.type,
        fileName,
        totalBytes,
        renditions,
      });
      await this.repository.adjustBytes(sdkAppId, totalBytes - declared);
      this.logger.info(
        { sdkAppId, uuid, kind, totalBytes, storage: this.storage.kind },
        'media uploaded',
      );
      const element = this.element(
        user,
        kind,
        uuid,
        decision.type,
        fileName,
        second,
        renditions,
        req.baseUrl,
      );
      return { UUID: uuid, Kind: kind, ContentType: decision.type, Size: size, Element: element };
    } catch (err) {
      // Refused on its first bytes: drop the rest (a little) so the client reads the answer.
      if (!started) await body.discard(DRAIN_BYTES, body.peeked).catch(() => undefined);
      await Promise.all(stored.map((key) => this.storage.delete(key).catch(() => undefined)));
      await this.repository.adjustBytes(sdkAppId, -declared);
      throw err;
    }
  }

  private async put(key: string, body: Readable, contentType: string) {
    try {
      return await this.storage.put(key, body, contentType);
    } catch (err) {
      if (err instanceof MediaError) throw err;
      this.logger.warn({ key, err: (err as Error).message }, 'media store refused a write');
      throw new MediaError(ErrorCode.MediaStorageFailed, 'the media store failed, retry');
    }
  }

  private element(
    user: MediaUser,
    kind: MediaKind,
    uuid: string,
    type: string,
    fileName: string,
    second: number,
    renditions: StoredRendition[],
    baseUrl: string,
  ): MediaElement {
    const expires = Math.floor(Date.now() / 1000) + this.config.links.ttlSeconds;
    const base = this.config.http.publicUrl || baseUrl;
    const url = (rendition: RenditionName) =>
      mediaUrl(base, user.app.secretKey, { sdkAppId: user.sdkAppId, uuid, rendition, expires });
    const original = renditions[0];
    switch (kind) {
      case 'image':
        return imageElement(
          uuid,
          type as ImageType,
          renditions.map((r): ImageInfo => ({
            Type: r.rendition === 'original' ? 1 : Renditions[r.rendition].type,
            Size: r.size,
            Width: r.width ?? 0,
            Height: r.height ?? 0,
            URL: url(r.rendition),
          })),
        );
      case 'file':
        return fileElement(uuid, url('original'), original.size, fileName);
      case 'sound':
        return soundElement(uuid, url('original'), original.size, second);
      case 'video':
        return videoElement(uuid, url('original'), original.size, second, type);
    }
  }

  /**
   * The bytes a download link names: refused when the link is malformed, not signed with its
   * app's key (another app's, or altered), expired, names nothing (deleted) or an upload the app
   * forbade (`forbid_illegal_object`; a `get_cos_sig` link still reads it).
   */
  async download(token: string, rangeHeader: string | undefined): Promise<Download> {
    const claimed = claimedMediaLink(token);
    if (!claimed) throw new MediaError(ErrorCode.MediaLinkInvalid, 'malformed link');
    const app = await this.auth.appOf(claimed.sdkAppId).catch((err: unknown) => {
      if (err instanceof MediaError && err.code !== ErrorCode.RequestTimedOut)
        throw new MediaError(ErrorCode.MediaLinkInvalid, 'the link names no active app');
      throw err;
    });
    const verdict = verifyMediaToken(token, app.secretKey, Math.floor(Date.now() / 1000));
    if (!verdict.ok) throw new MediaError(verdict.code, verdict.reason);
    return this.read(verdict.link, rangeHeader);
  }

  private async read(link: MediaLink, rangeHeader: string | undefined): Promise<Download> {
    const row = await this.repository.findObject(link.sdkAppId, link.uuid);
    const rendition = row?.renditions.find((r) => r.rendition === link.rendition);
    if (!row || !rendition) throw new MediaError(ErrorCode.MediaNotFound, 'no such media');
    if (row.forbiddenAt && !link.readsForbidden)
      throw new MediaError(ErrorCode.MediaNotFound, 'media forbidden by the app');
    const total = rendition.size;
    const range = parseRange(rangeHeader, total);
    if (range === 'unsatisfiable')
      throw new MediaError(ErrorCode.MediaRequestInvalid, `range outside 0..${total - 1}`);
    try {
      const body = await this.storage.get(
        storageKey(link.sdkAppId, link.uuid, link.rendition),
        range,
      );
      const thumbType = row.contentType === 'image/gif' && link.rendition !== 'original';
      return {
        body,
        total,
        range,
        size: range ? range.end - range.start + 1 : total,
        contentType: thumbType ? 'image/png' : row.contentType,
        fileName: row.fileName,
      };
    } catch (err) {
      if (err instanceof StorageNotFoundError)
        throw new MediaError(ErrorCode.MediaNotFound, 'no such media');
      throw err;
    }
  }
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; anything else is the whole object. */
export function parseRange(
  header: string | undefined,
  total: number,
): ByteRange | undefined | 'unsatisfiable' {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, total - Number(m[2]));
    end = total - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? total - 1 : Math.min(Number(m[2]), total - 1);
  }
  if (start > end || start >= total) return 'unsatisfiable';
  return { start, end };
}
