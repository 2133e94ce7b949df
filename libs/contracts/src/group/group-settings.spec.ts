import 'reflect-metadata';

import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { AppSettings } from '../account/app-settings';

function problems(settings: object): string[] {
  return validateSync(plainToInstance(AppSettings, settings), { forbidUnknownValues: false }).map(
    (e) => e.property,
  );
}

const field = (key: string, groupTypes: string[]) => ({
  key,
  groupTypes,
  readLevel: 'Member',
  writeLevel: 'Admin',
});
const memberField = (key: string, groupTypes: string[]) => ({
  ...field(key, groupTypes),
  selfRead: true,
  selfWrite: false,
});

describe('group settings of an app', () => {
  it('accepts quotas, switches, fields and custom types', () => {
    expect(
      problems({
        avChatRoomEnabled: true,
        bChatRoomEnabled: false,
        groupDailyCreateLimit: 10,
        bChatRoomLimit: 2,
        appGroupLimit: 1000,
        userGroupLimit: 50,
        groupMemberCap: 20,
        avChatRoomMemberListMax: 100,
        groupCustomFields: [field('Topic', ['Public', 'OAGroup'])],
        groupMemberCustomFields: [memberField('Level', ['Public'])],
        customGroupTypes: [
          { name: 'OAGroup', baseType: 'Private', kickMinRank: 'Member' },
          { name: 'Public', baseType: 'Public', preJoinHistoryVisible: true },
          { name: 'AVChatRoom', baseType: 'AVChatRoom', offlineMemberCleanup: true },
        ],
      }),
    ).toEqual([]);
  });

  it('allows 20 group keys per type but not 21 (GRP-26)', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => field(`K${i}`, ['Public']));
    expect(problems({ groupCustomFields: keys(20) })).toEqual([]);
    expect(problems({ groupCustomFields: keys(21) })).toEqual(['groupCustomFields']);
  });

  it('allows 5 member keys per type but not 6, and none on AVChatRoom (GRP-26, GRP-32)', () => {
    const keys = (n: number) =>
      Array.from({ length: n }, (_, i) => memberField(`K${i}`, ['Public']));
    expect(problems({ groupMemberCustomFields: keys(5) })).toEqual([]);
    expect(problems({ groupMemberCustomFields: keys(6) })).toEqual(['groupMemberCustomFields']);
    expect(problems({ groupMemberCustomFields: [memberField('K', ['AVChatRoom'])] })).toEqual([
      'groupMemberCustomFields',
    ]);
  });

  it('refuses keys that are not 1..16 letters, digits or underscores (GRP-27)', () => {
    expect(problems({ groupCustomFields: [field('bad-key', ['Public'])] })).toEqual([
      'groupCustomFields',
    ]);
    expect(problems({ groupCustomFields: [field('K'.repeat(17), ['Public'])] })).toEqual([
      'groupCustomFields',
    ]);
  });

  it('refuses a key twice for one type, a bad level, duplicate or alias type names', () => {
    expect(
      problems({ groupCustomFields: [field('A', ['Public']), field('A', ['Public'])] }),
    ).toEqual(['groupCustomFields']);
    expect(
      problems({ groupCustomFields: [{ ...field('A', ['Public']), readLevel: 'Everyone' }] }),
    ).toEqual(['groupCustomFields']);
    expect(
      problems({
        customGroupTypes: [
          { name: 'X', baseType: 'Private' },
          { name: 'X', baseType: 'Public' },
        ],
      }),
    ).toEqual(['customGroupTypes']);
    expect(problems({ customGroupTypes: [{ name: 'Work', baseType: 'Private' }] })).toEqual([
      'customGroupTypes',
    ]);
    expect(problems({ customGroupTypes: [{ name: 'Public', baseType: 'Private' }] })).toEqual([
      'customGroupTypes',
    ]);
  });
});
