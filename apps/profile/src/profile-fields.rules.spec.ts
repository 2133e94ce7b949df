import { ErrorCode, ProfileTags, StandardProfileTags } from '@im/contracts';
import type { ProfileCustomFieldDeclaration } from '@im/contracts';

import {
  customField,
  lookUpTag,
  STANDARD_FIELDS,
  standardField,
  valueProblem,
} from './profile-fields.rules';
import type { ProfileField } from './profile-fields.rules';

function field(tag: string): ProfileField {
  const found = standardField(tag);
  if (!found) throw new Error(`no field ${tag}`);
  return found;
}

function makeDeclaration(
  overrides: Partial<ProfileCustomFieldDeclaration> = {},
): ProfileCustomFieldDeclaration {
  return {
    key: 'Tag_Profile_Custom_Test',
    type: 'string',
    read: ['App', 'AppAdmin'],
    write: ['App', 'AppAdmin'],
    ...overrides,
  };
}

/** The code valueProblem gives, 0 when the value is accepted. */
function codeOf(tag: string, value: unknown): number {
  return valueProblem(field(tag), value)?.code ?? 0;
}

const utf8 = (bytes: number) => 'a'.repeat(bytes);
/** `n` characters of 3 UTF-8 bytes each. */
const cjk = (n: number) => '\u4e2d'.repeat(n);

describe('STANDARD_FIELDS', () => {
  it('are exactly the twelve standard fields of PRF-7, in its order', () => {
    expect(STANDARD_FIELDS.map((f) => f.tag)).toEqual(StandardProfileTags);
    expect(StandardProfileTags).toHaveLength(12);
  });

  it('are all "push on update" (PRF-16)', () => {
    expect(STANDARD_FIELDS.every((f) => f.pushOnUpdate)).toBe(true);
  });

  it.each([
    [ProfileTags.Nick, 'string'],
    [ProfileTags.Gender, 'string'],
    [ProfileTags.BirthDay, 'uint32'],
    [ProfileTags.Location, 'bytes'],
    [ProfileTags.SelfSignature, 'string'],
    [ProfileTags.AllowType, 'string'],
    [ProfileTags.Language, 'uint32'],
    [ProfileTags.Image, 'string'],
    [ProfileTags.MsgSettings, 'uint32'],
    [ProfileTags.AdminForbidType, 'string'],
    [ProfileTags.Level, 'uint32'],
    [ProfileTags.Role, 'uint32'],
  ])('gives %s the type %s', (tag, type) => {
    expect(field(tag).type).toBe(type);
  });

  it.each([
    [ProfileTags.Gender, 'Gender_Type_Unknown'],
    [ProfileTags.AllowType, 'AllowType_Type_NeedConfirm'],
    [ProfileTags.AdminForbidType, 'AdminForbid_Type_None'],
    [ProfileTags.MsgSettings, 0],
    [ProfileTags.Nick, ''],
    [ProfileTags.BirthDay, 0],
  ])('reads %s as %p while never set', (tag, fallback) => {
    expect(standardField(tag)?.default).toBe(fallback);
  });
});

describe(lookUpTag.name, () => {
  const declarations = [
    makeDeclaration(),
    makeDeclaration({ key: 'Tag_Profile_Custom_Hobby', type: 'bytes' }),
  ];

  it('finds every standard field', () => {
    for (const tag of StandardProfileTags)
      expect(lookUpTag(tag, [])).toEqual({ field: field(tag) });
  });

  it('finds a declared custom field with its type, permissions and the 500-byte limit', () => {
    expect(lookUpTag('Tag_Profile_Custom_Hobby', declarations)).toEqual({
      field: {
        tag: 'Tag_Profile_Custom_Hobby',
        type: 'bytes',
        maxBytes: 500,
        read: ['App', 'AppAdmin'],
        write: ['App', 'AppAdmin'],
        pushOnUpdate: false,
      },
    });
  });

  it.each([
    ['a custom key the app did not declare (PRF-21)', 'Tag_Profile_Custom_Other'],
    ['an unknown standard-looking key', 'Tag_Profile_IM_Nickname'],
    ['a custom keyword of 9 letters (PRF-18)', 'Tag_Profile_Custom_Abcdefghi'],
    ['a custom keyword with a digit (PRF-18)', 'Tag_Profile_Custom_Test1'],
    ['an empty custom keyword', 'Tag_Profile_Custom_'],
    ['a key of another service', 'Tag_SNS_IM_Remark'],
    ['the right key in the wrong case', 'tag_profile_im_nick'],
  ])('answers 40009 for %s', (_case, tag) => {
    expect(lookUpTag(tag, declarations)).toEqual({
      problem: { code: ErrorCode.ProfileTagNotFound, message: expect.stringContaining(tag) },
    });
  });

  it.each([
    ['a space', 'Tag Profile'],
    ['a hyphen', 'Tag_Profile_Custom_My-Tag'],
    ['a dot', 'Tag.Profile'],
    ['a non-ASCII letter', 'Tag_Profile_Custom_Caf\u00e9'],
    ['nothing', ''],
  ])('answers 40001 for a key with %s (PRF-2)', (_case, tag) => {
    expect(lookUpTag(tag, declarations)).toEqual({
      problem: { code: ErrorCode.ProfileInvalidParameters, message: expect.any(String) },
    });
  });

  it('accepts a declared custom keyword of exactly 8 letters', () => {
    const key = 'Tag_Profile_Custom_Abcdefgh';

    expect(lookUpTag(key, [makeDeclaration({ key })])).toHaveProperty('field.tag', key);
  });
});

describe(valueProblem.name, () => {
  describe.each([ProfileTags.Nick, ProfileTags.SelfSignature, ProfileTags.Image])(
    '%s (PRF-8)',
    (tag) => {
      it('accepts 0 and 500 bytes, also 500 bytes of 3-byte characters', () => {
        expect([codeOf(tag, ''), codeOf(tag, utf8(500)), codeOf(tag, cjk(166) + 'ab')]).toEqual([
          0, 0, 0,
        ]);
      });

      it('refuses 501 bytes with 40601, also when it is only 167 characters', () => {
        expect(codeOf(tag, utf8(501))).toBe(ErrorCode.ProfileValueTooLong);
        expect(codeOf(tag, cjk(167))).toBe(ErrorCode.ProfileValueTooLong);
      });

      it('refuses a number with 40610', () => {
        expect(codeOf(tag, 42)).toBe(ErrorCode.ProfileValueWrongType);
      });

      it('refuses U+0000 in text with 40605', () => {
        expect(codeOf(tag, 'a\u0000b')).toBe(ErrorCode.ProfileValueInvalid);
      });
    },
  );

  describe('Tag_Profile_IM_Gender (PRF-9)', () => {
    it.each(['Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male'])(
      'accepts %s',
      (v) => {
        expect(codeOf(ProfileTags.Gender, v)).toBe(0);
      },
    );

    it.each(['Gender_Type_Other', 'gender_type_male', '', 'Male'])('refuses %p with 40605', (v) => {
      expect(codeOf(ProfileTags.Gender, v)).toBe(ErrorCode.ProfileValueInvalid);
    });

    it('refuses a number with 40610', () => {
      expect(codeOf(ProfileTags.Gender, 1)).toBe(ErrorCode.ProfileValueWrongType);
    });
  });

  describe('Tag_Profile_IM_AllowType (PRF-11)', () => {
    it.each(['AllowType_Type_NeedConfirm', 'AllowType_Type_AllowAny', 'AllowType_Type_DenyAny'])(
      'accepts %s',
      (v) => {
        expect(codeOf(ProfileTags.AllowType, v)).toBe(0);
      },
    );

    it('refuses another value with 40605 and a number with 40610', () => {
      expect(codeOf(ProfileTags.AllowType, 'AllowType_Type_Maybe')).toBe(
        ErrorCode.ProfileValueInvalid,
      );
      expect(codeOf(ProfileTags.AllowType, 0)).toBe(ErrorCode.ProfileValueWrongType);
    });
  });

  describe('Tag_Profile_IM_AdminForbidType (PRF-13)', () => {
    it('accepts its two values and refuses others with 40605', () => {
      expect(codeOf(ProfileTags.AdminForbidType, 'AdminForbid_Type_None')).toBe(0);
      expect(codeOf(ProfileTags.AdminForbidType, 'AdminForbid_Type_SendOut')).toBe(0);
      expect(codeOf(ProfileTags.AdminForbidType, 'AdminForbid_Type_All')).toBe(
        ErrorCode.ProfileValueInvalid,
      );
    });
  });

  describe('Tag_Profile_IM_Location (PRF-10, AMB-22)', () => {
    it('accepts 16 bytes, including four big-endian uint32 with zero bytes', () => {
      const fourInts =
        '\u0000\u0000\u0000V\u0000\u0000\u0000\u0001\u0000\u0000\u0000\u0002\u0000\u0000\u0000\u0003';

      expect(codeOf(ProfileTags.Location, utf8(16))).toBe(0);
      expect(codeOf(ProfileTags.Location, fourInts)).toBe(0);
    });

    it('refuses 17 bytes with 40601, also as six 3-byte characters', () => {
      expect(codeOf(ProfileTags.Location, utf8(17))).toBe(ErrorCode.ProfileValueTooLong);
      expect(codeOf(ProfileTags.Location, cjk(6))).toBe(ErrorCode.ProfileValueTooLong);
    });

    it('refuses a number with 40610', () => {
      expect(codeOf(ProfileTags.Location, 86)).toBe(ErrorCode.ProfileValueWrongType);
    });
  });

  describe.each([
    ProfileTags.BirthDay,
    ProfileTags.Language,
    ProfileTags.MsgSettings,
    ProfileTags.Level,
    ProfileTags.Role,
  ])('%s (PRF-12, PRF-14: any uint32)', (tag) => {
    it.each([0, 1, 19800101, 0xffffffff])('accepts %d', (v) => {
      expect(codeOf(tag, v)).toBe(0);
    });

    it.each([-1, 0x100000000, Number.MAX_SAFE_INTEGER, 1e300])('refuses %d with 40605', (v) => {
      expect(codeOf(tag, v)).toBe(ErrorCode.ProfileValueInvalid);
    });

    it.each([
      ['a numeric string', '19800101'],
      ['a fraction', 1.5],
      ['null', null],
      ['true', true],
      ['an array', [1]],
    ])('refuses %s with 40610', (_case, v) => {
      expect(codeOf(tag, v)).toBe(ErrorCode.ProfileValueWrongType);
    });
  });

  describe('uint64 (PRF-3)', () => {
    const uint64: ProfileField = {
      tag: 'X',
      type: 'uint64',
      read: [],
      write: [],
      pushOnUpdate: false,
    };

    it('accepts 0 and integers beyond uint32', () => {
      expect(valueProblem(uint64, 0)).toBeUndefined();
      expect(valueProblem(uint64, 0x100000000)).toBeUndefined();
      expect(valueProblem(uint64, Number.MAX_SAFE_INTEGER)).toBeUndefined();
    });

    it('refuses a negative integer and one beyond 2^64-1 with 40605, a string with 40610', () => {
      expect(valueProblem(uint64, -1)?.code).toBe(ErrorCode.ProfileValueInvalid);
      expect(valueProblem(uint64, 2 ** 65)?.code).toBe(ErrorCode.ProfileValueInvalid);
      expect(valueProblem(uint64, '1')?.code).toBe(ErrorCode.ProfileValueWrongType);
    });
  });

  describe('custom fields (PRF-19, PRF-21)', () => {
    const text = customField(makeDeclaration({ type: 'string' }));
    const bytes = customField(makeDeclaration({ type: 'bytes' }));

    it('take strings up to 500 bytes and refuse 501 with 40601', () => {
      for (const f of [text, bytes]) {
        expect(valueProblem(f, utf8(500))).toBeUndefined();
        expect(valueProblem(f, utf8(501))?.code).toBe(ErrorCode.ProfileValueTooLong);
      }
    });

    it('refuse integers with 40610', () => {
      expect(valueProblem(text, 7)?.code).toBe(ErrorCode.ProfileValueWrongType);
      expect(valueProblem(bytes, 7)?.code).toBe(ErrorCode.ProfileValueWrongType);
    });

    it('keep U+0000 for bytes and refuse it for text with 40605', () => {
      expect(valueProblem(bytes, '\u0000\u0001')).toBeUndefined();
      expect(valueProblem(text, '\u0000\u0001')?.code).toBe(ErrorCode.ProfileValueInvalid);
    });
  });

  it('refuses a lone surrogate, which UTF-8 cannot carry, with 40605', () => {
    expect(codeOf(ProfileTags.Nick, 'a\ud800b')).toBe(ErrorCode.ProfileValueInvalid);
    expect(codeOf(ProfileTags.Location, '\udc00')).toBe(ErrorCode.ProfileValueInvalid);
    expect(codeOf(ProfileTags.Nick, '\ud83d\ude00')).toBe(0);
  });

  it('says which field and why', () => {
    expect(valueProblem(field(ProfileTags.Nick), utf8(501))?.message).toBe(
      'Tag_Profile_IM_Nick is longer than 500 bytes',
    );
    expect(valueProblem(field(ProfileTags.Level), 'x')?.message).toBe(
      'Tag_Profile_IM_Level must be an integer, not string',
    );
  });
});
