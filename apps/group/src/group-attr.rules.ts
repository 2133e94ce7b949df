// Pure rules of group attributes (set/modify/clear/delete_group_attr, get_group_attr;
// docs/rest-api.md): which types have them, the per-item limits and what a write leaves.
// Unit-tested in group-attr.rules.spec.ts.
import { ErrorCode, GroupAttrLimits, utf8Length } from '@im/contracts';
import type { BuiltinGroupType, GroupAttrItem, GroupAttrOp } from '@im/contracts';

import { GroupError } from './group.errors';

/**
 * The types Tencent documents the attribute commands for: Private (Work), Public, ChatRoom
 * (Meeting) and AVChatRoom (and Community, which this platform has no type for). BChatRoom is
 * not among them; a custom type follows its base type.
 */
const ATTR_TYPES: ReadonlySet<BuiltinGroupType> = new Set<BuiltinGroupType>([
  'Private',
  'Public',
  'ChatRoom',
  'AVChatRoom',
]);

export function attrsSupported(baseType: BuiltinGroupType): boolean {
  return ATTR_TYPES.has(baseType);
}

/** What a write leaves: every attribute after it and the keys whose value changed or went. */
export interface AttrWriteResult {
  attrs: GroupAttrItem[];
  changedKeys: string[];
}

/** The write's items, checked one by one (empty or duplicate key 10004, 10045, 10046). */
export function checkedItems(op: GroupAttrOp, items: readonly GroupAttrItem[] = []): void {
  // `set` with nothing replaces everything with nothing; modify and delete need a key.
  if ((op === 'modify' || op === 'delete') && items.length === 0)
    throw GroupError.invalid('GroupAttr names no attribute');
  const seen = new Set<string>();
  for (const { key, value } of items) {
    if (key.length === 0) throw GroupError.invalid('an attribute key is empty');
    if (utf8Length(key) > GroupAttrLimits.keyMaxBytes)
      throw new GroupError(
        ErrorCode.GroupAttributeKeyTooLong,
        `attribute key ${key.slice(0, 40)} is longer than ${GroupAttrLimits.keyMaxBytes} bytes`,
      );
    if (op !== 'delete' && utf8Length(value) > GroupAttrLimits.valueMaxBytes)
      throw new GroupError(
        ErrorCode.GroupAttributeValueTooLong,
        `the value of ${key} is longer than ${GroupAttrLimits.valueMaxBytes} bytes`,
      );
    if (seen.has(key)) throw GroupError.invalid(`attribute key ${key} is given twice`);
    seen.add(key);
  }
}

/** The attributes after `op` (per `checkedItems` first), within the count and size limits. */
export function applyAttrWrite(
  current: readonly GroupAttrItem[],
  op: GroupAttrOp,
  items: readonly GroupAttrItem[] = [],
): AttrWriteResult {
  checkedItems(op, items);
  const before = new Map(current.map((a) => [a.key, a.value]));
  let after: Map<string, string>;
  switch (op) {
    case 'set':
      after = new Map(items.map((a) => [a.key, a.value]));
      break;
    case 'modify':
      after = new Map(before);
      for (const { key, value } of items) after.set(key, value);
      break;
    case 'clear':
      after = new Map();
      break;
    case 'delete': {
      const missing = items.find((a) => !before.has(a.key));
      if (missing)
        throw new GroupError(
          ErrorCode.GroupAttributeKeyNotFound,
          `attribute ${missing.key} does not exist`,
        );
      after = new Map(before);
      for (const { key } of items) after.delete(key);
      break;
    }
  }
  assertWithinLimits(after);
  const changedKeys = [...new Set([...before.keys(), ...after.keys()])].filter(
    (key) => before.get(key) !== after.get(key),
  );
  return { attrs: [...after].map(([key, value]) => ({ key, value })), changedKeys };
}

/** At most 16 keys (10047) and 16 KB of keys and values (10048). */
function assertWithinLimits(attrs: ReadonlyMap<string, string>): void {
  if (attrs.size > GroupAttrLimits.maxKeys)
    throw new GroupError(
      ErrorCode.GroupAttributeTooManyKeys,
      `a group has at most ${GroupAttrLimits.maxKeys} attributes (this write leaves ${attrs.size})`,
    );
  let total = 0;
  for (const [key, value] of attrs) total += utf8Length(key) + utf8Length(value);
  if (total > GroupAttrLimits.totalMaxBytes)
    throw new GroupError(
      ErrorCode.GroupAttributesTooLarge,
      `a group's attributes hold at most ${GroupAttrLimits.totalMaxBytes} bytes (this write leaves ${total})`,
    );
}
