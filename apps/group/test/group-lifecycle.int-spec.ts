/**
 * Groups as a whole over NATS, against real servers: creation per type (IDs, defaults,
 * quotas, switches), reading, modifying, dismissing, transferring, listing, searching,
 * importing; the rows written and the events published.
 */
import {
  ErrorCode,
  GroupCreatedEvent,
  GroupDestroyedEvent,
  GroupEvt,
  GroupInfoChangedEvent,
  GroupRpc,
  OwnerChangedEvent,
  RemoteError,
} from '@im/contracts';

import { codeOf, GroupWorld, validationErrors } from './group.harness';

let world: GroupWorld;

beforeAll(async () => {
  world = await GroupWorld.start();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

const ROOMS_ON = { avChatRoomEnabled: true, bChatRoomEnabled: true };

describe(GroupRpc.Create, () => {
  it('creates a Public group with the owner as member and the type defaults (T7, T21)', async () => {
    const t = await world.newApp({}, ['alice', 'bob']);

    const reply = await t.admin(GroupRpc.Create, {
      type: 'Public',
      name: 'Hikers',
      ownerId: 'alice',
      members: [{ userId: 'bob', nameCard: 'B' }],
    });

    expect(reply.groupId).toMatch(/^@TGS#[A-Z0-9]{10}$/);
    expect(await t.group(reply.groupId)).toMatchObject({
      type: 'Public',
      name: 'Hikers',
      ownerId: 'alice',
      memberNum: 2,
      maxMemberNum: 2000,
      applyJoinOption: 'NeedPermission',
      nextMsgSeq: 1,
      infoSeq: 1,
      isActive: true,
    });
    const members = await t.admin(GroupRpc.GetMembers, { groupId: reply.groupId });
    expect(members.members).toEqual([
      expect.objectContaining({ userId: 'alice', role: 'Owner', msgFlag: 'AcceptAndNotify' }),
      expect.objectContaining({ userId: 'bob', role: 'Member', nameCard: 'B' }),
    ]);
    const event = await world.events.next(GroupEvt.Created, t.sdkAppId);
    expect(event).toMatchObject({
      groupId: reply.groupId,
      ownerId: 'alice',
      memberIds: ['alice', 'bob'],
    });
    expect(validationErrors(GroupCreatedEvent, event)).toEqual([]);
  });

  it.each([
    ['Private', 'DisableApply', 200, 'AcceptAndNotify', false],
    ['Work', 'DisableApply', 200, 'AcceptAndNotify', false],
    ['ChatRoom', 'FreeAccess', 10000, 'AcceptNotNotify', true],
    ['Meeting', 'FreeAccess', 10000, 'AcceptNotNotify', true],
  ])(
    'creates a %s group with ApplyJoinOption %s and limit %d',
    async (type, apply, limit, flag, active) => {
      const t = await world.newApp({}, ['alice']);

      const { groupId, type: stored } = await t.admin(GroupRpc.Create, {
        type,
        name: 'g',
        ownerId: 'alice',
      });

      expect(stored).toBe(type === 'Work' ? 'Private' : type === 'Meeting' ? 'ChatRoom' : type);
      expect(await t.group(groupId)).toMatchObject({
        applyJoinOption: apply,
        maxMemberNum: limit,
        isActive: active,
      });
      const [owner] = (await t.admin(GroupRpc.GetMembers, { groupId })).members;
      expect(owner.msgFlag).toBe(flag);
    },
  );

  it('keeps a custom ID, refuses it when taken (10021) or taken by the same owner (10025)', async () => {
    const t = await world.newApp({}, ['alice', 'bob']);
    await t.createGroup({ type: 'Public', groupId: 'club 42', ownerId: 'alice' });

    expect(await t.group('club 42')).toMatchObject({ groupId: 'club 42' });
    expect(
      await codeOf(t.createGroup({ type: 'Public', groupId: 'club 42', ownerId: 'bob' })),
    ).toBe(ErrorCode.GroupIdInUse);
    expect(
      await codeOf(t.createGroup({ type: 'Public', groupId: 'club 42', ownerId: 'alice' })),
    ).toBe(ErrorCode.GroupIdInUseByOperator);
  });

  it.each([['@TGS#mine'], ['x'.repeat(49)], ['grüppe']])(
    'refuses the custom ID %j with 10015',
    async (groupId) => {
      const t = await world.newApp();
      expect(await codeOf(t.createGroup({ type: 'Public', groupId }))).toBe(
        ErrorCode.GroupIdInvalid,
      );
    },
  );

  it('refuses a custom ID from an end user (GRP-25)', async () => {
    const t = await world.newApp({}, ['alice']);
    expect(
      await codeOf(
        t.user('alice', GroupRpc.Create, { type: 'Public', name: 'g', groupId: 'mine' }),
      ),
    ).toBe(ErrorCode.GroupPermissionDenied);
  });

  it('makes the creating user the owner', async () => {
    const t = await world.newApp({}, ['alice']);
    const { groupId } = await t.user('alice', GroupRpc.Create, { type: 'Private', name: 'g' });
    expect((await t.group(groupId)).ownerId).toBe('alice');
  });

  it('refuses an owner or a member that is not imported with 10019', async () => {
    const t = await world.newApp({}, ['alice']);
    expect(await codeOf(t.createGroup({ type: 'Public', ownerId: 'ghost' }))).toBe(
      ErrorCode.GroupAccountNotFound,
    );
    expect(
      await codeOf(
        t.createGroup({ type: 'Public', ownerId: 'alice', members: [{ userId: 'ghost' }] }),
      ),
    ).toBe(ErrorCode.GroupAccountNotFound);
  });

  it('refuses an unknown type with 10004 and creates a Community, with topics only on request', async () => {
    const t = await world.newApp();
    expect(await codeOf(t.createGroup({ type: 'Town' }))).toBe(ErrorCode.GroupInvalidParameter);
    expect(await t.createGroup({ type: 'Community' })).toEqual(expect.any(String));
    expect(await t.createGroup({ type: 'Community', supportTopic: true })).toEqual(
      expect.any(String),
    );
    expect(await codeOf(t.createGroup({ type: 'Public', supportTopic: true }))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
  });

  it('refuses a Name over 30 bytes and an Introduction over 240 bytes with 10004', async () => {
    const t = await world.newApp();
    expect(await codeOf(t.createGroup({ type: 'Public', name: 'é'.repeat(16) }))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
    expect(await codeOf(t.createGroup({ type: 'Public', introduction: 'x'.repeat(241) }))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
    expect(
      await t.createGroup({ type: 'Public', name: 'é'.repeat(10), introduction: 'x'.repeat(240) }),
    ).toEqual(expect.any(String));
  });

  it('needs the feature switch for AVChatRoom and BChatRoom (GRP-4, T28)', async () => {
    const t = await world.newApp();
    expect(await codeOf(t.createGroup({ type: 'AVChatRoom' }))).toBe(
      ErrorCode.PremiumFeatureRequired,
    );
    expect(await codeOf(t.createGroup({ type: 'BChatRoom' }))).toBe(
      ErrorCode.PremiumFeatureRequired,
    );
  });

  it('refuses initial members for AVChatRoom and BChatRoom (T9) and an admin in Private', async () => {
    const t = await world.newApp(ROOMS_ON, ['alice', 'bob']);
    for (const type of ['AVChatRoom', 'BChatRoom'])
      expect(await codeOf(t.createGroup({ type, members: [{ userId: 'bob' }] }))).toBe(
        ErrorCode.GroupPermissionDenied,
      );
    expect(
      await codeOf(
        t.createGroup({
          type: 'Private',
          ownerId: 'alice',
          members: [{ userId: 'bob', role: 'Admin' }],
        }),
      ),
    ).toBe(ErrorCode.GroupPermissionDenied);
  });

  it('creates BChatRoom only as the App admin and never with an owner (AMB-18)', async () => {
    const t = await world.newApp(ROOMS_ON, ['alice']);
    expect(await codeOf(t.user('alice', GroupRpc.Create, { type: 'BChatRoom', name: 'b' }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(await codeOf(t.createGroup({ type: 'BChatRoom', ownerId: 'alice' }))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
    expect(
      await codeOf(t.createGroup({ type: 'BChatRoom', applyJoinOption: 'NeedPermission' })),
    ).toBe(ErrorCode.GroupInvalidParameter);
    const groupId = await t.createGroup({ type: 'BChatRoom' });
    expect(await t.group(groupId)).toMatchObject({ ownerId: null, maxMemberNum: 0, memberNum: 0 });
  });

  it('refuses a MaxMemberCount above the type limit and more members than it', async () => {
    const t = await world.newApp({}, ['alice', 'bob', 'carol']);
    expect(await codeOf(t.createGroup({ type: 'Private', maxMemberNum: 201 }))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
    expect(
      await codeOf(
        t.createGroup({
          type: 'Private',
          ownerId: 'alice',
          maxMemberNum: 2,
          members: [{ userId: 'bob' }, { userId: 'carol' }],
        }),
      ),
    ).toBe(ErrorCode.GroupFull);
  });

  it('caps every finite type by the package member cap (GRP-51)', async () => {
    const t = await world.newApp({ groupMemberCap: 20 });
    const groupId = await t.createGroup({ type: 'ChatRoom' });
    expect((await t.group(groupId)).maxMemberNum).toBe(20);
  });

  it('counts net creations per UTC day; a dismissal gives one back (GRP-39, AMB-11)', async () => {
    const t = await world.newApp({ groupDailyCreateLimit: 2 });
    const first = await t.createGroup({ type: 'Public' });
    await t.createGroup({ type: 'Private' });

    expect(await codeOf(t.createGroup({ type: 'ChatRoom' }))).toBe(ErrorCode.GroupRateLimited);
    await t.admin(GroupRpc.Destroy, { groupId: first });
    expect(await t.createGroup({ type: 'ChatRoom' })).toEqual(expect.any(String));
  });

  it('allows 5 BChatRoom groups per app by default, the sixth with 10036 (T15)', async () => {
    const t = await world.newApp({ ...ROOMS_ON, groupDailyCreateLimit: 0 });
    for (let i = 0; i < 5; i++) await t.createGroup({ type: 'BChatRoom' });

    expect(await codeOf(t.createGroup({ type: 'BChatRoom' }))).toBe(
      ErrorCode.AvChatRoomQuotaExceeded,
    );
    expect(await codeOf(t.createGroup({ type: 'Public' }))).toBe(ErrorCode.GroupRateLimited);
  });

  it('limits the groups of an app (GRP-39) with 10036', async () => {
    const t = await world.newApp({ appGroupLimit: 1 });
    await t.createGroup({ type: 'Public' });
    expect(await codeOf(t.createGroup({ type: 'Public' }))).toBe(ErrorCode.AvChatRoomQuotaExceeded);
  });

  it('creates a custom type declared by the app, with its own rules (GRP-36)', async () => {
    const t = await world.newApp(
      { customGroupTypes: [{ name: 'OAGroup', baseType: 'Private', kickMinRank: 'Member' }] },
      ['alice', 'bob', 'carol'],
    );
    const groupId = await t.createGroup({
      type: 'OAGroup',
      ownerId: 'alice',
      members: [{ userId: 'bob' }, { userId: 'carol' }],
    });

    await t.user('bob', GroupRpc.RemoveMembers, { groupId, userIds: ['carol'] });

    expect(await t.memberIds(groupId)).toEqual(['alice', 'bob']);
    expect((await t.group(groupId)).type).toBe('OAGroup');
  });
});

describe(GroupRpc.GetInfo, () => {
  it('answers each group in request order with its own code (10015, 10010)', async () => {
    const t = await world.newApp();
    const groupId = await t.createGroup({ type: 'Public', name: 'One' });

    const reply = await t.admin(GroupRpc.GetInfo, {
      groupIds: ['nope', groupId, 'x'.repeat(49)],
    });

    expect(reply.groups.map((g) => [g.groupId, g.code])).toEqual([
      ['nope', ErrorCode.GroupNotFound],
      [groupId, 0],
      ['x'.repeat(49), ErrorCode.GroupIdInvalid],
    ]);
  });

  it('shows a Public group to a non-member (GRP-57) but not a Private one (10007)', async () => {
    const t = await world.newApp({}, ['alice', 'eve']);
    const pub = await t.createGroup({ type: 'Public', ownerId: 'alice' });
    const priv = await t.createGroup({ type: 'Private', ownerId: 'alice' });

    const reply = await t.user('eve', GroupRpc.GetInfo, { groupIds: [pub, priv] });

    expect(reply.groups.map((g) => g.code)).toEqual([0, ErrorCode.GroupPermissionDenied]);
  });

  it('answers custom fields only when asked for and readable (AMB-10c, GRP-29)', async () => {
    const t = await world.newApp(
      {
        groupCustomFields: [
          { key: 'Level', groupTypes: ['Public'], readLevel: 'Anyone', writeLevel: 'AppAdmin' },
          { key: 'Secret', groupTypes: ['Public'], readLevel: 'Admin', writeLevel: 'Admin' },
        ],
      },
      ['alice', 'bob'],
    );
    const groupId = await t.createGroup({
      type: 'Public',
      ownerId: 'alice',
      members: [{ userId: 'bob' }],
      customData: [
        { key: 'Level', value: '3' },
        { key: 'Secret', value: 's' },
      ],
    });

    const plain = await t.admin(GroupRpc.GetInfo, { groupIds: [groupId] });
    const asBob = await t.user('bob', GroupRpc.GetInfo, {
      groupIds: [groupId],
      customDataKeys: ['Level', 'Secret'],
    });
    const asAlice = await t.user('alice', GroupRpc.GetInfo, {
      groupIds: [groupId],
      customDataKeys: ['Level', 'Secret'],
    });

    expect(plain.groups[0].group?.customData).toEqual([]);
    expect(asBob.groups[0].group?.customData).toEqual([{ key: 'Level', value: '3' }]);
    expect(asAlice.groups[0].group?.customData).toEqual([
      { key: 'Level', value: '3' },
      { key: 'Secret', value: 's' },
    ]);
  });

  it('refuses an undeclared custom key at creation with 10004', async () => {
    const t = await world.newApp();
    expect(
      await codeOf(t.createGroup({ type: 'Public', customData: [{ key: 'Nope', value: '1' }] })),
    ).toBe(ErrorCode.GroupInvalidParameter);
  });
});

describe(GroupRpc.ModifyInfo, () => {
  it('changes base fields, moves InfoSeq and LastInfoTime, publishes the change (GRP-16, GRP-43)', async () => {
    const t = await world.newApp({}, ['alice']);
    const groupId = await t.createGroup({ type: 'Public', ownerId: 'alice' });

    const reply = await t.admin(GroupRpc.ModifyInfo, {
      groupId,
      name: 'New name',
      notification: 'hello',
      muteAllMember: true,
      applyJoinOption: 'FreeAccess',
    });

    expect(reply).toEqual({
      infoSeq: 2,
      changedFields: ['Name', 'Notification', 'ApplyJoinOption', 'MuteAllMember'],
    });
    expect(await t.group(groupId)).toMatchObject({
      name: 'New name',
      notification: 'hello',
      muteAllMember: true,
      applyJoinOption: 'FreeAccess',
      infoSeq: 2,
    });
    const event = await world.events.next(GroupEvt.InfoChanged, t.sdkAppId);
    expect(event).toMatchObject({
      groupId,
      name: 'New name',
      infoSeq: 2,
      changedFields: reply.changedFields,
    });
    expect(validationErrors(GroupInfoChangedEvent, event)).toEqual([]);
  });

  it('does not move InfoSeq when nothing changes', async () => {
    const t = await world.newApp();
    const groupId = await t.createGroup({ type: 'Public', name: 'Same' });

    expect(await t.admin(GroupRpc.ModifyInfo, { groupId, name: 'Same' })).toEqual({
      infoSeq: 1,
      changedFields: [],
    });
  });

  it('lets any Private member edit the four fields, not a Public member (T2)', async () => {
    const t = await world.newApp({}, ['alice', 'bob']);
    const priv = await t.createGroup({
      type: 'Private',
      ownerId: 'alice',
      members: [{ userId: 'bob' }],
    });
    const pub = await t.createGroup({
      type: 'Public',
      ownerId: 'alice',
      members: [{ userId: 'bob' }],
    });

    await t.user('bob', GroupRpc.ModifyInfo, {
      groupId: priv,
      name: 'by bob',
      faceUrl: 'http://f',
    });

    expect((await t.group(priv)).name).toBe('by bob');
    expect(await codeOf(t.user('bob', GroupRpc.ModifyInfo, { groupId: pub, name: 'x' }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(
      await codeOf(
        t.user('bob', GroupRpc.ModifyInfo, { groupId: priv, applyJoinOption: 'FreeAccess' }),
      ),
    ).toBe(ErrorCode.GroupPermissionDenied);
  });

  it('lets only the App admin set MaxMemberNum, within the limit (AMB-13)', async () => {
    const t = await world.newApp({}, ['alice']);
    const groupId = await t.createGroup({ type: 'Public', ownerId: 'alice' });

    expect(await codeOf(t.user('alice', GroupRpc.ModifyInfo, { groupId, maxMemberNum: 10 }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(await codeOf(t.admin(GroupRpc.ModifyInfo, { groupId, maxMemberNum: 2001 }))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
    await t.admin(GroupRpc.ModifyInfo, { groupId, maxMemberNum: 10 });
    expect((await t.group(groupId)).maxMemberNum).toBe(10);
  });

  it('refuses all-member mute in Private (T19) and on a BChatRoom', async () => {
    const t = await world.newApp(ROOMS_ON, ['alice']);
    const priv = await t.createGroup({ type: 'Private', ownerId: 'alice' });
    const b = await t.createGroup({ type: 'BChatRoom' });
    for (const groupId of [priv, b])
      expect(await codeOf(t.admin(GroupRpc.ModifyInfo, { groupId, muteAllMember: true }))).toBe(
        ErrorCode.GroupPermissionDenied,
      );
  });

  it('ignores ApplyJoinOption of a Private group (T6) and refuses InviteJoinOption of an AVChatRoom', async () => {
    const t = await world.newApp(ROOMS_ON, ['alice']);
    const priv = await t.createGroup({ type: 'Private', ownerId: 'alice' });
    const av = await t.createGroup({ type: 'AVChatRoom', ownerId: 'alice' });

    await t.admin(GroupRpc.ModifyInfo, { groupId: priv, applyJoinOption: 'FreeAccess' });

    expect((await t.group(priv)).applyJoinOption).toBe('DisableApply');
    expect(
      await codeOf(t.admin(GroupRpc.ModifyInfo, { groupId: av, inviteJoinOption: 'FreeAccess' })),
    ).toBe(ErrorCode.GroupInvalidParameter);
  });

  it('writes custom fields at their write level and deletes with an empty value', async () => {
    const t = await world.newApp(
      {
        groupCustomFields: [
          { key: 'Level', groupTypes: ['Public'], readLevel: 'Anyone', writeLevel: 'AppAdmin' },
        ],
      },
      ['alice'],
    );
    const groupId = await t.createGroup({ type: 'Public', ownerId: 'alice' });

    expect(
      await codeOf(
        t.user('alice', GroupRpc.ModifyInfo, {
          groupId,
          customData: [{ key: 'Level', value: '2' }],
        }),
      ),
    ).toBe(ErrorCode.GroupPermissionDenied);
    await t.admin(GroupRpc.ModifyInfo, { groupId, customData: [{ key: 'Level', value: '2' }] });
    const read = () =>
      t.admin(GroupRpc.GetInfo, { groupIds: [groupId], customDataKeys: ['Level'] });
    expect((await read()).groups[0].group?.customData).toEqual([{ key: 'Level', value: '2' }]);
    await t.admin(GroupRpc.ModifyInfo, { groupId, customData: [{ key: 'Level', value: '' }] });
    expect((await read()).groups[0].group?.customData).toEqual([]);
  });

  it('answers 10010 for a group that does not exist', async () => {
    const t = await world.newApp();
    expect(await codeOf(t.admin(GroupRpc.ModifyInfo, { groupId: 'nope', name: 'x' }))).toBe(
      ErrorCode.GroupNotFound,
    );
  });
});

describe(GroupRpc.Destroy, () => {
  it.each([
    ['Private', ErrorCode.GroupPermissionDenied],
    ['Public', 0],
    ['ChatRoom', 0],
    ['AVChatRoom', 0],
  ])('lets the owner of a %s group dismiss it or not (T5)', async (type, code) => {
    const t = await world.newApp(ROOMS_ON, ['alice']);
    const groupId = await t.createGroup({ type, ownerId: 'alice' });

    const answered = await t.user('alice', GroupRpc.Destroy, { groupId }).then(
      () => 0,
      (err: RemoteError) => err.code,
    );

    expect(answered).toBe(code);
    const after = await t.admin(GroupRpc.GetInfo, { groupIds: [groupId] });
    expect(after.groups[0].code).toBe(code ? 0 : ErrorCode.GroupNotFound);
  });

  it('lets the App admin dismiss any group and tells who were members (GRP-41)', async () => {
    const t = await world.newApp(ROOMS_ON, ['alice', 'bob']);
    const priv = await t.createGroup({
      type: 'Private',
      ownerId: 'alice',
      members: [{ userId: 'bob' }],
    });
    const b = await t.createGroup({ type: 'BChatRoom' });

    await t.admin(GroupRpc.Destroy, { groupId: priv });
    await t.admin(GroupRpc.Destroy, { groupId: b });

    const event = await world.events.next(
      GroupEvt.Destroyed,
      t.sdkAppId,
      (e) => e.groupId === priv,
    );
    expect(event).toMatchObject({ memberIds: ['alice', 'bob'], byAppAdmin: true });
    expect(validationErrors(GroupDestroyedEvent, event)).toEqual([]);
    const { rows } = await world.pg.query(
      'SELECT count(*)::int AS n FROM group_members WHERE sdk_app_id = $1',
      [t.sdkAppId],
    );
    expect(rows[0].n).toBe(0);
  });

  it('refuses an admin (only owner and App admin dismiss)', async () => {
    const t = await world.newApp({}, ['alice', 'bob']);
    const groupId = await t.createGroup({
      type: 'Public',
      ownerId: 'alice',
      members: [{ userId: 'bob', role: 'Admin' }],
    });
    expect(await codeOf(t.user('bob', GroupRpc.Destroy, { groupId }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });
});

describe(GroupRpc.ChangeOwner, () => {
  it('makes the new owner Owner and the old one Member (GRP-42), moving InfoSeq', async () => {
    const t = await world.newApp({}, ['alice', 'bob']);
    const groupId = await t.createGroup({
      type: 'Public',
      ownerId: 'alice',
      members: [{ userId: 'bob' }],
    });

    await t.user('alice', GroupRpc.ChangeOwner, { groupId, newOwnerId: 'bob' });

    const roles = await t.admin(GroupRpc.GetRoles, { groupId, userIds: ['alice', 'bob'] });
    expect(roles.roles).toEqual([
      { userId: 'alice', role: 'Member' },
      { userId: 'bob', role: 'Owner' },
    ]);
    expect(await t.group(groupId)).toMatchObject({ ownerId: 'bob', infoSeq: 2 });
    const event = await world.events.next(GroupEvt.OwnerChanged, t.sdkAppId);
    expect(event).toMatchObject({ previousOwnerId: 'alice', newOwnerId: 'bob' });
    expect(validationErrors(OwnerChangedEvent, event)).toEqual([]);
  });

  it('refuses a member, a non-member target (10004), an unknown account (10019), a BChatRoom', async () => {
    const t = await world.newApp(ROOMS_ON, ['alice', 'bob', 'carol']);
    const groupId = await t.createGroup({
      type: 'Public',
      ownerId: 'alice',
      members: [{ userId: 'bob' }],
    });
    const b = await t.createGroup({ type: 'BChatRoom' });

    expect(await codeOf(t.user('bob', GroupRpc.ChangeOwner, { groupId, newOwnerId: 'bob' }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(await codeOf(t.admin(GroupRpc.ChangeOwner, { groupId, newOwnerId: 'carol' }))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
    expect(await codeOf(t.admin(GroupRpc.ChangeOwner, { groupId, newOwnerId: 'ghost' }))).toBe(
      ErrorCode.GroupAccountNotFound,
    );
    expect(await codeOf(t.admin(GroupRpc.ChangeOwner, { groupId: b, newOwnerId: 'bob' }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });

  it('lets the App admin give an ownerless Private group an owner (AMB-9)', async () => {
    const t = await world.newApp({}, ['bob']);
    const groupId = await t.createGroup({ type: 'Private', members: [{ userId: 'bob' }] });

    await t.admin(GroupRpc.ChangeOwner, { groupId, newOwnerId: 'bob' });

    expect((await t.group(groupId)).ownerId).toBe('bob');
  });
});

describe(GroupRpc.ListAppGroups, () => {
  it('pages through the app’s groups with Next, filtered by type', async () => {
    const t = await world.newApp();
    const ids = [];
    for (const type of ['Public', 'Private', 'Public', 'ChatRoom', 'Public'])
      ids.push(await t.createGroup({ type }));

    const first = await t.admin(GroupRpc.ListAppGroups, { limit: 2 });
    const second = await t.admin(GroupRpc.ListAppGroups, { limit: 2, next: first.next });
    const third = await t.admin(GroupRpc.ListAppGroups, { limit: 2, next: second.next });
    const publics = await t.admin(GroupRpc.ListAppGroups, { type: 'Public' });

    expect([...first.groupIds, ...second.groupIds, ...third.groupIds]).toEqual(ids);
    expect(third.next).toBe(0);
    expect(first.totalCount).toBe(5);
    expect(publics).toEqual({ totalCount: 3, groupIds: [ids[0], ids[2], ids[4]], next: 0 });
  });

  it('refuses end users and unknown types', async () => {
    const t = await world.newApp({}, ['alice']);
    expect(await codeOf(t.user('alice', GroupRpc.ListAppGroups, {}))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(await codeOf(t.admin(GroupRpc.ListAppGroups, { type: 'Nope' }))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
  });
});

describe(GroupRpc.Search, () => {
  it.each([
    ['Private', 0],
    ['Public', 1],
    ['ChatRoom', 1],
    ['AVChatRoom', 1],
    ['BChatRoom', 0],
  ])('finds a %s group by exact ID %d time(s) (T1, GRP-53)', async (type, found) => {
    const t = await world.newApp(ROOMS_ON, ['alice', 'eve']);
    const groupId = await t.createGroup({
      type,
      ownerId: type === 'BChatRoom' ? undefined : 'alice',
    });

    const exact = await t.user('eve', GroupRpc.Search, { groupId });
    const partial = await t.user('eve', GroupRpc.Search, { groupId: groupId.slice(0, -1) });

    expect(exact.groups).toHaveLength(found);
    expect(partial.groups).toHaveLength(0);
  });
});

describe(GroupRpc.Import, () => {
  it('imports a group with its original creation time, active at once (GRP-60)', async () => {
    const t = await world.newApp({}, ['alice']);
    const { groupId } = await t.admin(GroupRpc.Import, {
      type: 'Private',
      name: 'old',
      ownerId: 'alice',
      groupId: 'legacy-1',
      createTime: 1_500_000_000,
    });

    expect(await t.group(groupId)).toMatchObject({
      groupId: 'legacy-1',
      createTime: 1_500_000_000,
      isActive: true,
    });
    const event = await world.events.next(GroupEvt.Created, t.sdkAppId);
    expect(event.imported).toBe(true);
  });

  it('refuses AVChatRoom and BChatRoom (T25), members, and end users', async () => {
    const t = await world.newApp(ROOMS_ON, ['alice']);
    for (const type of ['AVChatRoom', 'BChatRoom'])
      expect(await codeOf(t.admin(GroupRpc.Import, { type, name: 'x' }))).toBe(
        ErrorCode.GroupPermissionDenied,
      );
    expect(
      await codeOf(
        t.admin(GroupRpc.Import, { type: 'Public', name: 'x', members: [{ userId: 'alice' }] }),
      ),
    ).toBe(ErrorCode.GroupInvalidParameter);
    expect(await codeOf(t.user('alice', GroupRpc.Import, { type: 'Public', name: 'x' }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });
});

describe(GroupRpc.GetTypeCapabilities, () => {
  it('answers the app’s type table, one type, or a group’s type', async () => {
    const t = await world.newApp({
      customGroupTypes: [{ name: 'Public', baseType: 'Public', preJoinHistoryVisible: true }],
    });
    const groupId = await t.createGroup({ type: 'Public' });

    const all = await t.service(GroupRpc.GetTypeCapabilities, {});
    const one = await t.service(GroupRpc.GetTypeCapabilities, { type: 'Meeting' });
    const ofGroup = await t.service(GroupRpc.GetTypeCapabilities, { groupId });

    expect(all.types.map((c) => c.type)).toEqual([
      'Private',
      'Public',
      'ChatRoom',
      'AVChatRoom',
      'BChatRoom',
      'Community',
    ]);
    expect(one.types[0]).toMatchObject({ type: 'ChatRoom', preJoinHistoryVisible: true });
    expect(ofGroup.types[0]).toMatchObject({ type: 'Public', preJoinHistoryVisible: true });
  });
});
