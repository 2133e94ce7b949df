import { ProfileTags } from '@im/contracts';

import { customField, standardField } from './profile-fields.rules';
import {
  decodeCustom,
  effectiveValue,
  encodeCustom,
  itemsOf,
  rowOfValues,
  valuesOfRow,
} from './profile-values.rules';
import type { ProfileValues } from './profile-values.rules';
import type { ProfileValueColumns } from './profile.schema';

const custom = customField({
  key: 'Tag_Profile_Custom_Test',
  type: 'bytes',
  read: ['App', 'AppAdmin'],
  write: ['App', 'AppAdmin'],
});

function makeRow(overrides: Partial<ProfileValueColumns> = {}): ProfileValueColumns {
  return {
    nick: null,
    gender: null,
    birthDay: null,
    location: null,
    selfSignature: null,
    allowType: null,
    language: null,
    image: null,
    msgSettings: null,
    adminForbidType: null,
    level: null,
    role: null,
    custom: {},
    ...overrides,
  };
}

describe(valuesOfRow.name, () => {
  it('reads nothing set from no row and from an empty row', () => {
    expect(valuesOfRow(undefined)).toEqual(new Map());
    expect(valuesOfRow(makeRow())).toEqual(new Map());
  });

  it('reads each column under its tag, integers as numbers, location bytes as the string', () => {
    const row = makeRow({
      nick: 'Alice',
      gender: 'Gender_Type_Female',
      birthDay: 19800101,
      location: Buffer.from('\u0000\u0000\u0000V', 'utf8'),
      msgSettings: 0xffffffff,
      custom: { Tag_Profile_Custom_Test: 'x', Tag_Profile_Custom_Raw: { b64: 'AAE=' } },
    });

    expect(valuesOfRow(row)).toEqual(
      new Map<string, string | number>([
        [ProfileTags.Nick, 'Alice'],
        [ProfileTags.Gender, 'Gender_Type_Female'],
        [ProfileTags.BirthDay, 19800101],
        [ProfileTags.Location, '\u0000\u0000\u0000V'],
        [ProfileTags.MsgSettings, 0xffffffff],
        ['Tag_Profile_Custom_Test', 'x'],
        ['Tag_Profile_Custom_Raw', '\u0000\u0001'],
      ]),
    );
  });
});

describe(rowOfValues.name, () => {
  it('writes NULL for every field not set and an empty custom object', () => {
    expect(rowOfValues(new Map())).toEqual(makeRow());
  });

  it('round-trips every kind of value through the columns', () => {
    const values: ProfileValues = new Map<string, string | number>([
      [ProfileTags.Nick, '\u4e2d\u6587 \ud83d\ude00'],
      [ProfileTags.AllowType, 'AllowType_Type_DenyAny'],
      [ProfileTags.Location, '\u0000\u0000\u0000V\u00ff'],
      [ProfileTags.Role, 7],
      ['Tag_Profile_Custom_Test', 'plain'],
      ['Tag_Profile_Custom_Raw', 'a\u0000b'],
    ]);

    const row = rowOfValues(values);

    expect(row.location).toEqual(Buffer.from('\u0000\u0000\u0000V\u00ff', 'utf8'));
    expect(row.custom).toEqual({
      Tag_Profile_Custom_Test: 'plain',
      Tag_Profile_Custom_Raw: { b64: Buffer.from('a\u0000b').toString('base64') },
    });
    expect(valuesOfRow(row)).toEqual(values);
  });
});

describe(encodeCustom.name, () => {
  it('keeps a string as it is unless it holds U+0000, which jsonb cannot store', () => {
    expect(encodeCustom('chess')).toBe('chess');
    expect(encodeCustom('')).toBe('');
    expect(encodeCustom('\u0000')).toEqual({ b64: 'AA==' });
  });

  it('is undone by decodeCustom', () => {
    for (const s of ['chess', '', '\u0000', 'x\u0000\u4e2d'])
      expect(decodeCustom(encodeCustom(s))).toBe(s);
  });
});

describe(effectiveValue.name, () => {
  it('gives the value set', () => {
    const values: ProfileValues = new Map([[ProfileTags.Gender, 'Gender_Type_Male']]);

    expect(effectiveValue(standardField(ProfileTags.Gender)!, values)).toBe('Gender_Type_Male');
  });

  it.each([
    [ProfileTags.Gender, 'Gender_Type_Unknown'],
    [ProfileTags.AllowType, 'AllowType_Type_NeedConfirm'],
    [ProfileTags.AdminForbidType, 'AdminForbid_Type_None'],
    [ProfileTags.MsgSettings, 0],
    [ProfileTags.Level, 0],
    [ProfileTags.Nick, ''],
    [ProfileTags.Location, ''],
  ])('gives the default of %s while unset: %p', (tag, fallback) => {
    expect(effectiveValue(standardField(tag)!, new Map())).toBe(fallback);
  });

  it('gives nothing for a custom field never set', () => {
    expect(effectiveValue(custom, new Map())).toBeUndefined();
  });
});

describe(itemsOf.name, () => {
  it('lists the fields in the given order, standard ones with defaults, unset custom ones left out', () => {
    const values: ProfileValues = new Map<string, string | number>([[ProfileTags.Level, 3]]);

    expect(
      itemsOf(
        [standardField(ProfileTags.Level)!, custom, standardField(ProfileTags.Gender)!],
        values,
      ),
    ).toEqual([
      { tag: ProfileTags.Level, value: 3 },
      { tag: ProfileTags.Gender, value: 'Gender_Type_Unknown' },
    ]);
  });
});
