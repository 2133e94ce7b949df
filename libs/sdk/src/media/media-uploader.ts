import type { MsgElement } from '@im/contracts';

import { ImError, SdkErrorCodes } from '../client/im-error';

/** What an upload sends: bytes in memory, or a stream of known size (a file, a socket). */
export type UploadSource =
  Uint8Array | { stream: AsyncIterable<Uint8Array> | Iterable<Uint8Array>; size: number };

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
 * Uploads media to the media service over HTTP (Node: node:http/https; the browser is a later
 * step). The body is streamed with backpressure, `Expect: 100-continue` lets the server refuse
 * before a byte is sent, progress is reported as bytes are written, and an AbortSignal cancels.
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
    const total = source instanceof Uint8Array ? source.length : source.size;
    const chunks = source instanceof Uint8Array ? slices(source) : source.stream;
    const envelope = await send(url, options.contentType, total, chunks, options);
    if (envelope.ActionStatus !== 'OK' || envelope.ErrorCode !== 0)
      throw new ImError(envelope.ErrorCode ?? -1, envelope.ErrorInfo ?? 'upload refused');
    return envelope as unknown as UploadResult;
  }
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
