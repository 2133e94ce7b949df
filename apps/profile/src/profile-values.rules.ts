import type { ProfileItem } from '@im/contracts';

import { isStandardField, STANDARD_FIELDS, standardField } from './profile-fields.rules';
import type { ProfileField } from './profile-fields.rules';
import type { ProfileValueColumns, StoredCustomValue } from './profile.schema';

/** A field value as it travels: a string (string and bytes types) or a number (integers). */
export type ProfileValue = string | number;

/** The fields a profile has set, by tag; a field never set is absent. */
export type ProfileValues = Map<string, ProfileValue>;

/**
 * What a reader sees for a field: the value set, else for a standard field its default
 * (PRF-9, PRF-11, PRF-12, PRF-13: Gender_Type_Unknown, AllowType_Type_NeedConfirm,
 * AdminForbid_Type_None, MsgSettings 0; "" for the other strings, 0 for the other integers);
 * a custom field never set has no value (undefined).
 */
export function effectiveValue(
  field: ProfileField,
  values: ProfileValues,
): ProfileValue | undefined {
  const value = values.get(field.tag);
  if (value !== undefined) return value;
  return isStandardField(field) ? field.default : undefined;
}

/** The values a row holds (no row: nothing set). */
export function valuesOfRow(row: ProfileValueColumns | undefined): ProfileValues {
  const values: ProfileValues = new Map();
  if (!row) return values;
  for (const field of STANDARD_FIELDS) {
    const stored = row[field.column];
    if (stored === null || stored === undefined) continue;
    values.set(field.tag, Buffer.isBuffer(stored) ? stored.toString('utf8') : stored);
  }
  for (const [tag, stored] of Object.entries(row.custom)) values.set(tag, decodeCustom(stored));
  return values;
}

/** The columns that store `values` (fields not in it are NULL / absent from `custom`). */
export function rowOfValues(values: ProfileValues): ProfileValueColumns {
  const columns: Record<string, unknown> = {};
  for (const field of STANDARD_FIELDS) columns[field.column] = null;
  const custom: Record<string, StoredCustomValue> = {};
  for (const [tag, value] of values) {
    const field = standardField(tag);
    if (!field) custom[tag] = encodeCustom(String(value));
    else if (field.column === 'location') columns.location = Buffer.from(String(value), 'utf8');
    else columns[field.column] = value;
  }
  return { ...columns, custom } as ProfileValueColumns;
}

/** jsonb cannot hold U+0000: such a value is kept as base64 of its UTF-8. */
export function encodeCustom(value: string): StoredCustomValue {
  return value.includes('\u0000') ? { b64: Buffer.from(value, 'utf8').toString('base64') } : value;
}

export function decodeCustom(stored: StoredCustomValue): string {
  return typeof stored === 'string' ? stored : Buffer.from(stored.b64, 'base64').toString('utf8');
}

/** The items of `fields` a reader sees, in the given order (custom fields never set omitted). */
export function itemsOf(fields: readonly ProfileField[], values: ProfileValues): ProfileItem[] {
  const items: ProfileItem[] = [];
  for (const field of fields) {
    const value = effectiveValue(field, values);
    if (value !== undefined) items.push({ tag: field.tag, value });
  }
  return items;
}
