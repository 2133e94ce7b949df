/** Bounds of message extensions (Tencent's documented limits; docs/rest-api.md §4.11). */
export const ExtensionLimits = {
  /** Key/value pairs one message holds. */
  keysPerMessage: 300,
  /** Pairs one set / delete request names. */
  keysPerRequest: 20,
  /** Bytes of a key (UTF-8). */
  keyBytes: 100,
  /** Bytes of a value (UTF-8). */
  valueBytes: 1000,
  /** Pairs one pull answers (more: pull again from `latestSeq`-ordered `startSeq`). */
  pullMax: 200,
} as const;
