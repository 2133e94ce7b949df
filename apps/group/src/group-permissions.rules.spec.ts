import { BuiltinGroupTypes, ErrorCode } from '@im/contracts';
import type { BuiltinGroupType, GroupTypeCapabilities } from '@im/contracts';

import {
  actorRank,
  applyJoinOptionFor,
  applyOutcome,
  effectiveMemberLimit,
  fieldLevelAllows,
  mayAddMembers,
  mayCreate,
  mayDismiss,
  mayEditBaseField,
  mayEditMsgFlag,
  mayEditNameCard,
  mayHandleJoinRequests,
  mayMuteMember,
  mayQuit,
  mayReadGroupInfo,
  mayRemoveMember,
  maySetRole,
  mayTransferOwnership,
  memberChangeNotification,
  memberFieldAllows,
  memberListAccess,
  memberRemovalSupported,
  sendVerdict,
} from './group-permissions.rules';
import { BUILTIN_CAPABILITIES, resolveCustomType, typeTable } from './group-types.rules';

// Table 7-1 has the five original types; Community's row is checked in group-topic.rules.spec.ts.
type Row = Record<Exclude<BuiltinGroupType, 'Community'>, unknown>;
const row = (
  Private: unknown,
  Public: unknown,
  ChatRoom: unknown,
  AVChatRoom: unknown,
  BChatRoom: unknown,
): Row => ({
  Private,
  Public,
  ChatRoom,
  AVChatRoom,
  BChatRoom,
});

/**
 * Table 7-1 of docs/requirements.md, cell by cell: for each dimension, what the rules answer for each
 * built-in type. Each `[dimension, type]` pair is one test case (GRP-3).
 */
const TABLE_7_1: [string, (caps: GroupTypeCapabilities) => unknown, Row][] = [
  [
    'T1 discoverable by exact search (non-members read public info)',
    (c) => [c.searchable, mayReadGroupInfo(c, 'NonMember')],
    row([false, false], [true, true], [true, true], [true, true], [false, false]),
  ],
  [
    'T2 ordinary members edit Name/Introduction/Notification/FaceUrl, nothing else',
    (c) => [
      mayEditBaseField(c, 'Member', 'Name'),
      mayEditBaseField(c, 'Member', 'Introduction'),
      mayEditBaseField(c, 'Member', 'Notification'),
      mayEditBaseField(c, 'Member', 'FaceUrl'),
      mayEditBaseField(c, 'Member', 'ApplyJoinOption'),
      mayEditBaseField(c, 'Member', 'MaxMemberNum'),
    ],
    row(
      [true, true, true, true, false, false],
      [false, false, false, false, false, false],
      [false, false, false, false, false, false],
      [false, false, false, false, false, false],
      [false, false, false, false, false, false],
    ),
  ],
  [
    'T3 member list clients can fetch',
    (c) => memberListAccess(c, 'Member'),
    row('full', 'full', 'full', 'partial', 'none'),
  ],
  [
    'T4 roles present (owner, admins)',
    (c) => [c.hasOwner, c.adminsAllowed],
    row([true, false], [true, true], [true, true], [true, false], [false, false]),
  ],
  [
    'T5 owner may dismiss (the App admin always may)',
    (c) => [mayDismiss(c, 'Owner'), mayDismiss(c, 'AppAdmin'), mayDismiss(c, 'Admin')],
    row(
      [false, true, false],
      [true, true, false],
      [true, true, false],
      [true, true, false],
      [false, true, false],
    ),
  ],
  [
    'T6 applications follow ApplyJoinOption (never in Private)',
    (c) => [
      applyOutcome(c, 'FreeAccess'),
      applyOutcome(c, 'NeedPermission'),
      applyOutcome(c, 'DisableApply'),
    ],
    row(
      ['refused', 'refused', 'refused'],
      ['joined', 'pending', 'refused'],
      ['joined', 'pending', 'refused'],
      ['joined', 'pending', 'refused'],
      ['joined', 'pending', 'refused'],
    ),
  ],
  [
    'T7 default ApplyJoinOption',
    (c) => applyJoinOptionFor(c, undefined),
    row(
      { option: 'DisableApply' },
      { option: 'NeedPermission' },
      { option: 'FreeAccess' },
      { option: 'FreeAccess' },
      { option: 'FreeAccess' },
    ),
  ],
  [
    'T8 adding others to an existing group (member, admin, App admin)',
    (c) => [mayAddMembers(c, 'Member'), mayAddMembers(c, 'Admin'), mayAddMembers(c, 'AppAdmin')],
    row(
      [true, true, true],
      [false, true, true],
      [false, true, true],
      [false, false, false],
      [false, false, false],
    ),
  ],
  [
    'T9 initial members at creation',
    (c) => c.initialMembersAllowed,
    row(true, true, true, false, false),
  ],
  ['T10 owner may quit', (c) => mayQuit(c, 'Owner'), row(true, false, false, false, false)],
  [
    'T11 owner may appoint admins',
    (c) => [maySetRole(c, 'Owner'), maySetRole(c, 'AppAdmin'), maySetRole(c, 'Admin')],
    row(
      [false, false, false],
      [true, true, false],
      [true, true, false],
      [false, false, false],
      [false, false, false],
    ),
  ],
  [
    'T12 who may remove an ordinary member (member, admin, owner, App admin)',
    (c) => [
      mayRemoveMember(c, 'Member', 'Member'),
      mayRemoveMember(c, 'Admin', 'Member'),
      mayRemoveMember(c, 'Owner', 'Member'),
      mayRemoveMember(c, 'AppAdmin', 'Member'),
    ],
    row(
      [false, false, true, true],
      [false, true, true, true],
      [false, true, true, true],
      [false, false, false, false],
      [false, false, false, false],
    ),
  ],
  [
    'T13 periodic removal of offline members',
    (c) => c.offlineMemberCleanup,
    row(false, false, false, false, false),
  ],
  ['T14 member limit', (c) => c.memberLimit, row(200, 2000, 10000, null, null)],
  [
    'T15 creation quota',
    (c) => c.creationQuota,
    row('daily', 'daily', 'daily', 'daily', 'bchatroom'),
  ],
  [
    'T16 pre-join history visible',
    (c) => c.preJoinHistoryVisible,
    row(false, false, true, false, false),
  ],
  [
    'T17 member-change notification',
    (c) => memberChangeNotification(c, true),
    row('shown', 'shown', 'none', 'silent', 'none'),
  ],
  [
    'T18 needs a first message to activate',
    (c) => c.needsActivation,
    row(true, false, false, false, false),
  ],
  [
    'T19 muting members (owner mutes an ordinary member)',
    (c) => [c.muteSupported, mayMuteMember(c, 'Owner', 'Member')],
    row([false, false], [true, true], [true, true], [true, true], [false, false]),
  ],
  [
    'T20 who may send (a member, the App admin)',
    (c) => [
      sendVerdict(c, false, { role: 'Member', muteUntil: 0 }, false, 100).code,
      sendVerdict(c, true, null, false, 100).code,
    ],
    row([0, 0], [0, 0], [0, 0], [0, 0], [ErrorCode.GroupPermissionDenied, 0]),
  ],
  [
    'T21 default MsgFlag',
    (c) => c.defaultMsgFlag,
    row(
      'AcceptAndNotify',
      'AcceptAndNotify',
      'AcceptNotNotify',
      'AcceptNotNotify',
      'AcceptNotNotify',
    ),
  ],
  ['T22 unread count', (c) => c.unreadSupported, row(true, true, false, false, false)],
  ['T23 guests receive', (c) => c.guestReceive, row(false, false, false, true, true)],
  ['T24 roaming days', (c) => c.roamingDays, row(7, 7, 7, 0, 0)],
  ['T25 import allowed', (c) => c.importAllowed, row(true, true, true, false, false)],
  ['T26 automatic recycling', (c) => c.autoRecycle, row(false, false, false, false, false)],
  ['T27 member custom fields', (c) => c.memberCustomFields, row(true, true, true, false, false)],
  ['T28 feature switch', (c) => c.featureSwitch, row(null, null, null, 'avChatRoom', 'bChatRoom')],
];

describe('Table 7-1 (GRP-3)', () => {
  const TABLE_TYPES = BuiltinGroupTypes.filter(
    (t): t is keyof Row => t !== 'Community', // its row: group-topic.rules.spec.ts
  );
  describe.each(TABLE_7_1)('%s', (_dimension, rule, expected) => {
    it.each(TABLE_TYPES)('%s', (type) => {
      expect(rule(BUILTIN_CAPABILITIES[type])).toEqual(expected[type]);
    });
  });

  it('stores members of the unlimited types in rooms, the others in tables', () => {
    expect(BuiltinGroupTypes.map((t) => BUILTIN_CAPABILITIES[t].storage)).toEqual([
      'table',
      'table',
      'table',
      'room',
      'room',
      'table',
    ]);
  });
});

describe('rank rules (GRP-12, GRP-13)', () => {
  const pub = BUILTIN_CAPABILITIES.Public;

  it('ranks the App admin above the owner and a non-member below everyone', () => {
    expect(actorRank(true, null)).toBe('AppAdmin');
    expect(actorRank(false, 'Admin')).toBe('Admin');
    expect(actorRank(false, null)).toBe('NonMember');
  });

  it('lets admins remove ordinary members but not admins or the owner', () => {
    expect(mayRemoveMember(pub, 'Admin', 'Member')).toBe(true);
    expect(mayRemoveMember(pub, 'Admin', 'Admin')).toBe(false);
    expect(mayRemoveMember(pub, 'Admin', 'Owner')).toBe(false);
  });

  it('supports removing members everywhere but in the live rooms, where nobody removes', () => {
    const supported = BuiltinGroupTypes.filter((type) =>
      memberRemovalSupported(BUILTIN_CAPABILITIES[type]),
    );
    expect(supported).toEqual(['Private', 'Public', 'ChatRoom', 'Community']);
  });

  it('lets the owner and the App admin remove admins; nobody removes the owner', () => {
    expect(mayRemoveMember(pub, 'Owner', 'Admin')).toBe(true);
    expect(mayRemoveMember(pub, 'AppAdmin', 'Admin')).toBe(true);
    expect(mayRemoveMember(pub, 'AppAdmin', 'Owner')).toBe(false);
  });

  it('mutes with the same ranks', () => {
    expect(mayMuteMember(pub, 'Admin', 'Member')).toBe(true);
    expect(mayMuteMember(pub, 'Admin', 'Admin')).toBe(false);
    expect(mayMuteMember(pub, 'Owner', 'Admin')).toBe(true);
    expect(mayMuteMember(pub, 'AppAdmin', 'Owner')).toBe(false);
    expect(mayMuteMember(pub, 'Member', 'Member')).toBe(false);
  });

  it('lets owner and App admin transfer ownership, only in types with an owner', () => {
    expect(mayTransferOwnership(pub, 'Owner')).toBe(true);
    expect(mayTransferOwnership(pub, 'AppAdmin')).toBe(true);
    expect(mayTransferOwnership(pub, 'Admin')).toBe(false);
    expect(mayTransferOwnership(BUILTIN_CAPABILITIES.BChatRoom, 'AppAdmin')).toBe(false);
  });

  it('lets admins and above decide on applications', () => {
    expect(mayHandleJoinRequests('Admin')).toBe(true);
    expect(mayHandleJoinRequests('Member')).toBe(false);
  });

  it('lets admins, owner and App admin edit base info of a Public group (AMB-7)', () => {
    expect(mayEditBaseField(pub, 'Admin', 'Name')).toBe(true);
    expect(mayEditBaseField(pub, 'Owner', 'Notification')).toBe(true);
    expect(mayEditBaseField(pub, 'AppAdmin', 'FaceUrl')).toBe(true);
  });

  it('reserves MaxMemberNum to the App admin (AMB-13)', () => {
    expect(mayEditBaseField(pub, 'Owner', 'MaxMemberNum')).toBe(false);
    expect(mayEditBaseField(pub, 'AppAdmin', 'MaxMemberNum')).toBe(true);
  });

  it('lets only the App admin edit a BChatRoom', () => {
    const b = BUILTIN_CAPABILITIES.BChatRoom;
    expect(mayEditBaseField(b, 'Owner', 'Name')).toBe(false);
    expect(mayEditBaseField(b, 'AppAdmin', 'Name')).toBe(true);
    expect(mayEditBaseField(b, 'AppAdmin', 'MuteAllMember')).toBe(false);
  });

  it('lets members edit their own NameCard; admins only ordinary members’ (AMB-14)', () => {
    expect(mayEditNameCard('Member', true, 'Member')).toBe(true);
    expect(mayEditNameCard('Member', false, 'Member')).toBe(false);
    expect(mayEditNameCard('Admin', false, 'Member')).toBe(true);
    expect(mayEditNameCard('Admin', false, 'Admin')).toBe(false);
    expect(mayEditNameCard('Owner', false, 'Admin')).toBe(true);
  });

  it('keeps MsgFlag the member’s own (and the App admin’s)', () => {
    expect(mayEditMsgFlag('Member', true)).toBe(true);
    expect(mayEditMsgFlag('Owner', false)).toBe(false);
    expect(mayEditMsgFlag('AppAdmin', false)).toBe(true);
  });

  it('lets only the App admin create a BChatRoom (AMB-18)', () => {
    expect(mayCreate(BUILTIN_CAPABILITIES.BChatRoom, false)).toBe(false);
    expect(mayCreate(BUILTIN_CAPABILITIES.BChatRoom, true)).toBe(true);
    expect(mayCreate(BUILTIN_CAPABILITIES.Public, false)).toBe(true);
  });

  it('refuses NeedPermission where nobody could approve (BChatRoom, AMB-18)', () => {
    expect(applyJoinOptionFor(BUILTIN_CAPABILITIES.BChatRoom, 'NeedPermission')).toEqual({
      refused: expect.any(String),
    });
    expect(applyJoinOptionFor(BUILTIN_CAPABILITIES.Private, 'FreeAccess')).toEqual({
      option: 'DisableApply',
    });
  });

  it('denies the member list to non-members', () => {
    expect(memberListAccess(pub, 'NonMember')).toBe('denied');
    expect(memberListAccess(pub, 'AppAdmin')).toBe('full');
  });
});

describe(sendVerdict.name, () => {
  const pub = BUILTIN_CAPABILITIES.Public;

  it('refuses a non-member with 10007', () => {
    expect(sendVerdict(pub, false, null, false, 100).code).toBe(ErrorCode.GroupPermissionDenied);
  });

  it('refuses a muted member with 10017 until the mute ends', () => {
    expect(sendVerdict(pub, false, { role: 'Member', muteUntil: 101 }, false, 100).code).toBe(
      ErrorCode.GroupSenderMuted,
    );
    expect(sendVerdict(pub, false, { role: 'Member', muteUntil: 100 }, false, 100).code).toBe(0);
  });

  it('silences ordinary members, not admins or the owner, under all-member mute', () => {
    expect(sendVerdict(pub, false, { role: 'Member', muteUntil: 0 }, true, 100).code).toBe(
      ErrorCode.GroupSenderMuted,
    );
    expect(sendVerdict(pub, false, { role: 'Admin', muteUntil: 0 }, true, 100).code).toBe(0);
    expect(sendVerdict(pub, true, null, true, 100).code).toBe(0);
  });
});

describe(effectiveMemberLimit.name, () => {
  it('is the smallest of type limit, package cap and MaxMemberNum (GRP-51)', () => {
    expect(effectiveMemberLimit(BUILTIN_CAPABILITIES.ChatRoom, 20, null)).toBe(20);
    expect(effectiveMemberLimit(BUILTIN_CAPABILITIES.Private, 10000, null)).toBe(200);
    expect(effectiveMemberLimit(BUILTIN_CAPABILITIES.Public, null, 50)).toBe(50);
    expect(effectiveMemberLimit(BUILTIN_CAPABILITIES.Public, null, 0)).toBe(2000);
  });

  it('has no limit for AVChatRoom and BChatRoom whatever the cap', () => {
    expect(effectiveMemberLimit(BUILTIN_CAPABILITIES.AVChatRoom, 20, 5)).toBeNull();
    expect(effectiveMemberLimit(BUILTIN_CAPABILITIES.BChatRoom, 20, 5)).toBeNull();
  });
});

describe('custom fields levels (GRP-29, GRP-30, AMB-10d)', () => {
  it('allows an actor at or above the level', () => {
    expect(fieldLevelAllows('Anyone', 'NonMember')).toBe(true);
    expect(fieldLevelAllows('Member', 'NonMember')).toBe(false);
    expect(fieldLevelAllows('Admin', 'Owner')).toBe(true);
    expect(fieldLevelAllows('AppAdmin', 'Owner')).toBe(false);
    expect(fieldLevelAllows('AppAdmin', 'AppAdmin')).toBe(true);
  });

  it('applies the self flags on one’s own record and the levels on others’', () => {
    const level = {
      readLevel: 'Admin',
      writeLevel: 'AppAdmin',
      selfRead: true,
      selfWrite: false,
    } as const;
    expect(memberFieldAllows(level, 'read', 'Member', true)).toBe(true);
    expect(memberFieldAllows(level, 'write', 'Member', true)).toBe(false);
    expect(memberFieldAllows(level, 'read', 'Member', false)).toBe(false);
    expect(memberFieldAllows(level, 'read', 'Admin', false)).toBe(true);
    expect(memberFieldAllows(level, 'write', 'AppAdmin', false)).toBe(true);
  });
});

describe('custom group types (GRP-36, AMB-17)', () => {
  it('expresses an OAGroup in which ordinary members remove ordinary members', () => {
    const oa = resolveCustomType({ name: 'OAGroup', baseType: 'Private', kickMinRank: 'Member' });

    expect(oa.type).toBe('OAGroup');
    expect(mayRemoveMember(oa, 'Member', 'Member')).toBe(true);
    expect(mayRemoveMember(oa, 'Member', 'Owner')).toBe(false);
    expect(oa.memberLimit).toBe(200);
  });

  it('changes a built-in type for the app: Public with pre-join history visible', () => {
    const table = typeTable([{ name: 'Public', baseType: 'Public', preJoinHistoryVisible: true }]);

    expect(table.get('Public')?.preJoinHistoryVisible).toBe(true);
    expect(table.get('Private')).toBe(BUILTIN_CAPABILITIES.Private);
  });

  it('switches offline-member cleanup on for a type (T13, GRP-62), off elsewhere', () => {
    const table = typeTable([{ name: 'Public', baseType: 'Public', offlineMemberCleanup: true }]);

    expect(table.get('Public')?.offlineMemberCleanup).toBe(true);
    expect(table.get('ChatRoom')?.offlineMemberCleanup).toBe(false);
  });

  it('keeps a room-based type unlimited, without full lists, admins or member fields', () => {
    const live = resolveCustomType({
      name: 'Live',
      baseType: 'AVChatRoom',
      memberLimit: 50,
      memberListVisibility: 'full',
      adminsAllowed: true,
      memberCustomFields: true,
    });

    expect(live).toMatchObject({
      storage: 'room',
      memberLimit: null,
      memberListVisibility: 'partial',
      adminsAllowed: false,
      memberCustomFields: false,
      featureSwitch: 'avChatRoom',
    });
  });

  it('takes away owner rights from a type without owner', () => {
    const t = resolveCustomType({ name: 'Board', baseType: 'Public', hasOwner: false });

    expect(t).toMatchObject({ adminsAllowed: false, ownerMayDismiss: false, ownerMayQuit: false });
  });

  it('ignores a declaration that names a built-in type over another base', () => {
    expect(typeTable([{ name: 'Public', baseType: 'Private' }]).get('Public')).toBe(
      BUILTIN_CAPABILITIES.Public,
    );
  });
});
