import { ErrorCode } from '@im/contracts';

import {
  friendItems,
  friendProfileResult,
  friendTagValue,
  isFailure,
  isReadableTag,
  parseFriendUpdate,
} from './friend-fields.mapper';
import type { FriendRow } from './friends.repository';

function makeFriend(overrides: Partial<FriendRow> = {}): FriendRow {
  return {
    userId: 'alice',
    friendId: 'bob',
    remark: '',
    remarkTime: 0,
    groups: [],
    addSource: 'AddSource_Type_Web',
    addWording: '',
    addTime: 1_700_000_000,
    custom: {},
    ...overrides,
  };
}

const DECLARED = new Map([['Tag_SNS_Custom_Level', 'string']]);

describe(parseFriendUpdate.name, () => {
  it('turns Remark, Group and declared custom tags into a patch', () => {
    const parsed = parseFriendUpdate(
      [
        { tag: 'Tag_SNS_IM_Remark', value: 'Bob' },
        { tag: 'Tag_SNS_IM_Group', value: ['a', 'b', 'a'] },
        { tag: 'Tag_SNS_Custom_Level', value: 'gold' },
      ],
      DECLARED,
      42,
    );

    expect(parsed).toEqual({
      patch: {
        remark: 'Bob',
        remarkTime: 42,
        groups: ['a', 'b'],
        custom: { Tag_SNS_Custom_Level: 'gold' },
      },
      changedTags: ['Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', 'Tag_SNS_Custom_Level'],
      listNames: ['a', 'b'],
    });
  });

  it.each<[string, { tag: string; value: unknown }, number]>([
    [
      'an undeclared custom tag',
      { tag: 'Tag_SNS_Custom_Nope', value: 'x' },
      ErrorCode.SnsInvalidParameters,
    ],
    [
      'a read-only tag',
      { tag: 'Tag_SNS_IM_AddSource', value: 'x' },
      ErrorCode.SnsInvalidParameters,
    ],
    ['an unknown tag', { tag: 'Tag_Profile_IM_Nick', value: 'x' }, ErrorCode.SnsInvalidParameters],
    [
      'a 97-byte remark',
      { tag: 'Tag_SNS_IM_Remark', value: 'r'.repeat(97) },
      ErrorCode.SnsInvalidParameters,
    ],
    ['a numeric remark', { tag: 'Tag_SNS_IM_Remark', value: 5 }, ErrorCode.SnsInvalidParameters],
    [
      'a group that is a string',
      { tag: 'Tag_SNS_IM_Group', value: 'a' },
      ErrorCode.SnsInvalidParameters,
    ],
    [
      'an empty list name',
      { tag: 'Tag_SNS_IM_Group', value: [''] },
      ErrorCode.SnsInvalidParameters,
    ],
    [
      '33 lists',
      { tag: 'Tag_SNS_IM_Group', value: Array.from({ length: 33 }, (_, i) => `g${i}`) },
      ErrorCode.FriendGroupLimitReached,
    ],
    [
      'a 501-byte custom value',
      { tag: 'Tag_SNS_Custom_Level', value: 'v'.repeat(501) },
      ErrorCode.SnsInvalidParameters,
    ],
  ])('refuses %s', (_name, item, code) => {
    const parsed = parseFriendUpdate([item as never], DECLARED, 1);

    expect(isFailure(parsed) && parsed.code).toBe(code);
  });
});

describe(friendItems.name, () => {
  const row = makeFriend({
    remark: 'B',
    remarkTime: 5,
    groups: ['g'],
    custom: { Tag_SNS_Custom_Level: 'x' },
  });

  it('lists the set standard tags, then the custom ones', () => {
    expect(friendItems(row, { standard: true, custom: true })).toEqual([
      { tag: 'Tag_SNS_IM_Group', value: ['g'] },
      { tag: 'Tag_SNS_IM_Remark', value: 'B' },
      { tag: 'Tag_SNS_IM_AddSource', value: 'AddSource_Type_Web' },
      { tag: 'Tag_SNS_IM_AddTime', value: 1_700_000_000 },
      { tag: 'Tag_SNS_IM_RemarkTime', value: 5 },
      { tag: 'Tag_SNS_Custom_Level', value: 'x' },
    ]);
  });

  it('leaves out what the caller has current', () => {
    expect(friendItems(row, { standard: false, custom: true })).toEqual([
      { tag: 'Tag_SNS_Custom_Level', value: 'x' },
    ]);
    expect(friendItems(row, { standard: false, custom: false })).toEqual([]);
  });

  it('reads one tag, undefined when unset', () => {
    expect(friendTagValue(makeFriend(), 'Tag_SNS_IM_Remark')).toBeUndefined();
    expect(friendTagValue(makeFriend(), 'Tag_SNS_Custom_Level')).toBeUndefined();
    expect(friendTagValue(makeFriend(), 'Tag_SNS_IM_AddTime')).toBe(1_700_000_000);
  });
});

describe(isReadableTag.name, () => {
  const app = {
    profileCustomTags: new Set(['Tag_Profile_Custom_Hobby']),
    snsCustomFields: new Map([['Tag_SNS_Custom_Level', 'string' as const]]),
  };

  it('reads standard profile and SNS tags, and declared custom ones', () => {
    expect(isReadableTag('Tag_Profile_IM_Nick', app)).toBe(true);
    expect(isReadableTag('Tag_SNS_IM_Remark', app)).toBe(true);
    expect(isReadableTag('Tag_Profile_Custom_Hobby', app)).toBe(true);
    expect(isReadableTag('Tag_SNS_Custom_Level', app)).toBe(true);
  });

  it('refuses undeclared custom tags and unknown ones', () => {
    expect(isReadableTag('Tag_Profile_Custom_Other', app)).toBe(false);
    expect(isReadableTag('Tag_SNS_Custom_Other', app)).toBe(false);
    expect(isReadableTag('Nope', app)).toBe(false);
  });
});

describe(friendProfileResult.name, () => {
  const profile = {
    userId: 'bob',
    code: 0,
    message: '',
    items: [{ tag: 'Tag_Profile_IM_Nick', value: 'Bobby' }],
  };

  it('takes profile tags from the profile and SNS tags from the friend row, in tag order', () => {
    const result = friendProfileResult(makeFriend({ remark: 'B' }), profile, [
      'Tag_SNS_IM_Remark',
      'Tag_Profile_IM_Nick',
      'Tag_SNS_IM_Group',
    ]);

    expect(result).toEqual({
      userId: 'bob',
      items: [
        { tag: 'Tag_SNS_IM_Remark', value: 'B' },
        { tag: 'Tag_Profile_IM_Nick', value: 'Bobby' },
      ],
      code: ErrorCode.Ok,
      message: '',
    });
  });

  it("answers with the profile's own failure", () => {
    const failed = { ...profile, code: 40001, message: 'no profile', items: [] };

    expect(friendProfileResult(makeFriend(), failed, ['Tag_Profile_IM_Nick'])).toMatchObject({
      code: 40001,
      message: 'no profile',
      items: [],
    });
  });
});
