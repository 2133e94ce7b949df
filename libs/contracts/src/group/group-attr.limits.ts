/**
 * Limits of group attributes (`set_group_attr` / `modify_group_attr`, docs/rest-api.md): at most
 * 16 keys, a key of at most 32 bytes, a value of at most 4,000 bytes, keys and values together
 * at most 16 KB. Writes of one group are limited to 5 a second (10049).
 */
export const GroupAttrLimits = {
  maxKeys: 16,
  keyMaxBytes: 32,
  valueMaxBytes: 4000,
  totalMaxBytes: 16 * 1024,
  writesPerSecond: 5,
  /** Items one request may carry before the per-item rules run (bounds the work). */
  requestMaxItems: 100,
} as const;

/** What a write does: replace all, upsert the given keys, remove all, remove the given keys. */
export const GroupAttrOps = ['set', 'modify', 'clear', 'delete'] as const;
export type GroupAttrOp = (typeof GroupAttrOps)[number];
