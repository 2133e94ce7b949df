import {
  AdminForbidTypes,
  AllowTypes,
  DEFAULT_ADMIN_FORBID_TYPE,
  DEFAULT_ALLOW_TYPE,
  ErrorCode,
  Genders,
  PROFILE_CUSTOM_TAG_PATTERN,
  PROFILE_CUSTOM_TAG_PREFIX,
  PROFILE_TAG_PATTERN,
  ProfileLimits,
  ProfileTags,
  utf8Length,
} from '@im/contracts';
import type {
  FieldAccessParty,
  ProfileCustomFieldDeclaration,
  StandardProfileTag,
} from '@im/contracts';

import type { StandardColumn } from './profile.schema';

/**
 * Value types (PRF-3). `string` is text and refuses U+0000 (PostgreSQL text cannot hold it);
 * `bytes` is opaque: any JSON string, U+0000 included. Both travel as JSON strings and are
 * measured in UTF-8 bytes (AMB-3). Integers travel as JSON numbers.
 */
export type ProfileFieldType = 'string' | 'bytes' | 'uint32' | 'uint64';

/** What a value of a field may be, and who may read and write it (PRF-5). */
export interface ProfileField {
  tag: string;
  type: ProfileFieldType;
  /** Longest accepted value in UTF-8 bytes (string and bytes types). */
  maxBytes?: number;
  /** The only accepted values (enumerations). */
  values?: readonly string[];
  read: readonly FieldAccessParty[];
  write: readonly FieldAccessParty[];
  /** A change notifies the user's friends and devices (PRF-16): every standard field. */
  pushOnUpdate: boolean;
}

export interface StandardField extends ProfileField {
  tag: StandardProfileTag;
  column: StandardColumn;
  /** What a user who never set the field reads (README, "Defaults"). */
  default: string | number;
}

/** A refusal: the code of docs/error-codes.md §7 and a short reason. */
export interface FieldProblem {
  code: number;
  message: string;
}

export const UINT32_MAX = 0xffffffff;
export const UINT64_MAX = 18_446_744_073_709_551_615n;

const BOTH: readonly FieldAccessParty[] = ['App', 'AppAdmin'];
const ADMIN_ONLY: readonly FieldAccessParty[] = ['AppAdmin'];
const MAX = ProfileLimits.valueMaxBytes;
/** PRF-10. */
export const LOCATION_MAX_BYTES = 16;

function text(tag: StandardProfileTag, column: StandardColumn, maxBytes: number): StandardField {
  return {
    tag,
    column,
    type: 'string',
    maxBytes,
    read: BOTH,
    write: BOTH,
    pushOnUpdate: true,
    default: '',
  };
}

function choice(
  tag: StandardProfileTag,
  column: StandardColumn,
  values: readonly string[],
  fallback: string,
  write = BOTH,
): StandardField {
  return {
    tag,
    column,
    type: 'string',
    values,
    read: BOTH,
    write,
    pushOnUpdate: true,
    default: fallback,
  };
}

function uint32(tag: StandardProfileTag, column: StandardColumn): StandardField {
  return { tag, column, type: 'uint32', read: BOTH, write: BOTH, pushOnUpdate: true, default: 0 };
}

/**
 * The standard fields (PRF-7 … PRF-14), as data. Permissions: PRF-6 / AMB-20 (read by users
 * and the App admin, written by the owner and the App admin; AdminForbidType by the App admin
 * only). Location is a string on the wire but opaque bytes (AMB-22).
 */
export const STANDARD_FIELDS: readonly StandardField[] = [
  text(ProfileTags.Nick, 'nick', MAX),
  choice(ProfileTags.Gender, 'gender', Genders, 'Gender_Type_Unknown'),
  uint32(ProfileTags.BirthDay, 'birthDay'),
  { ...text(ProfileTags.Location, 'location', LOCATION_MAX_BYTES), type: 'bytes' },
  text(ProfileTags.SelfSignature, 'selfSignature', MAX),
  choice(ProfileTags.AllowType, 'allowType', AllowTypes, DEFAULT_ALLOW_TYPE),
  uint32(ProfileTags.Language, 'language'),
  text(ProfileTags.Image, 'image', MAX),
  uint32(ProfileTags.MsgSettings, 'msgSettings'),
  choice(
    ProfileTags.AdminForbidType,
    'adminForbidType',
    AdminForbidTypes,
    DEFAULT_ADMIN_FORBID_TYPE,
    ADMIN_ONLY,
  ),
  uint32(ProfileTags.Level, 'level'),
  uint32(ProfileTags.Role, 'role'),
];

const BY_TAG = new Map<string, StandardField>(STANDARD_FIELDS.map((f) => [f.tag, f]));

export function standardField(tag: string): StandardField | undefined {
  return BY_TAG.get(tag);
}

export function isStandardField(field: ProfileField): field is StandardField {
  return BY_TAG.get(field.tag) === field;
}

/** A declared custom field (PRF-17 … PRF-19): string or bytes, at most 500 bytes. */
export function customField(declaration: ProfileCustomFieldDeclaration): ProfileField {
  return {
    tag: declaration.key,
    type: declaration.type,
    maxBytes: MAX,
    read: declaration.read,
    write: declaration.write,
    pushOnUpdate: false,
  };
}

/** The outcome of looking a tag up: the field, or why there is none. */
export type TagLookup = { field: ProfileField } | { problem: FieldProblem };

/**
 * Finds the field a tag names. A key outside PRF-2 (letters, digits, underscore) is a
 * malformed request: 40001. A well-formed key that names no standard field and no custom
 * field the app declared (PRF-21) — including `Tag_Profile_Custom_` keys PRF-18 does not allow,
 * which no app can declare — does not exist: 40009.
 */
export function lookUpTag(
  tag: string,
  declarations: readonly ProfileCustomFieldDeclaration[],
): TagLookup {
  if (!PROFILE_TAG_PATTERN.test(tag)) {
    return {
      problem: {
        code: ErrorCode.ProfileInvalidParameters,
        message: `tag ${JSON.stringify(tag)} may hold only letters, digits and underscore`,
      },
    };
  }
  const standard = standardField(tag);
  if (standard) return { field: standard };
  if (PROFILE_CUSTOM_TAG_PATTERN.test(tag)) {
    const declared = declarations.find((d) => d.key === tag);
    if (declared) return { field: customField(declared) };
    return {
      problem: { code: ErrorCode.ProfileTagNotFound, message: `${tag} is not declared by the app` },
    };
  }
  const hint = tag.startsWith(PROFILE_CUSTOM_TAG_PREFIX)
    ? ` (a custom key is ${PROFILE_CUSTOM_TAG_PREFIX} + 1..8 English letters)`
    : '';
  return {
    problem: { code: ErrorCode.ProfileTagNotFound, message: `${tag} does not exist${hint}` },
  };
}

/** A lone UTF-16 surrogate: not Unicode text, so it would not survive UTF-8 storage. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why `value` cannot be written to `field`, or undefined when it can (PRF-3, PRF-4, PRF-8 …
 * PRF-14, PRF-19). Codes: wrong JSON type (a number for a string field, a string or a
 * fraction for an integer field) 40610; string or bytes longer than the field allows 40601;
 * anything else the field does not accept (enumeration value, integer out of range, U+0000 in
 * text, broken Unicode) 40605.
 */
export function valueProblem(field: ProfileField, value: unknown): FieldProblem | undefined {
  switch (field.type) {
    case 'string':
    case 'bytes':
      return stringProblem(field, value);
    case 'uint32':
      return integerProblem(field, value, UINT32_MAX);
    case 'uint64':
      return integerProblem(field, value, UINT64_MAX);
  }
}

function stringProblem(field: ProfileField, value: unknown): FieldProblem | undefined {
  if (typeof value !== 'string') return wrongType(field, 'a string', value);
  if (LONE_SURROGATE.test(value)) return invalid(field, 'is not valid Unicode text');
  if (field.values) {
    if (field.values.includes(value)) return undefined;
    return invalid(field, `must be one of ${field.values.join(', ')}`);
  }
  if (field.maxBytes !== undefined && utf8Length(value) > field.maxBytes) {
    return {
      code: ErrorCode.ProfileValueTooLong,
      message: `${field.tag} is longer than ${field.maxBytes} bytes`,
    };
  }
  if (field.type === 'string' && value.includes('\u0000')) {
    return invalid(field, 'is text and may not contain U+0000');
  }
  return undefined;
}

function integerProblem(
  field: ProfileField,
  value: unknown,
  max: number | bigint,
): FieldProblem | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return wrongType(field, 'an integer', value);
  }
  // Compared as bigint: 2^64-1 is not a safe integer.
  if (value < 0 || BigInt(value) > BigInt(max)) {
    return invalid(field, `must be an integer from 0 to ${String(max)}`);
  }
  return undefined;
}

function wrongType(field: ProfileField, expected: string, value: unknown): FieldProblem {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  return {
    code: ErrorCode.ProfileValueWrongType,
    message: `${field.tag} must be ${expected}, not ${typeof value === 'number' ? 'the number ' + String(value) : got}`,
  };
}

function invalid(field: ProfileField, what: string): FieldProblem {
  return { code: ErrorCode.ProfileValueInvalid, message: `${field.tag} ${what}` };
}
