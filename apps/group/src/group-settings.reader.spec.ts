import { BUILTIN_CAPABILITIES } from './group-types.rules';
import { resolveGroupSettings } from './group-settings.reader';

describe(resolveGroupSettings.name, () => {
  it('has the platform defaults without settings (PLT-9, PLT-8, AMB-10a)', () => {
    expect(resolveGroupSettings({})).toMatchObject({
      avChatRoomEnabled: false,
      bChatRoomEnabled: false,
      dailyCreateLimit: 500,
      bChatRoomLimit: 5,
      appGroupLimit: 100_000_000,
      userGroupLimit: 5000,
      memberCap: null,
      avChatRoomMemberListMax: 1000,
    });
  });

  it('knows the six built-in types and the app’s custom ones', () => {
    const settings = resolveGroupSettings({
      customGroupTypes: [{ name: 'OAGroup', baseType: 'Private', kickMinRank: 'Member' }],
    });

    expect([...settings.types.keys()]).toEqual([
      'Private',
      'Public',
      'ChatRoom',
      'AVChatRoom',
      'BChatRoom',
      'Community',
      'OAGroup',
    ]);
    expect(settings.types.get('Private')).toBe(BUILTIN_CAPABILITIES.Private);
  });

  it('declares custom fields per type, reading Work and Meeting as Private and ChatRoom', () => {
    const settings = resolveGroupSettings({
      groupCustomFields: [
        { key: 'Topic', groupTypes: ['Work', 'Public'], readLevel: 'Member', writeLevel: 'Admin' },
      ],
      groupMemberCustomFields: [
        {
          key: 'Level',
          groupTypes: ['Meeting'],
          readLevel: 'Member',
          writeLevel: 'Admin',
          selfRead: true,
          selfWrite: false,
        },
      ],
    });

    expect([...settings.groupFields('Private').keys()]).toEqual(['Topic']);
    expect([...settings.groupFields('Public').keys()]).toEqual(['Topic']);
    expect([...settings.groupFields('ChatRoom').keys()]).toEqual([]);
    expect([...settings.memberFields('ChatRoom').keys()]).toEqual(['Level']);
  });

  it('never gives AVChatRoom member custom fields (GRP-32)', () => {
    const settings = resolveGroupSettings({
      groupMemberCustomFields: [
        {
          key: 'Level',
          groupTypes: ['AVChatRoom'],
          readLevel: 'Member',
          writeLevel: 'Admin',
          selfRead: true,
          selfWrite: true,
        },
      ],
    });

    expect(settings.memberFields('AVChatRoom').size).toBe(0);
  });
});
