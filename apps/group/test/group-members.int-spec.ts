/**
 * Memberships of table-stored groups (Private, Public, ChatRoom) over NATS against real
 * servers: adding, importing, removing, quitting, applying, approving, roles, mute, member
 * information, lists, the per-user quota and deleted accounts.
 */
import {
  ErrorCode,
  GroupEvt,
  GroupRpc,
  JoinRequestedEvent,
  MemberJoinedEvent,
  MemberKickedEvent,
  MemberLeftEvent,
  MemberMutedEvent,
  MemberResults,
  RoleChangedEvent,
} from '@im/contracts';
import { waitFor } from '@im/testing';

import { codeOf, GroupWorld, TestApp, validationErrors } from './group.harness';

let world: GroupWorld;

beforeAll(async () => {
  world = await GroupWorld.start();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

/** A group of `type` owned by alice, with bob as admin (where allowed) and carol, dave as members. */
async function staffedGroup(t: TestApp, type: string): Promise<string> {
  const admins = type === 'Public' || type === 'ChatRoom';
  return t.createGroup({
    type,
    ownerId: 'alice',
    members: [
      { userId: 'bob', role: admins ? 'Admin' : 'Member' },
      { userId: 'carol' },
      { userId: 'dave' },
    ],
  });
}

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];

describe(GroupRpc.AddMembers, () => {
  it('lets any Private member add users directly, with per-user results (T8)', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Private');

    const reply = await t.user('carol', GroupRpc.AddMembers, {
      groupId,
      userIds: ['erin', 'dave', 'ghost', 'erin'],
    });

    expect(reply.results).toEqual([
      { userId: 'erin', result: MemberResults.Added, code: 0 },
      { userId: 'dave', result: MemberResults.AlreadyMember, code: 0 },
      { userId: 'ghost', result: MemberResults.Failed, code: ErrorCode.GroupAccountNotFound },
    ]);
    expect((await t.group(groupId)).memberNum).toBe(5);
    const event = await world.events.next(GroupEvt.MemberJoined, t.sdkAppId);
    expect(event).toMatchObject({ userIds: ['erin'], joinKind: 'added', operatorId: 'carol' });
    expect(validationErrors(MemberJoinedEvent, event)).toEqual([]);
  });

  it.each(['Public', 'ChatRoom'])(
    'refuses an ordinary %s member adding (10007); admins, owner and App admin add (AMB-5)',
    async (type) => {
      const t = await world.newApp({}, PEOPLE);
      const groupId = await staffedGroup(t, type);

      expect(
        await codeOf(t.user('carol', GroupRpc.AddMembers, { groupId, userIds: ['erin'] })),
      ).toBe(ErrorCode.GroupPermissionDenied);
      await t.user('bob', GroupRpc.AddMembers, { groupId, userIds: ['erin'] });
      await t.admin(GroupRpc.AddMembers, { groupId, userIds: ['frank'] });
      expect(await t.memberIds(groupId)).toEqual([
        'alice',
        'bob',
        'carol',
        'dave',
        'erin',
        'frank',
      ]);
    },
  );

  it('refuses a non-member adding to a Private group', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Private');
    expect(await codeOf(t.user('erin', GroupRpc.AddMembers, { groupId, userIds: ['frank'] }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });

  it('refuses a batch that would overflow the group with 10014, adding nobody (GRP-51)', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await t.createGroup({ type: 'Private', ownerId: 'alice', maxMemberNum: 3 });

    expect(
      await codeOf(t.admin(GroupRpc.AddMembers, { groupId, userIds: ['bob', 'carol', 'dave'] })),
    ).toBe(ErrorCode.GroupFull);
    expect(await t.memberIds(groupId)).toEqual(['alice']);
    await t.admin(GroupRpc.AddMembers, { groupId, userIds: ['bob', 'carol'] });
    expect(await t.memberIds(groupId)).toEqual(['alice', 'bob', 'carol']);
  });

  it('fails users already in as many groups as allowed with 10037 (GRP-52)', async () => {
    const t = await world.newApp({ userGroupLimit: 1 }, PEOPLE);
    await t.createGroup({ type: 'Public', ownerId: 'bob' });
    const groupId = await t.createGroup({ type: 'Public', ownerId: 'alice' });

    const reply = await t.admin(GroupRpc.AddMembers, { groupId, userIds: ['bob', 'carol'] });

    expect(reply.results).toEqual([
      { userId: 'bob', result: MemberResults.Failed, code: ErrorCode.UserGroupQuotaExceeded },
      { userId: 'carol', result: MemberResults.Added, code: 0 },
    ]);
    expect(await codeOf(t.createGroup({ type: 'Public', ownerId: 'carol' }))).toBe(
      ErrorCode.UserGroupQuotaExceeded,
    );
  });

  it('does not notify members with Silence, nor of an inactive Private group (T17, GRP-40)', async () => {
    const t = await world.newApp({}, PEOPLE);
    const pub = await staffedGroup(t, 'Public');
    const priv = await staffedGroup(t, 'Private');
    const chat = await staffedGroup(t, 'ChatRoom');

    await t.admin(GroupRpc.AddMembers, { groupId: pub, userIds: ['erin'], silence: true });
    await t.admin(GroupRpc.AddMembers, { groupId: priv, userIds: ['erin'] });
    await t.admin(GroupRpc.AddMembers, { groupId: chat, userIds: ['erin'] });

    const of = (groupId: string) =>
      world.events.next(GroupEvt.MemberJoined, t.sdkAppId, (e) => e.groupId === groupId);
    expect((await of(pub)).notification).toBe('none');
    expect((await of(priv)).notification).toBe('none');
    expect((await of(chat)).notification).toBe('none');
  });
});

describe(GroupRpc.RemoveMembers, () => {
  it('refuses an ordinary member kicking in Public with 10007 (T12)', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Public');
    expect(
      await codeOf(t.user('carol', GroupRpc.RemoveMembers, { groupId, userIds: ['dave'] })),
    ).toBe(ErrorCode.GroupPermissionDenied);
  });

  it('lets an admin remove ordinary members with a reason, not admins or the owner (GRP-13)', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Public');
    await t.admin(GroupRpc.AddMembers, { groupId, userIds: ['erin'] });
    await t.admin(GroupRpc.ModifyMember, { groupId, userId: 'erin', role: 'Admin' });

    expect(
      await codeOf(t.user('bob', GroupRpc.RemoveMembers, { groupId, userIds: ['erin'] })),
    ).toBe(ErrorCode.GroupPermissionDenied);
    expect(
      await codeOf(t.user('bob', GroupRpc.RemoveMembers, { groupId, userIds: ['alice'] })),
    ).toBe(ErrorCode.GroupPermissionDenied);
    await t.user('bob', GroupRpc.RemoveMembers, {
      groupId,
      userIds: ['carol', 'dave', 'nobody'],
      reason: 'spam',
    });

    expect(await t.memberIds(groupId)).toEqual(['alice', 'bob', 'erin']);
    expect((await t.group(groupId)).memberNum).toBe(3);
    const event = await world.events.next(GroupEvt.MemberKicked, t.sdkAppId);
    expect(event).toMatchObject({ userIds: ['carol', 'dave'], reason: 'spam', operatorId: 'bob' });
    expect(validationErrors(MemberKickedEvent, event)).toEqual([]);
  });

  it('lets the owner remove an admin, and nobody the owner, App admin included', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'ChatRoom');

    await t.user('alice', GroupRpc.RemoveMembers, { groupId, userIds: ['bob'] });
    expect(await codeOf(t.admin(GroupRpc.RemoveMembers, { groupId, userIds: ['alice'] }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(await t.memberIds(groupId)).toEqual(['alice', 'carol', 'dave']);
  });

  it('lets only the Private owner and the App admin remove (T12)', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Private');

    expect(
      await codeOf(t.user('bob', GroupRpc.RemoveMembers, { groupId, userIds: ['carol'] })),
    ).toBe(ErrorCode.GroupPermissionDenied);
    await t.user('alice', GroupRpc.RemoveMembers, { groupId, userIds: ['carol'] });
    await t.admin(GroupRpc.RemoveMembers, { groupId, userIds: ['dave'] });
    expect(await t.memberIds(groupId)).toEqual(['alice', 'bob']);
  });

  it('treats naming only oneself as quitting', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Public');

    await t.user('carol', GroupRpc.RemoveMembers, { groupId, userIds: ['carol'] });

    expect(await t.memberIds(groupId)).toEqual(['alice', 'bob', 'dave']);
    expect((await world.events.next(GroupEvt.MemberLeft, t.sdkAppId)).leaveKind).toBe('quit');
  });
});

describe(GroupRpc.Quit, () => {
  it.each(['Public', 'ChatRoom'])(
    'refuses the owner quitting a %s group with 10009 (T10)',
    async (type) => {
      const t = await world.newApp({}, PEOPLE);
      const groupId = await staffedGroup(t, type);
      expect(await codeOf(t.user('alice', GroupRpc.Quit, { groupId }))).toBe(
        ErrorCode.GroupOwnerCannotLeave,
      );
    },
  );

  it('lets the owner quit a Private group, which is then ownerless (T10)', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Private');

    await t.user('alice', GroupRpc.Quit, { groupId });

    expect(await t.group(groupId)).toMatchObject({ ownerId: null, memberNum: 3 });
    const left = await world.events.next(GroupEvt.MemberLeft, t.sdkAppId);
    expect(validationErrors(MemberLeftEvent, left)).toEqual([]);
    expect(await world.events.next(GroupEvt.OwnerChanged, t.sdkAppId)).toMatchObject({
      previousOwnerId: 'alice',
      newOwnerId: null,
    });
  });

  it('lets a member quit and refuses a non-member and the App admin', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Public');

    await t.user('dave', GroupRpc.Quit, { groupId });

    expect(await t.memberIds(groupId)).toEqual(['alice', 'bob', 'carol']);
    expect(await codeOf(t.user('dave', GroupRpc.Quit, { groupId }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(await codeOf(t.admin(GroupRpc.Quit, { groupId }))).toBe(ErrorCode.GroupPermissionDenied);
  });
});

describe(GroupRpc.ApplyJoin, () => {
  it('joins a FreeAccess group at once (GRP-48)', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'ChatRoom');

    expect(await t.user('erin', GroupRpc.ApplyJoin, { groupId })).toEqual({ outcome: 'joined' });
    expect(await codeOf(t.user('erin', GroupRpc.ApplyJoin, { groupId }))).toBe(
      ErrorCode.AlreadyGroupMember,
    );
    expect((await world.events.next(GroupEvt.MemberJoined, t.sdkAppId)).joinKind).toBe('applied');
  });

  it('refuses applications to Private (T6) and DisableApply groups with 10007', async () => {
    const t = await world.newApp({}, PEOPLE);
    const priv = await staffedGroup(t, 'Private');
    const closed = await t.createGroup({
      type: 'Public',
      ownerId: 'alice',
      applyJoinOption: 'DisableApply',
    });

    expect(await codeOf(t.user('erin', GroupRpc.ApplyJoin, { groupId: priv }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(await codeOf(t.user('erin', GroupRpc.ApplyJoin, { groupId: closed }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });

  it('queues an application to a NeedPermission group for the owner and admins, who approve it', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Public');

    expect(await t.user('erin', GroupRpc.ApplyJoin, { groupId, message: 'hi' })).toEqual({
      outcome: 'pending',
    });
    const requested = await world.events.next(GroupEvt.JoinRequested, t.sdkAppId);
    expect(requested).toMatchObject({
      applicantId: 'erin',
      message: 'hi',
      approverIds: ['alice', 'bob'],
    });
    expect(validationErrors(JoinRequestedEvent, requested)).toEqual([]);
    expect(await codeOf(t.user('carol', GroupRpc.GetJoinRequests, { groupId }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect((await t.user('bob', GroupRpc.GetJoinRequests, { groupId })).requests).toEqual([
      { applicantId: 'erin', message: 'hi', createdAt: expect.any(Number) },
    ]);
    expect(
      await codeOf(
        t.user('carol', GroupRpc.HandleJoinRequest, {
          groupId,
          applicantId: 'erin',
          approve: true,
        }),
      ),
    ).toBe(ErrorCode.GroupPermissionDenied);

    await t.user('bob', GroupRpc.HandleJoinRequest, {
      groupId,
      applicantId: 'erin',
      approve: true,
    });

    expect(await t.memberIds(groupId)).toContain('erin');
    expect(
      await codeOf(
        t.user('alice', GroupRpc.HandleJoinRequest, {
          groupId,
          applicantId: 'erin',
          approve: true,
        }),
      ),
    ).toBe(ErrorCode.GroupRequestAlreadyHandled);
    expect(await world.events.next(GroupEvt.JoinRequestHandled, t.sdkAppId)).toMatchObject({
      applicantId: 'erin',
      approved: true,
    });
    expect(
      (await world.events.next(GroupEvt.MemberJoined, t.sdkAppId, (e) => e.joinKind === 'approved'))
        .userIds,
    ).toEqual(['erin']);
  });

  it('rejects an application; the applicant stays out', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Public');
    await t.user('erin', GroupRpc.ApplyJoin, { groupId });

    await t.user('alice', GroupRpc.HandleJoinRequest, {
      groupId,
      applicantId: 'erin',
      approve: false,
      reason: 'no',
    });

    expect(await t.memberIds(groupId)).not.toContain('erin');
    expect(await world.events.next(GroupEvt.JoinRequestHandled, t.sdkAppId)).toMatchObject({
      approved: false,
      reason: 'no',
    });
    expect((await t.admin(GroupRpc.GetJoinRequests, { groupId })).requests).toEqual([]);
  });

  it('keeps the application when approving would overflow the group (10014)', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await t.createGroup({ type: 'Public', ownerId: 'alice', maxMemberNum: 1 });
    await t.user('erin', GroupRpc.ApplyJoin, { groupId });

    expect(
      await codeOf(
        t.user('alice', GroupRpc.HandleJoinRequest, {
          groupId,
          applicantId: 'erin',
          approve: true,
        }),
      ),
    ).toBe(ErrorCode.GroupFull);
    expect((await t.admin(GroupRpc.GetJoinRequests, { groupId })).requests).toHaveLength(1);
  });
});

describe(GroupRpc.ModifyMember, () => {
  it('lets the owner appoint and revoke admins (T11), publishing the change', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Public');

    await t.user('alice', GroupRpc.ModifyMember, { groupId, userId: 'carol', role: 'Admin' });
    await t.user('alice', GroupRpc.ModifyMember, { groupId, userId: 'bob', role: 'Member' });

    const roles = await t.admin(GroupRpc.GetRoles, { groupId, userIds: ['bob', 'carol', 'zed'] });
    expect(roles.roles).toEqual([
      { userId: 'bob', role: 'Member' },
      { userId: 'carol', role: 'Admin' },
      { userId: 'zed', role: 'NotMember' },
    ]);
    const event = await world.events.next(GroupEvt.RoleChanged, t.sdkAppId);
    expect(event).toMatchObject({ userId: 'carol', role: 'Admin' });
    expect(validationErrors(RoleChangedEvent, event)).toEqual([]);
  });

  it('refuses an admin appointing admins, roles in Private, and changing the owner’s role', async () => {
    const t = await world.newApp({}, PEOPLE);
    const pub = await staffedGroup(t, 'Public');
    const priv = await staffedGroup(t, 'Private');

    expect(
      await codeOf(
        t.user('bob', GroupRpc.ModifyMember, { groupId: pub, userId: 'carol', role: 'Admin' }),
      ),
    ).toBe(ErrorCode.GroupPermissionDenied);
    expect(
      await codeOf(
        t.admin(GroupRpc.ModifyMember, { groupId: priv, userId: 'carol', role: 'Admin' }),
      ),
    ).toBe(ErrorCode.GroupPermissionDenied);
    expect(
      await codeOf(
        t.admin(GroupRpc.ModifyMember, { groupId: pub, userId: 'alice', role: 'Member' }),
      ),
    ).toBe(ErrorCode.GroupPermissionDenied);
    expect(
      await codeOf(t.admin(GroupRpc.ModifyMember, { groupId: pub, userId: 'zed', nameCard: 'z' })),
    ).toBe(ErrorCode.GroupInvalidParameter);
  });

  it('lets a member set their own NameCard and MsgFlag, not another’s (GRP-44, AMB-14)', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Public');

    await t.user('carol', GroupRpc.ModifyMember, {
      groupId,
      userId: 'carol',
      nameCard: 'C',
      msgFlag: 'Discard',
    });
    await t.user('bob', GroupRpc.ModifyMember, { groupId, userId: 'dave', nameCard: 'D' });

    expect(
      await codeOf(
        t.user('carol', GroupRpc.ModifyMember, { groupId, userId: 'dave', nameCard: 'x' }),
      ),
    ).toBe(ErrorCode.GroupPermissionDenied);
    expect(
      await codeOf(
        t.user('alice', GroupRpc.ModifyMember, { groupId, userId: 'dave', msgFlag: 'Discard' }),
      ),
    ).toBe(ErrorCode.GroupPermissionDenied);
    const { members } = await t.admin(GroupRpc.GetMembers, { groupId });
    expect(members.find((m) => m.userId === 'carol')).toMatchObject({
      nameCard: 'C',
      msgFlag: 'Discard',
    });
    expect(members.find((m) => m.userId === 'dave')).toMatchObject({ nameCard: 'D' });
    expect((await world.events.next(GroupEvt.MemberInfoChanged, t.sdkAppId)).changedFields).toEqual(
      ['MsgFlag', 'NameCard'],
    );
  });

  it('applies member custom field levels and self flags (GRP-30, AMB-10d)', async () => {
    const t = await world.newApp(
      {
        groupMemberCustomFields: [
          {
            key: 'MemberLevel',
            groupTypes: ['Public'],
            readLevel: 'Admin',
            writeLevel: 'Admin',
            selfRead: true,
            selfWrite: false,
          },
        ],
      },
      PEOPLE,
    );
    const groupId = await staffedGroup(t, 'Public');
    const set = (as: string, userId: string) =>
      t.user(as, GroupRpc.ModifyMember, {
        groupId,
        userId,
        customData: [{ key: 'MemberLevel', value: '5' }],
      });

    expect(await codeOf(set('carol', 'carol'))).toBe(ErrorCode.GroupPermissionDenied);
    await set('bob', 'carol');
    await set('bob', 'dave');
    const read = (as: string) =>
      t.user(as, GroupRpc.GetMembers, { groupId, memberCustomDataKeys: ['MemberLevel'] });

    const byCarol = (await read('carol')).members;
    expect(byCarol.find((m) => m.userId === 'carol')?.customData).toEqual([
      { key: 'MemberLevel', value: '5' },
    ]);
    expect(byCarol.find((m) => m.userId === 'dave')?.customData).toEqual([]);
    expect((await read('bob')).members.find((m) => m.userId === 'dave')?.customData).toEqual([
      { key: 'MemberLevel', value: '5' },
    ]);
  });

  it('mutes with MuteTime like forbid_send_msg', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Public');

    await t.user('bob', GroupRpc.ModifyMember, { groupId, userId: 'carol', muteTime: 600 });

    const muted = await t.admin(GroupRpc.GetMuted, { groupId });
    expect(muted.members).toEqual([{ userId: 'carol', muteUntil: expect.any(Number) }]);
  });
});

describe(GroupRpc.MuteMembers, () => {
  it('mutes for a period, answers the muted list and tells messaging 10017 (GRP-45)', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Public');

    const before = Math.floor(Date.now() / 1000);
    const reply = await t.user('bob', GroupRpc.MuteMembers, {
      groupId,
      userIds: ['carol', 'dave', 'zed'],
      muteTime: 60,
    });
    const after = Math.ceil(Date.now() / 1000);

    expect(reply.userIds.sort()).toEqual(['carol', 'dave']);
    expect(reply.muteUntil).toBeGreaterThanOrEqual(before + 60);
    expect(reply.muteUntil).toBeLessThanOrEqual(after + 60);
    expect((await t.admin(GroupRpc.GetMuted, { groupId })).members.map((m) => m.userId)).toEqual([
      'carol',
      'dave',
    ]);
    const context = await t.service(GroupRpc.GetSendContext, { groupId, senderId: 'carol' });
    expect(context.refusalCode).toBe(ErrorCode.GroupSenderMuted);
    const event = await world.events.next(GroupEvt.MemberMuted, t.sdkAppId);
    expect(validationErrors(MemberMutedEvent, event)).toEqual([]);

    await t.user('bob', GroupRpc.MuteMembers, { groupId, userIds: ['carol'], muteTime: 0 });
    expect(
      (await t.service(GroupRpc.GetSendContext, { groupId, senderId: 'carol' })).refusalCode,
    ).toBe(0);
  });

  it('keeps 4294967295 as a permanent mute', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'ChatRoom');

    await t.admin(GroupRpc.MuteMembers, { groupId, userIds: ['carol'], muteTime: 4294967295 });

    expect((await t.admin(GroupRpc.GetMuted, { groupId })).members).toEqual([
      { userId: 'carol', muteUntil: 4294967295 },
    ]);
  });

  it('refuses muting in Private (T19), by members, of admins by admins, of the owner', async () => {
    const t = await world.newApp({}, PEOPLE);
    const priv = await staffedGroup(t, 'Private');
    const pub = await staffedGroup(t, 'Public');
    await t.admin(GroupRpc.AddMembers, { groupId: pub, userIds: ['erin'] });
    await t.admin(GroupRpc.ModifyMember, { groupId: pub, userId: 'erin', role: 'Admin' });
    const mute = (as: string, groupId: string, userId: string) =>
      codeOf(t.user(as, GroupRpc.MuteMembers, { groupId, userIds: [userId], muteTime: 60 }));

    expect(await mute('alice', priv, 'carol')).toBe(ErrorCode.GroupPermissionDenied);
    expect(await mute('carol', pub, 'dave')).toBe(ErrorCode.GroupPermissionDenied);
    expect(await mute('bob', pub, 'erin')).toBe(ErrorCode.GroupPermissionDenied);
    expect(
      await codeOf(
        t.admin(GroupRpc.MuteMembers, { groupId: pub, userIds: ['alice'], muteTime: 60 }),
      ),
    ).toBe(ErrorCode.GroupPermissionDenied);
    await t.user('alice', GroupRpc.MuteMembers, { groupId: pub, userIds: ['erin'], muteTime: 60 });
  });
});

describe(GroupRpc.GetMembers, () => {
  it('pages members in join order with role filters and the total (GRP-54)', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await t.createGroup({
      type: 'Public',
      ownerId: 'alice',
      members: [
        { userId: 'bob', role: 'Admin', joinTime: 100 },
        { userId: 'carol', joinTime: 200 },
        { userId: 'dave', joinTime: 300 },
      ],
    });

    const page = await t.admin(GroupRpc.GetMembers, { groupId, offset: 1, limit: 2 });
    const admins = await t.admin(GroupRpc.GetMembers, { groupId, roles: ['Owner', 'Admin'] });

    expect(page.memberNum).toBe(4);
    expect(page.members.map((m) => [m.userId, m.joinTime])).toEqual([
      ['carol', 200],
      ['dave', 300],
    ]);
    expect(admins.members.map((m) => m.userId)).toEqual(['bob', 'alice']);
  });

  it('refuses non-members with 10007', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await staffedGroup(t, 'Public');
    expect(await codeOf(t.user('erin', GroupRpc.GetMembers, { groupId }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });
});

describe(GroupRpc.GetJoined, () => {
  it('lists a user’s groups with their own record; inactive Private groups only for the owner (GRP-40)', async () => {
    const t = await world.newApp({}, PEOPLE);
    const priv = await staffedGroup(t, 'Private');
    const pub = await staffedGroup(t, 'Public');

    const bob = await t.admin(GroupRpc.GetJoined, { userId: 'bob' });
    const bobAll = await t.admin(GroupRpc.GetJoined, { userId: 'bob', withInactive: true });
    const alice = await t.user('alice', GroupRpc.GetJoined, { userId: 'alice' });

    expect(bob.groups.map((g) => g.group.groupId)).toEqual([pub]);
    expect(bob.groups[0].self).toMatchObject({ role: 'Admin' });
    expect(bobAll.totalCount).toBe(2);
    expect(alice.groups.map((g) => g.group.groupId).sort()).toEqual([priv, pub].sort());

    await t.service(GroupRpc.AllocateMsgSeq, { groupId: priv, senderId: 'alice' });
    expect((await t.admin(GroupRpc.GetJoined, { userId: 'bob' })).totalCount).toBe(2);
  });

  it('filters by type, pages, and refuses another user’s list to an end user', async () => {
    const t = await world.newApp({}, PEOPLE);
    for (let i = 0; i < 3; i++) await staffedGroup(t, 'Public');
    await staffedGroup(t, 'ChatRoom');

    const page = await t.admin(GroupRpc.GetJoined, {
      userId: 'carol',
      type: 'Public',
      limit: 2,
      offset: 1,
    });

    expect(page.totalCount).toBe(3);
    expect(page.groups).toHaveLength(2);
    expect(await codeOf(t.user('dave', GroupRpc.GetJoined, { userId: 'carol' }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
  });
});

describe(GroupRpc.ImportMembers, () => {
  it('imports members with roles, join times and unread counts (GRP-60)', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await t.createGroup({ type: 'Public', ownerId: 'alice' });
    // messaging stored 15 messages; this service has heard of 10 so far (notes lag a second)
    await t.service(GroupRpc.AllocateMsgSeq, { groupId, count: 10 });
    world.messageLines.set(`${t.sdkAppId}|${groupId}`, 15);
    const joinTime = Math.floor(Date.now() / 1000); // not before the group's creation

    const reply = await t.admin(GroupRpc.ImportMembers, {
      groupId,
      members: [
        { userId: 'bob', role: 'Admin', joinTime, unreadMsgNum: 3 },
        { userId: 'carol', joinTime: 1_500_000_000 },
        { userId: 'alice' },
        { userId: 'ghost' },
      ],
    });

    expect(reply.results).toEqual([
      { userId: 'bob', result: MemberResults.Added, code: 0 },
      { userId: 'carol', result: MemberResults.Failed, code: ErrorCode.GroupInvalidParameter },
      { userId: 'alice', result: MemberResults.AlreadyMember, code: 0 },
      { userId: 'ghost', result: MemberResults.Failed, code: ErrorCode.GroupAccountNotFound },
    ]);
    const bob = (await t.admin(GroupRpc.GetMembers, { groupId })).members.find(
      (m) => m.userId === 'bob',
    );
    // 3 unread as of messaging's seq 15, not as of the 10 heard of: NextMsgSeq is raised
    expect(bob).toMatchObject({ role: 'Admin', joinTime, msgSeq: 12 });
    const joined = await t.admin(GroupRpc.GetJoined, { userId: 'bob' });
    expect(joined.groups[0].unreadMsgNum).toBe(3);
    const fact = await world.events.next(GroupEvt.MemberJoined, t.sdkAppId);
    expect(fact).toMatchObject({
      userIds: ['bob'],
      joinKind: 'imported',
      asOfSeq: 15,
      readSeqs: [12],
      unreads: [3],
    });
    // a late note of messages up to 15 changes nothing
    await t.service(GroupRpc.AllocateMsgSeq, { groupId, count: 5, lastSeq: 15 });
    expect((await t.admin(GroupRpc.GetJoined, { userId: 'bob' })).groups[0].unreadMsgNum).toBe(3);
  });

  it('sets a read position as of messaging’s seq, which a late note does not undo', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await t.createGroup({
      type: 'Public',
      ownerId: 'alice',
      members: [{ userId: 'bob' }],
    });
    await t.service(GroupRpc.AllocateMsgSeq, { groupId, count: 3 });

    await t.service(GroupRpc.SetReadSeq, {
      groupId,
      userId: 'bob',
      msgSeq: 18,
      asOfSeq: 20,
      mode: 'set',
    });
    const unread = async () =>
      (await t.admin(GroupRpc.GetJoined, { userId: 'bob' })).groups[0].unreadMsgNum;
    expect(await unread()).toBe(2);
    await t.service(GroupRpc.AllocateMsgSeq, { groupId, count: 17, lastSeq: 20 });
    expect(await unread()).toBe(2);
    await t.service(GroupRpc.AllocateMsgSeq, { groupId, count: 1, lastSeq: 21 });
    expect(await unread()).toBe(3);
  });

  it('fails an Admin import into Private per member, refuses end users', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await t.createGroup({ type: 'Private', ownerId: 'alice' });

    const reply = await t.admin(GroupRpc.ImportMembers, {
      groupId,
      members: [{ userId: 'bob', role: 'Admin' }],
    });

    expect(reply.results).toEqual([
      { userId: 'bob', result: MemberResults.Failed, code: ErrorCode.GroupPermissionDenied },
    ]);
    expect(
      await codeOf(
        t.user('alice', GroupRpc.ImportMembers, { groupId, members: [{ userId: 'bob' }] }),
      ),
    ).toBe(ErrorCode.GroupPermissionDenied);
  });
});

describe('deleted accounts (account.evt.deleted)', () => {
  it('removes a deleted user from every group; a deleted owner leaves the group ownerless', async () => {
    const t = await world.newApp({}, PEOPLE);
    const pub = await staffedGroup(t, 'Public');
    const priv = await staffedGroup(t, 'Private');
    await t.user('erin', GroupRpc.ApplyJoin, { groupId: pub });

    await t.deleteAccounts('alice', 'carol', 'erin');

    // Users are removed one after another, each from every group, then their join requests:
    // wait until the last step (erin's request gone) and the last group are done.
    await waitFor(
      async () =>
        (await t.memberIds(pub)).join() === 'bob,dave' &&
        (await t.memberIds(priv)).join() === 'bob,dave' &&
        (await t.admin(GroupRpc.GetJoinRequests, { groupId: pub })).requests.length === 0,
      { timeoutMs: 10_000, message: 'deleted accounts removed' },
    );
    expect(await t.memberIds(priv)).toEqual(['bob', 'dave']);
    expect(await t.group(pub)).toMatchObject({ ownerId: null, memberNum: 2 });
    expect((await t.admin(GroupRpc.GetJoinRequests, { groupId: pub })).requests).toEqual([]);
    const left = await world.events.next(
      GroupEvt.MemberLeft,
      t.sdkAppId,
      (e) => e.leaveKind === 'account-deleted',
    );
    expect(validationErrors(MemberLeftEvent, left)).toEqual([]);
  });
});
