import { ProfileTags } from '@im/contracts';
import type { FieldAccessParty, ProfileCustomFieldDeclaration, ProfileItem } from '@im/contracts';

import { isStandardField, lookUpTag, valueProblem } from './profile-fields.rules';
import type { FieldProblem, ProfileField } from './profile-fields.rules';
import { canRead, fieldWriteProblem } from './profile-permissions.rules';
import { effectiveValue } from './profile-values.rules';
import type { ProfileValue, ProfileValues } from './profile-values.rules';

/** One checked item of a portrait_set. */
export interface FieldWrite {
  field: ProfileField;
  value: ProfileValue;
}

/**
 * Checks the items of a portrait_set in request order and stops at the first problem (the
 * call is all or nothing, PRF-24): the tag (40001 malformed, 40009 unknown), then the write
 * permission (40008), then the value (40610, 40601, 40605).
 */
export function checkWrites(
  items: readonly ProfileItem[],
  declarations: readonly ProfileCustomFieldDeclaration[],
  party: FieldAccessParty,
): { writes: FieldWrite[] } | { problem: FieldProblem } {
  const writes: FieldWrite[] = [];
  for (const item of items) {
    const lookup = lookUpTag(item.tag, declarations);
    if ('problem' in lookup) return lookup;
    const problem =
      fieldWriteProblem(lookup.field, party) ?? valueProblem(lookup.field, item.value);
    if (problem) return { problem };
    writes.push({ field: lookup.field, value: item.value });
  }
  return { writes };
}

/** The standard fields that hold text people read (Image is a URL, the rest are choices). */
const TEXT_FIELDS = new Set<string>([
  ProfileTags.Nick,
  ProfileTags.SelfSignature,
  ProfileTags.Location,
]);

/**
 * The written texts sensitive words apply to (40005, docs/rest-api.md §9.1), as `[tag, text]`
 * in request order: Nick, SelfSignature, Location and the custom `string` fields (custom
 * `bytes` fields are opaque data, not text).
 */
export function screenedTexts(writes: readonly FieldWrite[]): [string, string][] {
  return writes.flatMap(({ field, value }): [string, string][] =>
    typeof value === 'string' &&
    (isStandardField(field) ? TEXT_FIELDS.has(field.tag) : field.type === 'string')
      ? [[field.tag, value]]
      : [],
  );
}

/**
 * The fields a portrait_get returns, in request order without repeats: a malformed or unknown
 * tag fails the whole call (40001 / 40009); a field the caller may not read is left out
 * (PRF-6, PRF-23).
 */
export function readableFields(
  tags: readonly string[],
  declarations: readonly ProfileCustomFieldDeclaration[],
  party: FieldAccessParty,
): { fields: ProfileField[] } | { problem: FieldProblem } {
  const fields: ProfileField[] = [];
  for (const tag of new Set(tags)) {
    const lookup = lookUpTag(tag, declarations);
    if ('problem' in lookup) return lookup;
    if (canRead(lookup.field, party)) fields.push(lookup.field);
  }
  return { fields };
}

export interface ProfileChange {
  /** The profile's values after the writes. */
  next: ProfileValues;
  /** Fields whose value (as a reader sees it) changed, with the new value, in request order. */
  changed: ProfileItem[];
  /** Whether a "push on update" (standard) field changed (PRF-16). */
  standardChanged: boolean;
}

/**
 * Applies checked writes to the current values; a tag given twice takes its last value.
 * A write of what a reader already sees (the same value, or a standard field's default while
 * unset) is no change.
 */
export function applyWrites(current: ProfileValues, writes: readonly FieldWrite[]): ProfileChange {
  const next: ProfileValues = new Map(current);
  for (const { field, value } of writes) next.set(field.tag, value);
  const changed: ProfileItem[] = [];
  let standardChanged = false;
  const seen = new Set<string>();
  for (const { field } of writes) {
    if (seen.has(field.tag)) continue;
    seen.add(field.tag);
    const after = effectiveValue(field, next);
    if (after === undefined || after === effectiveValue(field, current)) continue;
    changed.push({ tag: field.tag, value: after });
    standardChanged ||= field.pushOnUpdate;
  }
  return { next, changed, standardChanged };
}
