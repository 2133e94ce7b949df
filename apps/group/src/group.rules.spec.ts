import { ErrorCode } from '@im/contracts';
import type { GroupCustomFieldDeclaration, GroupMemberCustomFieldDeclaration } from '@im/contracts';

import {
  applyGroupCustomData,
  applyMemberCustomData,
  customGroupIdProblem,
  declarationsFor,
  generateGroupId,
  isMuted,
  isPossibleGroupId,
  muteUntilFor,
  readableCustomData,
  utcDay,
} from './group.rules';

const field = (
  key: string,
  readLevel: GroupCustomFieldDeclaration['readLevel'] = 'Member',
  writeLevel: GroupCustomFieldDeclaration['writeLevel'] = 'Admin',
): GroupCustomFieldDeclaration => ({ key, groupTypes: ['Public'], readLevel, writeLevel });

describe('group IDs (GRP-23, GRP-24)', () => {
  it('generates @TGS# IDs of upper-case letters and digits', () => {
    const id = generateGroupId();

    expect(id).toMatch(/^@TGS#[A-Z0-9]{10}$/);
    expect(customGroupIdProblem(id)).toMatch(/@TGS#/);
  });

  it('accepts printable ASCII custom IDs of up to 48 bytes', () => {
    expect(customGroupIdProblem('my group ~ 1')).toBeNull();
    expect(customGroupIdProblem('x'.repeat(48))).toBeNull();
  });

  it.each([
    ['longer than 48 bytes', 'x'.repeat(49)],
    ['not ASCII', 'grüppe'],
    ['a control character', 'a\tb'],
    ['the generated prefix', '@TGS#mine'],
    ['the official account prefix', '@TOA#_mine'],
    ['empty', ''],
  ])('refuses a custom ID that is %s', (_what, id) => {
    expect(customGroupIdProblem(id)).not.toBeNull();
  });

  it('tells which strings could name a group at all', () => {
    expect(isPossibleGroupId('@TGS#ABC')).toBe(true);
    expect(isPossibleGroupId('x'.repeat(49))).toBe(false);
    expect(isPossibleGroupId('')).toBe(false);
  });
});

describe('mute arithmetic (GRP-45, AMB-8)', () => {
  it('mutes for the given seconds from now', () => {
    expect(muteUntilFor(1000, 60)).toBe(1060);
  });

  it('unmutes with 0', () => {
    expect(muteUntilFor(1000, 0)).toBe(0);
  });

  it('keeps 4294967295 as permanent and never goes past it', () => {
    expect(muteUntilFor(1000, 0xffffffff)).toBe(0xffffffff);
    expect(muteUntilFor(0xfffffff0, 0xfff)).toBe(0xffffffff);
  });

  it('is muted strictly before the end time', () => {
    expect(isMuted(1060, 1059)).toBe(true);
    expect(isMuted(1060, 1060)).toBe(false);
    expect(isMuted(0, 1)).toBe(false);
  });
});

describe('group custom fields (GRP-26 … GRP-29)', () => {
  const declared = new Map([
    ['Level', field('Level', 'Anyone', 'AppAdmin')],
    ['Topic', field('Topic', 'Member', 'Admin')],
  ]);

  it('writes declared keys within the write level and reports what changed', () => {
    expect(
      applyGroupCustomData({ Topic: 'a' }, [{ key: 'Topic', value: 'b' }], declared, 'Owner'),
    ).toEqual({ data: { Topic: 'b' }, changedKeys: ['Topic'] });
  });

  it('deletes a key with an empty value', () => {
    expect(
      applyGroupCustomData({ Topic: 'a' }, [{ key: 'Topic', value: '' }], declared, 'Admin'),
    ).toEqual({ data: {}, changedKeys: ['Topic'] });
  });

  it('refuses a key below its write level with 10007', () => {
    expect(() =>
      applyGroupCustomData({}, [{ key: 'Level', value: '3' }], declared, 'Owner'),
    ).toThrow(expect.objectContaining({ code: ErrorCode.GroupPermissionDenied }));
  });

  it('refuses an undeclared key, a malformed key and a value over 512 bytes with 10004', () => {
    for (const item of [
      { key: 'Other', value: 'x' },
      { key: 'bad-key', value: 'x' },
      { key: 'K'.repeat(17), value: 'x' },
      { key: 'Topic', value: 'x'.repeat(513) },
    ])
      expect(() => applyGroupCustomData({}, [item], declared, 'AppAdmin')).toThrow(
        expect.objectContaining({ code: ErrorCode.GroupInvalidParameter }),
      );
  });

  it('accepts a 512-byte value', () => {
    expect(
      applyGroupCustomData({}, [{ key: 'Topic', value: 'é'.repeat(256) }], declared, 'Admin')
        .changedKeys,
    ).toEqual(['Topic']);
  });

  it('answers the requested keys the actor may read', () => {
    const data = { Level: '3', Topic: 't' };
    const canRead = (key: string) => key === 'Level';
    expect(readableCustomData(data, ['Topic', 'Level', 'Missing'], canRead)).toEqual([
      { key: 'Level', value: '3' },
    ]);
    expect(readableCustomData(data, undefined, canRead)).toEqual([]);
  });

  it('picks the declarations of one type', () => {
    const list = [field('A'), { ...field('B'), groupTypes: ['Private'] }];
    expect([...declarationsFor(list, 'Public').keys()]).toEqual(['A']);
  });
});

describe('member custom fields (GRP-28, GRP-30)', () => {
  const declared = new Map<string, GroupMemberCustomFieldDeclaration>([
    [
      'MemberLevel',
      { ...field('MemberLevel', 'Member', 'Admin'), selfRead: true, selfWrite: false },
    ],
  ]);

  it('refuses a member writing their own value when "may write own" is off', () => {
    expect(() =>
      applyMemberCustomData({}, [{ key: 'MemberLevel', value: '1' }], declared, 'Member', true),
    ).toThrow(expect.objectContaining({ code: ErrorCode.GroupPermissionDenied }));
  });

  it('lets an admin write another member’s value', () => {
    expect(
      applyMemberCustomData({}, [{ key: 'MemberLevel', value: '1' }], declared, 'Admin', false)
        .data,
    ).toEqual({ MemberLevel: '1' });
  });

  it('refuses values over 64 bytes with 10004', () => {
    expect(() =>
      applyMemberCustomData(
        {},
        [{ key: 'MemberLevel', value: 'x'.repeat(65) }],
        declared,
        'AppAdmin',
        false,
      ),
    ).toThrow(expect.objectContaining({ code: ErrorCode.GroupInvalidParameter }));
  });
});

describe('misc', () => {
  it('counts the quota day in UTC (AMB-11)', () => {
    expect(utcDay(Date.UTC(2024, 0, 31, 23, 59))).toBe('2024-01-31');
  });
});
