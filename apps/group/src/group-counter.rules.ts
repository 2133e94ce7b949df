// Pure rules of group counters (update/get/delete_group_counter; docs/rest-api.md): which
// types have them, the per-item limits and what an update leaves. Unit-tested in
// group-counter.rules.spec.ts.
import { GroupCounterLimits, utf8Length } from '@im/contracts';
import type { BuiltinGroupType, GroupCounterItem, GroupCounterMode } from '@im/contracts';

import { GroupError } from './group.errors';

/**
 * Tencent documents the counter commands for Private (Work), Public, ChatRoom (Meeting) and
 * AVChatRoom, not for Community (no such type here); its SDK guide says "every type but
 * topics", so BChatRoom (an AVChatRoom variant) has them too. A custom type follows its base.
 */
const COUNTER_TYPES: ReadonlySet<BuiltinGroupType> = new Set<BuiltinGroupType>([
  'Private',
  'Public',
  'ChatRoom',
  'AVChatRoom',
  'BChatRoom',
]);

export function countersSupported(baseType: BuiltinGroupType): boolean {
  return COUNTER_TYPES.has(baseType);
}

/** Keys named by a get or delete: each 1–128 bytes, none twice (10004). */
export function checkedKeys(keys: readonly string[]): void {
  const seen = new Set<string>();
  for (const key of keys) {
    checkKey(key);
    if (seen.has(key)) throw GroupError.invalid(`counter key ${key.slice(0, 40)} is given twice`);
    seen.add(key);
  }
}

function checkKey(key: string): void {
  if (key.length === 0) throw GroupError.invalid('a counter key is empty');
  if (utf8Length(key) > GroupCounterLimits.keyMaxBytes)
    throw GroupError.invalid(
      `counter key ${key.slice(0, 40)} is longer than ${GroupCounterLimits.keyMaxBytes} bytes`,
    );
}

function checkValue(key: string, value: number): void {
  if (
    !Number.isInteger(value) ||
    value > GroupCounterLimits.maxValue ||
    value < GroupCounterLimits.minValue
  )
    throw GroupError.invalid(`the value of counter ${key.slice(0, 40)} is out of range`);
}

/** What an update leaves: every counter after it and the written ones with their new values. */
export interface CounterUpdateResult {
  counters: GroupCounterItem[];
  written: GroupCounterItem[];
  /** Keys whose value is not what it was (new keys included). */
  changedKeys: string[];
}

/**
 * The counters after an update: `set` writes the values, `increase` / `decrease` add /
 * subtract them from the current value (0 for a new key). At least one item, keys checked,
 * values and results within the safe-integer range, at most 20 keys in all (10004 each).
 */
export function applyCounterUpdate(
  current: readonly GroupCounterItem[],
  mode: GroupCounterMode,
  items: readonly GroupCounterItem[],
): CounterUpdateResult {
  if (items.length === 0) throw GroupError.invalid('GroupCounter names no counter');
  checkedKeys(items.map((i) => i.key));
  const after = new Map(current.map((c) => [c.key, c.value]));
  const written: GroupCounterItem[] = [];
  const changedKeys: string[] = [];
  for (const { key, value } of items) {
    checkValue(key, value);
    const before = after.get(key);
    const base = before ?? 0;
    const next = mode === 'set' ? value : mode === 'increase' ? base + value : base - value;
    checkValue(key, next);
    after.set(key, next);
    written.push({ key, value: next });
    if (before !== next) changedKeys.push(key);
  }
  if (after.size > GroupCounterLimits.maxKeys)
    throw GroupError.invalid(
      `a group has at most ${GroupCounterLimits.maxKeys} counters (this update leaves ${after.size})`,
    );
  return { counters: [...after].map(([key, value]) => ({ key, value })), written, changedKeys };
}

/** The counters after removing `keys` (keys the group lacks are ignored) and those removed. */
export function applyCounterDelete(
  current: readonly GroupCounterItem[],
  keys: readonly string[],
): { counters: GroupCounterItem[]; deletedKeys: string[] } {
  if (keys.length === 0) throw GroupError.invalid('GroupCounterKeys names no counter');
  checkedKeys(keys);
  const gone = new Set(keys);
  return {
    counters: current.filter((c) => !gone.has(c.key)),
    deletedKeys: current.filter((c) => gone.has(c.key)).map((c) => c.key),
  };
}

/** The counters a get answers: all of them, or those named (in that order; unknown skipped). */
export function selectCounters(
  current: readonly GroupCounterItem[],
  keys: readonly string[] | undefined,
): GroupCounterItem[] {
  if (!keys?.length) return [...current];
  checkedKeys(keys);
  const byKey = new Map(current.map((c) => [c.key, c.value]));
  return keys.flatMap((key) => {
    const value = byKey.get(key);
    return value === undefined ? [] : [{ key, value }];
  });
}
