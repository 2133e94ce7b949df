// Pure rules of the group service besides the type matrix: group IDs, custom fields, mute
// arithmetic, member limits. Unit-tested in group.rules.spec.ts.
import { randomInt } from 'node:crypto';

import {
  ErrorCode,
  GROUP_CUSTOM_KEY,
  GroupLimits,
  OfficialAccountLimits,
  TopicLimits,
  utf8Length,
} from '@im/contracts';
import type {
  GroupCustomDataItem,
  GroupCustomFieldDeclaration,
  GroupFieldLevel,
  GroupMemberCustomFieldDeclaration,
} from '@im/contracts';

import { GroupError } from './group.errors';
import { fieldLevelAllows, memberFieldAllows } from './group-permissions.rules';
import type { ActorRank } from './group-permissions.rules';

/** Epoch seconds now. */
export function nowSeconds(now = Date.now()): number {
  return Math.floor(now / 1000);
}

// ---------------------------------------------------------------------------------------------
// Group IDs (GRP-23, GRP-24)

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const GENERATED_ID_LENGTH = 10;

/** A platform-assigned ID: `@TGS#` and 10 random upper-case letters or digits. */
export function generateGroupId(random: (max: number) => number = randomInt): string {
  let id: string = GroupLimits.generatedIdPrefix;
  for (let i = 0; i < GENERATED_ID_LENGTH; i++) id += ID_ALPHABET[random(ID_ALPHABET.length)];
  return id;
}

/** Why a custom group ID is refused (GRP-24), or null when it is fine. */
export function customGroupIdProblem(id: string): string | null {
  if (id.length === 0) return 'the group ID is empty';
  if (!/^[\x20-\x7e]+$/.test(id)) return 'a group ID is printable ASCII (0x20-0x7e) only';
  if (id.length > GroupLimits.groupIdMaxBytes)
    return `a group ID has at most ${GroupLimits.groupIdMaxBytes} bytes`;
  if (id.startsWith(GroupLimits.generatedIdPrefix))
    return `a custom group ID may not start with ${GroupLimits.generatedIdPrefix}`;
  if (id.startsWith(OfficialAccountLimits.idPrefix))
    return `${OfficialAccountLimits.idPrefix} names official accounts, not groups`;
  if (id.includes(TopicLimits.idInfix)) return `${TopicLimits.idInfix} names topics, not groups`;
  return null;
}

/** Whether a string could name a group at all (lookups answer 10015 otherwise). */
export function isPossibleGroupId(id: string): boolean {
  return (
    id.length > 0 && utf8Length(id) <= GroupLimits.groupIdMaxBytes && /^[\x20-\x7e]+$/.test(id)
  );
}

// ---------------------------------------------------------------------------------------------
// Mute (GRP-45, AMB-8): seconds; 0 unmutes; 4294967295 is permanent

/** The `muteUntil` a mute of `seconds` gives at `now` (epoch seconds). */
export function muteUntilFor(now: number, seconds: number): number {
  if (seconds <= 0) return 0;
  if (seconds >= GroupLimits.mutePermanent) return GroupLimits.mutePermanent;
  return Math.min(now + seconds, GroupLimits.mutePermanent);
}

export function isMuted(muteUntil: number, now: number): boolean {
  return muteUntil > now;
}

// ---------------------------------------------------------------------------------------------
// Custom fields (GRP-26 … GRP-33)

export type CustomData = Record<string, string>;

/** The declarations of one group type, by key (aliases resolved by the caller). */
export function declarationsFor<D extends GroupCustomFieldDeclaration>(
  declarations: readonly D[] | undefined,
  type: string,
): Map<string, D> {
  const out = new Map<string, D>();
  for (const d of declarations ?? []) if (d.groupTypes.includes(type)) out.set(d.key, d);
  return out;
}

/**
 * Checks a write of group custom fields: declared keys for the type (10004), values within
 * 512 bytes (10004), write level (10007). Returns the new map; an empty value deletes a key.
 */
export function applyGroupCustomData(
  current: CustomData,
  items: readonly GroupCustomDataItem[],
  declarations: Map<string, GroupCustomFieldDeclaration>,
  rank: ActorRank,
): { data: CustomData; changedKeys: string[] } {
  return applyCustomData(current, items, GroupLimits.groupCustomValueMaxBytes, (key) => {
    const d = declarations.get(key);
    if (!d) return 'undeclared';
    return fieldLevelAllows(d.writeLevel, rank) ? 'ok' : 'forbidden';
  });
}

/** As `applyGroupCustomData` for member fields (64 bytes; self flags on one's own record). */
export function applyMemberCustomData(
  current: CustomData,
  items: readonly GroupCustomDataItem[],
  declarations: Map<string, GroupMemberCustomFieldDeclaration>,
  rank: ActorRank,
  isSelf: boolean,
): { data: CustomData; changedKeys: string[] } {
  return applyCustomData(current, items, GroupLimits.memberCustomValueMaxBytes, (key) => {
    const d = declarations.get(key);
    if (!d) return 'undeclared';
    return memberFieldAllows(d, 'write', rank, isSelf) ? 'ok' : 'forbidden';
  });
}

function applyCustomData(
  current: CustomData,
  items: readonly GroupCustomDataItem[],
  maxBytes: number,
  access: (key: string) => 'ok' | 'undeclared' | 'forbidden',
): { data: CustomData; changedKeys: string[] } {
  const data = { ...current };
  const changed = new Set<string>();
  for (const { key, value } of items) {
    if (!GROUP_CUSTOM_KEY.test(key))
      throw new GroupError(
        ErrorCode.GroupInvalidParameter,
        `custom key ${key} must be 1..16 letters, digits or underscores`,
      );
    const verdict = access(key);
    if (verdict === 'undeclared')
      throw new GroupError(
        ErrorCode.GroupInvalidParameter,
        `custom key ${key} is not declared for this group type`,
      );
    if (verdict === 'forbidden')
      throw new GroupError(ErrorCode.GroupPermissionDenied, `no write permission on ${key}`);
    if (utf8Length(value) > maxBytes)
      throw new GroupError(
        ErrorCode.GroupInvalidParameter,
        `the value of ${key} is longer than ${maxBytes} bytes`,
      );
    if (value === '') {
      if (key in data) changed.add(key);
      delete data[key];
    } else if (data[key] !== value) {
      data[key] = value;
      changed.add(key);
    }
  }
  return { data, changedKeys: [...changed] };
}

/** The requested keys the actor may read, in request order (unknown keys are left out). */
export function readableCustomData(
  data: CustomData,
  keys: readonly string[] | undefined,
  canRead: (key: string) => boolean,
): GroupCustomDataItem[] {
  if (!keys) return [];
  const out: GroupCustomDataItem[] = [];
  for (const key of new Set(keys))
    if (key in data && canRead(key)) out.push({ key, value: data[key] });
  return out;
}

/** Read check of a group field (`Anyone` lets non-members read). */
export function canReadGroupField(
  declarations: Map<string, GroupCustomFieldDeclaration>,
  key: string,
  rank: ActorRank,
): boolean {
  const d = declarations.get(key);
  return !!d && fieldLevelAllows(d.readLevel, rank);
}

export function levelAllows(level: GroupFieldLevel, rank: ActorRank): boolean {
  return fieldLevelAllows(level, rank);
}

// ---------------------------------------------------------------------------------------------
// Misc

/** Distinct values in first-seen order. */
export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** UTC calendar day of an instant, `YYYY-MM-DD` (AMB-11: the quota day is a UTC day). */
export function utcDay(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}
