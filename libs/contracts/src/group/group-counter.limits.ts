/**
 * Limits of group counters (`update_group_counter`, docs/rest-api.md): at most 20 keys per group,
 * a key of 1 to 128 bytes, a value a signed integer. Tencent stores 64-bit values; JSON numbers
 * here are exact only within ±(2^53 − 1), so values (and results of increase/decrease) are kept
 * in that range (10004 outside it).
 */
export const GroupCounterLimits = {
  maxKeys: 20,
  keyMaxBytes: 128,
  maxValue: Number.MAX_SAFE_INTEGER,
  minValue: Number.MIN_SAFE_INTEGER,
  /** Items one request may carry before the per-item rules run (bounds the work). */
  requestMaxItems: 100,
} as const;

/** `Mode` of update_group_counter: set the values, or add / subtract them (absent key = 0). */
export const GroupCounterModes = ['set', 'increase', 'decrease'] as const;
export type GroupCounterMode = (typeof GroupCounterModes)[number];

/** What changed a group's counters: an update in one of the modes, or a deletion of keys. */
export const GroupCounterOps = [...GroupCounterModes, 'delete'] as const;
export type GroupCounterOp = (typeof GroupCounterOps)[number];
