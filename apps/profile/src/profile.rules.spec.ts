import { ErrorCode, ProfileTags } from '@im/contracts';
import type { ProfileCustomFieldDeclaration, ProfileItem } from '@im/contracts';

import { customField, standardField } from './profile-fields.rules';
import { applyWrites, checkWrites, readableFields, screenedTexts } from './profile.rules';
import type { FieldWrite } from './profile.rules';
import type { ProfileValues } from './profile-values.rules';

const declarations: ProfileCustomFieldDeclaration[] = [
  {
    key: 'Tag_Profile_Custom_Mood',
    type: 'string',
    read: ['App', 'AppAdmin'],
    write: ['App', 'AppAdmin'],
  },
  { key: 'Tag_Profile_Custom_Vip', type: 'string', read: ['AppAdmin'], write: ['AppAdmin'] },
];

function write(tag: string, value: string | number): FieldWrite {
  return { field: standardField(tag)!, value };
}

describe(checkWrites.name, () => {
  it('accepts valid items of standard and custom fields, in order', () => {
    const items: ProfileItem[] = [
      { tag: ProfileTags.Nick, value: 'Alice' },
      { tag: 'Tag_Profile_Custom_Mood', value: 'happy' },
      { tag: ProfileTags.Level, value: 3 },
    ];

    const result = checkWrites(items, declarations, 'App');

    expect('writes' in result && result.writes.map((w) => [w.field.tag, w.value])).toEqual([
      [ProfileTags.Nick, 'Alice'],
      ['Tag_Profile_Custom_Mood', 'happy'],
      [ProfileTags.Level, 3],
    ]);
  });

  it.each([
    ['a malformed key', { tag: 'Bad Key', value: 'x' }, ErrorCode.ProfileInvalidParameters],
    [
      'an undeclared custom key',
      { tag: 'Tag_Profile_Custom_Nope', value: 'x' },
      ErrorCode.ProfileTagNotFound,
    ],
    [
      'a field the user may not write',
      { tag: ProfileTags.AdminForbidType, value: 'AdminForbid_Type_None' },
      ErrorCode.ProfileNoWritePermission,
    ],
    [
      'a custom field only the admin writes',
      { tag: 'Tag_Profile_Custom_Vip', value: 'gold' },
      ErrorCode.ProfileNoWritePermission,
    ],
    ['a number for a string', { tag: ProfileTags.Nick, value: 1 }, ErrorCode.ProfileValueWrongType],
    [
      'a value too long',
      { tag: ProfileTags.Location, value: 'x'.repeat(17) },
      ErrorCode.ProfileValueTooLong,
    ],
    [
      'a bad enumeration value',
      { tag: ProfileTags.Gender, value: 'x' },
      ErrorCode.ProfileValueInvalid,
    ],
  ])('refuses the whole call for %s', (_case, bad, code) => {
    const items: ProfileItem[] = [{ tag: ProfileTags.Nick, value: 'ok' }, bad];

    expect(checkWrites(items, declarations, 'App')).toEqual({
      problem: { code, message: expect.any(String) },
    });
  });

  it('reports the first problem in request order', () => {
    const items: ProfileItem[] = [
      { tag: ProfileTags.Nick, value: 'x'.repeat(501) },
      { tag: 'Tag_Profile_Custom_Nope', value: 'x' },
      { tag: ProfileTags.Gender, value: 1 },
    ];

    expect(checkWrites(items, declarations, 'AppAdmin')).toHaveProperty(
      'problem.code',
      ErrorCode.ProfileValueTooLong,
    );
  });

  it('checks the permission before the value', () => {
    const items: ProfileItem[] = [{ tag: ProfileTags.AdminForbidType, value: 5 }];

    expect(checkWrites(items, declarations, 'App')).toHaveProperty(
      'problem.code',
      ErrorCode.ProfileNoWritePermission,
    );
  });
});

describe(readableFields.name, () => {
  it('returns the requested fields in order, once each', () => {
    const result = readableFields(
      [ProfileTags.Nick, 'Tag_Profile_Custom_Mood', ProfileTags.Nick, ProfileTags.Level],
      declarations,
      'App',
    );

    expect('fields' in result && result.fields.map((f) => f.tag)).toEqual([
      ProfileTags.Nick,
      'Tag_Profile_Custom_Mood',
      ProfileTags.Level,
    ]);
  });

  it('leaves out a field the caller may not read (PRF-6)', () => {
    const asUser = readableFields(
      ['Tag_Profile_Custom_Vip', ProfileTags.Nick],
      declarations,
      'App',
    );
    const asAdmin = readableFields(['Tag_Profile_Custom_Vip'], declarations, 'AppAdmin');

    expect('fields' in asUser && asUser.fields.map((f) => f.tag)).toEqual([ProfileTags.Nick]);
    expect('fields' in asAdmin && asAdmin.fields.map((f) => f.tag)).toEqual([
      'Tag_Profile_Custom_Vip',
    ]);
  });

  it('fails on an unknown tag with 40009 and on a malformed one with 40001', () => {
    expect(
      readableFields([ProfileTags.Nick, 'Tag_Profile_IM_Age'], declarations, 'AppAdmin'),
    ).toHaveProperty('problem.code', ErrorCode.ProfileTagNotFound);
    expect(readableFields(['Tag-Profile'], declarations, 'AppAdmin')).toHaveProperty(
      'problem.code',
      ErrorCode.ProfileInvalidParameters,
    );
  });
});

describe(applyWrites.name, () => {
  it('reports the changed fields with their new values and a standard change', () => {
    const current: ProfileValues = new Map([[ProfileTags.Nick, 'Old']]);

    const change = applyWrites(current, [
      write(ProfileTags.Nick, 'New'),
      write(ProfileTags.Level, 2),
    ]);

    expect(change.changed).toEqual([
      { tag: ProfileTags.Nick, value: 'New' },
      { tag: ProfileTags.Level, value: 2 },
    ]);
    expect(change.standardChanged).toBe(true);
    expect(change.next.get(ProfileTags.Nick)).toBe('New');
    expect(current.get(ProfileTags.Nick)).toBe('Old');
  });

  it('reports nothing when the values are what a reader already sees', () => {
    const current: ProfileValues = new Map([[ProfileTags.Nick, 'Same']]);

    const change = applyWrites(current, [
      write(ProfileTags.Nick, 'Same'),
      write(ProfileTags.Gender, 'Gender_Type_Unknown'),
      write(ProfileTags.AllowType, 'AllowType_Type_NeedConfirm'),
      write(ProfileTags.MsgSettings, 0),
    ]);

    expect(change.changed).toEqual([]);
    expect(change.standardChanged).toBe(false);
  });

  it('takes the last value of a tag given twice and reports it once', () => {
    const change = applyWrites(new Map(), [
      write(ProfileTags.Nick, 'A'),
      write(ProfileTags.Nick, 'B'),
    ]);

    expect(change.changed).toEqual([{ tag: ProfileTags.Nick, value: 'B' }]);
  });

  it('does not flag a custom-only change as a standard change', () => {
    const [mood] = (
      checkWrites([{ tag: 'Tag_Profile_Custom_Mood', value: '' }], declarations, 'App') as {
        writes: FieldWrite[];
      }
    ).writes;

    const change = applyWrites(new Map(), [mood]);

    expect(change.changed).toEqual([{ tag: 'Tag_Profile_Custom_Mood', value: '' }]);
    expect(change.standardChanged).toBe(false);
  });
});

describe(screenedTexts.name, () => {
  it('gives the free-text standard fields and the custom string fields, in order', () => {
    const custom = (key: string, type: 'string' | 'bytes'): FieldWrite => ({
      field: customField({ key, type, read: ['App'], write: ['App'] }),
      value: 'v',
    });
    const writes: FieldWrite[] = [
      write(ProfileTags.Gender, 'Gender_Type_Male'),
      write(ProfileTags.Nick, 'Alice'),
      write(ProfileTags.Image, 'https://example.com/a.png'),
      write(ProfileTags.Level, 3),
      custom('Tag_Profile_Custom_Mood', 'string'),
      custom('Tag_Profile_Custom_Blob', 'bytes'),
      write(ProfileTags.SelfSignature, 'hi'),
      write(ProfileTags.Location, 'CN'),
    ];
    expect(screenedTexts(writes)).toEqual([
      [ProfileTags.Nick, 'Alice'],
      ['Tag_Profile_Custom_Mood', 'v'],
      [ProfileTags.SelfSignature, 'hi'],
      [ProfileTags.Location, 'CN'],
    ]);
  });
});
