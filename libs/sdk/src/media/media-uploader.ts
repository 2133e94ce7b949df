import type { MsgElement } from '@im/contracts';

import { ImError, SdkErrorCodes } from '../client/im-error';

/**
 * What an upload sends: bytes in memory, a `Blob` / `File` (in a browser the file picker's; read
 * from disk as it is sent), or a stream of known size (a file, a socket; in a browser it is
 * gathered into a Blob first).
 */
export type UploadSource =
  Uint8Array | Blob | { stream: AsyncIterable<Uint8Array> | Iterable<Uint8Array>; size: number };

export type MediaKind = 'image' | 'file' | 'sound' | 'video';

export interface UploadProgress {
  /** Bytes handed to the connection so far. */
  loaded: number;
  total: number;
}

export interface UploadOptions {
  /** The type the bytes are (`image/png`); the server checks it against them. */
  contentType: string;
  /** Kept as the file element's `FileName`. */
  fileName?: string;
  /** Length of a sound or video, in seconds. */
  second?: number;
  /** Aborting cancels the upload (rejects with SdkErrorCodes.Aborted; nothing is kept). */
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
}

/** The answer of `POST /media/v1/upload` (docs/protocol.md §14.1). */
export interface UploadResult {
  UUID: string;
  Kind: MediaKind;
  ContentType: string;
  Size: number;
  /** The element to send: `TIMImageElem`, `TIMFileElem`, `TIMSoundElem`, `TIMVideoFileElem`. */
  Element: MsgElement;
}

export interface MediaUploaderOptions {
  /** Base URL of the media service, e.g. `http://127.0.0.1:8082` (the launcher prints it). */
  url: string;
  sdkAppId: number;
  userId: string;
  /** A UserSig, or a function that returns a fresh one (called at every upload). */
  userSig: string | (() => string | Promise<string>);
}

interface Envelope {
  ActionStatus?: string;
  ErrorCode?: number;
  ErrorInfo?: string;
}

const CHUNK = 256 * 1024;

function* slices(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
}

/**
 * Uploads media to the media service over HTTP. In Node (node:http/https) the body is streamed
 * with backpressure, `Expect: 100-continue` lets the server refuse before a byte is sent, and
 * progress is reported as bytes are written. In a browser (where `XMLHttpRequest` exists) the
 * body is a Blob the browser streams from disk, progress comes from `xhr.upload` events, and
 * the server's refusal arrives as soon as it is made (a browser may not send `Expect`); XHR
 * rather than fetch because a streamed fetch body needs HTTP/2 in Chromium and reports no
 * progress. Either way an AbortSignal cancels and nothing of a cancelled upload is kept.
 */
export class MediaUploader {
  constructor(private readonly options: MediaUploaderOptions) {}

  async upload(
    kind: MediaKind,
    source: UploadSource,
    options: UploadOptions,
  ): Promise<UploadResult> {
    const { signal } = options;
    if (signal?.aborted) throw aborted();
    const userSig =
      typeof this.options.userSig === 'function'
        ? await this.options.userSig()
        : this.options.userSig;
    const url = new URL('/media/v1/upload', this.options.url);
    const query: Record<string, string> = {
      sdkappid: String(this.options.sdkAppId),
      identifier: this.options.userId,
      usersig: userSig,
      kind,
    };
    if (options.fileName) query.name = options.fileName;
    if (options.second !== undefined) query.second = String(options.second);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const Xhr = (globalThis as { XMLHttpRequest?: XhrConstructor }).XMLHttpRequest;
    const envelope = Xhr
      ? await sendXhr(Xhr, url, options.contentType, await asBlob(source), options)
      : await send(url, options.contentType, sizeOf(source), chunksOf(source), options);
    if (envelope.ActionStatus !== 'OK' || envelope.ErrorCode !== 0)
      throw new ImError(envelope.ErrorCode ?? -1, envelope.ErrorInfo ?? 'upload refused');
    return envelope as unknown as UploadResult;
  }
}

function sizeOf(source: UploadSource): number {
  return source instanceof Uint8Array ? source.length : source.size;
}

function chunksOf(source: UploadSource): AsyncIterable<Uint8Array> | Iterable<Uint8Array> {
  if (source instanceof Uint8Array) return slices(source);
  if (isBlob(source)) return blobChunks(source);
  return source.stream;
}

function isBlob(source: UploadSource): source is Blob {
  return typeof Blob === 'function' && source instanceof Blob;
}

async function* blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < blob.size; i += CHUNK)
    yield new Uint8Array(await blob.slice(i, i + CHUNK).arrayBuffer());
}

/** The source as a Blob for XHR; a stream must deliver exactly its declared size. */
async function asBlob(source: UploadSource): Promise<Blob> {
  if (isBlob(source)) return source;
  if (source instanceof Uint8Array) return new Blob([source]);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for await (const chunk of source.stream) parts.push(new Uint8Array(chunk));
  const blob = new Blob(parts);
  if (blob.size !== source.size)
    throw new ImError(-1, `the stream gave ${blob.size} bytes, not the ${source.size} declared`);
  return blob;
}

/** The part of the browser's XMLHttpRequest the upload uses (the SDK builds without DOM types). */
interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
  responseType: string;
  readonly responseText: string;
  readonly status: number;
  readonly upload: { onprogress: ((e: { loaded: number }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}
type XhrConstructor = new () => XhrLike;

/** The browser's upload: XMLHttpRequest with a Blob body, its progress and abort. */
function sendXhr(
  Xhr: XhrConstructor,
  url: URL,
  contentType: string,
  body: Blob,
  options: UploadOptions,
): Promise<Envelope> {
  return new Promise<Envelope>((resolve, reject) => {
    const xhr = new Xhr();
    let settled = false;
    const finish = (err: Error | undefined, value?: Envelope) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(value as Envelope);
    };
    const onAbort = () => {
      xhr.abort();
      finish(aborted());
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    xhr.open('POST', url.toString());
    xhr.setRequestHeader('content-type', contentType);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => options.onProgress?.({ loaded: e.loaded, total: body.size });
    xhr.onload = () => {
      try {
        finish(undefined, JSON.parse(xhr.responseText) as Envelope);
      } catch {
        finish(new ImError(-1, `the media service answered HTTP ${xhr.status} without JSON`));
      }
    };
    xhr.onerror = () => finish(new ImError(SdkErrorCodes.Disconnected, 'the upload failed'));
    xhr.onabort = () => finish(aborted());
    xhr.send(body);
  });
}

/** Resolves when the request can take more (or is gone); leaves no listener behind. */
function drained(req: import('node:http').ClientRequest): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.on('drain', done);
    req.on('close', done);
  });
}

function aborted(): ImError {
  return new ImError(SdkErrorCodes.Aborted, 'upload cancelled');
}

async function send(
  url: URL,
  contentType: string,
  total: number,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: UploadOptions,
): Promise<Envelope> {
  const http = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise<Envelope>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | undefined, value?: Envelope) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(value as Envelope);
    };
    const req = http.request(url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'content-length': String(total),
        expect: '100-continue',
      },
    });
    const onAbort = () => {
      req.destroy();
      finish(aborted());
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) => finish(new ImError(SdkErrorCodes.Disconnected, err.message)));
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= 64 * 1024) parts.push(chunk);
      });
      res.on('error', (err) => finish(new ImError(SdkErrorCodes.Disconnected, err.message)));
      res.on('end', () => {
        try {
          finish(undefined, JSON.parse(Buffer.concat(parts).toString('utf8')) as Envelope);
        } catch {
          finish(new ImError(-1, `the media service answered HTTP ${res.statusCode} without JSON`));
        }
        req.destroy();
      });
    });
    req.on('continue', () => {
      void (async () => {
        let loaded = 0;
        for await (const chunk of chunks) {
          if (settled || req.destroyed) return;
          const more = req.write(chunk);
          loaded += chunk.length;
          options.onProgress?.({ loaded, total });
          if (!more) await drained(req);
        }
        req.end();
      })().catch((err: Error) => {
        req.destroy();
        finish(
          new ImError(SdkErrorCodes.Disconnected, `reading the upload failed: ${err.message}`),
        );
      });
    });
    req.flushHeaders();
  });
}
