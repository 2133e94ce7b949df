import type { Readable } from 'node:stream';

/** Bytes `start`…`end` of an object, both inclusive (an HTTP Range). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where media bytes are kept. Keys are `<sdkAppId>/<uuid>/<rendition>` (isStorageKey); bodies
 * are streams both ways, so no object is ever held whole in memory by the store.
 */
export interface MediaStorage {
  /** Which backend (`local`, `s3`), for logs and metrics. */
  readonly kind: string;
  /**
   * Stores `body` under `key`; resolves with the bytes written once they are all durable. When
   * the body fails (client gone, limit hit) nothing is left under `key`.
   */
  put(key: string, body: Readable, contentType: string): Promise<{ size: number }>;
  /** The object's bytes, or the range of them; rejects with StorageNotFoundError if absent. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Size of the object, or undefined when absent. */
  stat(key: string): Promise<{ size: number } | undefined>;
  /** Removes the object; absent is not an error. */
  delete(key: string): Promise<void>;
  /** Readiness: the store answers. */
  check(): Promise<void>;
  close(): Promise<void>;
}

export class StorageNotFoundError extends Error {
  constructor(key: string) {
    super(`no object ${key}`);
    this.name = StorageNotFoundError.name;
  }
}

/** Keys the stores accept: path segments of letters, digits, `_` and `-` (never `..`). */
export function isStorageKey(key: string): boolean {
  return /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+){0,4}$/.test(key) && key.length <= 200;
}

export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
}
