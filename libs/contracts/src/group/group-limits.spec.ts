import 'reflect-metadata';

import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { CreateGroupRequest } from './create-group.request';
import { GroupLimits } from './group.limits';
import { ModifyMemberRequest } from './modify-member.request';
import { MuteMembersRequest } from './mute-members.request';

function problems<T extends object>(cls: new () => T, value: object): string[] {
  return validateSync(plainToInstance(cls, value), { forbidUnknownValues: false }).map(
    (e) => e.property,
  );
}

/** A string of `bytes` UTF-8 bytes made of 3-byte characters (and ASCII for the rest). */
const bytes = (n: number) => '中'.repeat(Math.floor(n / 3)) + 'x'.repeat(n % 3);

describe('group field limits (GRP-15, docs/rest-api.md §2.6, AMB-14)', () => {
  it.each([
    ['name', GroupLimits.nameMaxBytes, 30],
    ['introduction', GroupLimits.introductionMaxBytes, 240],
    ['notification', GroupLimits.notificationMaxBytes, 300],
    ['faceUrl', GroupLimits.faceUrlMaxBytes, 100],
  ])('takes %s up to %d UTF-8 bytes, not one more', (field, max, expected) => {
    expect(max).toBe(expected);
    const base = { type: 'Public', name: 'n' };
    expect(problems(CreateGroupRequest, { ...base, [field]: bytes(max) })).toEqual([]);
    expect(problems(CreateGroupRequest, { ...base, [field]: bytes(max + 1) })).toEqual([field]);
  });

  it('needs a non-empty Name', () => {
    expect(problems(CreateGroupRequest, { type: 'Public', name: '' })).toEqual(['name']);
  });

  it('takes a NameCard up to 50 bytes', () => {
    const base = { groupId: 'g', userId: 'u' };
    expect(problems(ModifyMemberRequest, { ...base, nameCard: bytes(50) })).toEqual([]);
    expect(problems(ModifyMemberRequest, { ...base, nameCard: bytes(51) })).toEqual(['nameCard']);
  });

  it('takes at most 100 initial members', () => {
    const members = (n: number) => Array.from({ length: n }, (_, i) => ({ userId: `u${i}` }));
    expect(
      problems(CreateGroupRequest, { type: 'Public', name: 'n', members: members(100) }),
    ).toEqual([]);
    expect(
      problems(CreateGroupRequest, { type: 'Public', name: 'n', members: members(101) }),
    ).toEqual(['members']);
  });

  it('takes mute times 0..4294967295 and up to 500 accounts', () => {
    const ok = { groupId: 'g', userIds: ['a'], muteTime: 4294967295 };
    expect(problems(MuteMembersRequest, ok)).toEqual([]);
    expect(problems(MuteMembersRequest, { ...ok, muteTime: 4294967296 })).toEqual(['muteTime']);
    expect(problems(MuteMembersRequest, { ...ok, muteTime: -1 })).toEqual(['muteTime']);
    const many = Array.from({ length: 501 }, (_, i) => `u${i}`);
    expect(problems(MuteMembersRequest, { ...ok, userIds: many })).toEqual(['userIds']);
  });
});
