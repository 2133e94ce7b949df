import type { IncomingMessage } from 'node:http';

import WebSocket from 'ws';
import type { PerMessageDeflateOptions } from 'ws';

/**
 * permessage-deflate (RFC 7692) at a bounded cost (docs/protocol.md §1). zlib keeps a window of
 * 2^bits bytes per direction, and deflate a hash table besides: with `ws`'s defaults (15 bits,
 * memLevel 8) a connection that once sent a compressed frame kept ~220 KiB for as long as it
 * stayed open. Here:
 * - frames under `threshold` bytes go as they are (most answers, pushes, heartbeats);
 * - both windows are 2^`windowBits` bytes and no context carries over between frames, in
 *   either direction (`server_no_context_takeover`, `client_no_context_takeover`);
 * - so the zlib stream of a frame is released once the frame is done (`releaseZlibStreams`):
 *   an idle connection holds none, whether it negotiated compression or not, and the streams
 *   alive at once are bounded by `ws`'s zlib concurrency limit (10 per process), not by the
 *   number of connections.
 */
export const DeflatePolicy = {
  windowBits: 10,
  memLevel: 4,
  threshold: 1024,
} as const;

/** The `perMessageDeflate` option of the gateway's `WebSocketServer`. */
export function deflateOptions(): PerMessageDeflateOptions {
  return {
    // `ws` applies `threshold` only without server context takeover: with it, every frame
    // would be compressed, against docs/protocol.md §1 (frames under 1 KB go as they are).
    threshold: DeflatePolicy.threshold,
    serverNoContextTakeover: true,
    clientNoContextTakeover: true,
    serverMaxWindowBits: DeflatePolicy.windowBits,
    clientMaxWindowBits: DeflatePolicy.windowBits,
    zlibDeflateOptions: { memLevel: DeflatePolicy.memLevel },
  };
}

/**
 * Keeps only the permessage-deflate offers `ws` accepts with bounded windows: an offer without
 * `client_max_window_bits` cannot be told to use a small window (RFC 7692 §7.1.2.2), and `ws`
 * answers HTTP 400 to one asking for windows smaller than ours. Without an acceptable offer
 * the connection goes uncompressed — never refused.
 */
export function boundDeflateOffer(req: IncomingMessage): void {
  const header = req.headers['sec-websocket-extensions'];
  if (typeof header !== 'string') return;
  const kept = header.split(',').filter((offer) => {
    const [name, ...params] = offer.split(';').map((p) => p.trim());
    if (name.toLowerCase() !== 'permessage-deflate') return true;
    const values = new Map(
      params.map((p) => {
        const [key, value] = p.split('=').map((s) => s.trim().replace(/^"|"$/g, ''));
        return [key.toLowerCase(), value] as const;
      }),
    );
    if (!values.has('client_max_window_bits')) return false;
    const fits = (key: string) => {
      const value = values.get(key);
      return value === undefined || Number(value) >= DeflatePolicy.windowBits;
    };
    return fits('client_max_window_bits') && fits('server_max_window_bits');
  });
  if (kept.length) req.headers['sec-websocket-extensions'] = kept.join(',');
  else delete req.headers['sec-websocket-extensions'];
}

/** The parts of `ws`'s PerMessageDeflate (8.x) this file relies on. */
interface DeflateInternals {
  _isServer: boolean;
  params: Record<string, unknown> | null;
  _deflate: { close(): void } | null;
  _inflate: { close(): void } | null;
  _compress(data: unknown, fin: boolean, callback: (err: unknown, result?: Buffer) => void): void;
  _decompress(data: Buffer, fin: boolean, callback: (err: unknown, result?: Buffer) => void): void;
}

let released = false;

/**
 * Makes `ws` close a server connection's zlib stream after each whole frame instead of keeping
 * it (reset) for the connection's lifetime — without context takeover the next frame starts
 * from nothing anyway, so only the memory changes. `ws` serializes the frames of one
 * connection through its compressor, and the stream is closed inside that turn, so no frame
 * is in it. Idempotent; a no-op when `ws` does not look as expected (the spec of this file
 * fails then).
 */
export function releaseZlibStreams(): void {
  if (released) return;
  const proto = (WebSocket as unknown as { PerMessageDeflate?: { prototype: DeflateInternals } })
    .PerMessageDeflate?.prototype;
  if (typeof proto?._compress !== 'function' || typeof proto._decompress !== 'function') return;
  released = true;
  const compress = proto._compress;
  const decompress = proto._decompress;
  proto._compress = function (this: DeflateInternals, data, fin, callback) {
    compress.call(this, data, fin, (err, result) => {
      if (fin && this._isServer && this.params?.server_no_context_takeover && this._deflate) {
        this._deflate.close();
        this._deflate = null;
      }
      callback(err, result);
    });
  };
  proto._decompress = function (this: DeflateInternals, data, fin, callback) {
    decompress.call(this, data, fin, (err, result) => {
      if (fin && this._isServer && this.params?.client_no_context_takeover && this._inflate) {
        this._inflate.close();
        this._inflate = null;
      }
      callback(err, result);
    });
  };
}
