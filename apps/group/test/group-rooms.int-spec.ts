/**
 * AVChatRoom and BChatRoom over NATS against real servers: members live in Redis (no
 * PostgreSQL row per viewer), join by applying, partial or no member lists, nobody invites
 * or kicks, muting in AVChatRoom, online counts from presence, cleanup on dismissal.
 */
import { randomUUID } from 'node:crypto';

import { ErrorCode, GroupEvt, GroupRpc, PresenceCacheKeys, RemoteError } from '@im/contracts';
import type { PresenceSession } from '@im/contracts';
import { createLogger } from '@im/platform';
import { waitFor } from '@im/testing';

import { GroupCacheKeys } from '../src/group.cache-keys';
import { RoomMemberStore } from '../src/room-member.store';
import { codeOf, GroupWorld, TestApp } from './group.harness';

let world: GroupWorld;

beforeAll(async () => {
  world = await GroupWorld.start();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

const ROOMS_ON = { avChatRoomEnabled: true, bChatRoomEnabled: true };
const VIEWERS = ['v1', 'v2', 'v3', 'v4', 'v5'];

async function liveRoom(t: TestApp): Promise<string> {
  return t.createGroup({ type: 'AVChatRoom', ownerId: 'host' });
}

async function joinAll(t: TestApp, groupId: string, users: string[]): Promise<void> {
  for (const userId of users) await t.user(userId, GroupRpc.ApplyJoin, { groupId });
}

/** A live session of `userId` in presence, as conn-gateway records it. */
async function goOnline(sdkAppId: number, userId: string, expiresInMs = 60_000): Promise<void> {
  const session: PresenceSession = {
    connId: randomUUID(),
    nodeId: 'conn-test',
    platform: 'Web',
    status: 'Online',
    since: Date.now(),
    expiresAt: Date.now() + expiresInMs,
  };
  const key = PresenceCacheKeys.sessions(sdkAppId, userId);
  await world.redis.hset(key, session.connId, JSON.stringify(session));
  await world.redis.expire(key, 120);
}

describe('AVChatRoom', () => {
  it('keeps viewers in a Redis sorted set, not in PostgreSQL', async () => {
    const t = await world.newApp(ROOMS_ON, ['host']);
    const groupId = await liveRoom(t);

    await joinAll(t, groupId, VIEWERS);

    expect(await world.redis.zcard(GroupCacheKeys.roomMembers(t.sdkAppId, groupId))).toBe(6);
    const { rows } = await world.pg.query(
      'SELECT count(*)::int AS n FROM group_members WHERE sdk_app_id = $1',
      [t.sdkAppId],
    );
    expect(rows[0].n).toBe(0);
    expect(await world.redis.ttl(GroupCacheKeys.roomMembers(t.sdkAppId, groupId))).toBeGreaterThan(
      0,
    );
    expect((await t.group(groupId)).memberNum).toBe(6);
  });

  it('lets users join freely (T7) and leave; the owner may not quit (T10)', async () => {
    const t = await world.newApp(ROOMS_ON, ['host']);
    const groupId = await liveRoom(t);

    expect(await t.user('v1', GroupRpc.ApplyJoin, { groupId })).toEqual({ outcome: 'joined' });
    expect(await codeOf(t.user('v1', GroupRpc.ApplyJoin, { groupId }))).toBe(
      ErrorCode.AlreadyGroupMember,
    );
    await t.user('v1', GroupRpc.Quit, { groupId });

    expect((await t.group(groupId)).memberNum).toBe(1);
    expect(await codeOf(t.user('host', GroupRpc.Quit, { groupId }))).toBe(
      ErrorCode.GroupOwnerCannotLeave,
    );
    const joined = await world.events.next(GroupEvt.MemberJoined, t.sdkAppId);
    expect(joined).toMatchObject({ userIds: ['v1'], notification: 'silent', joinKind: 'applied' });
    expect((await world.events.next(GroupEvt.MemberLeft, t.sdkAppId)).userIds).toEqual(['v1']);
  });

  it('admits a burst of joins in batches: each answered, bans, quota and duplicates exact, one fact per batch', async () => {
    const t = await world.newApp({ ...ROOMS_ON, userGroupLimit: 2 }, ['host']);
    const groupId = await liveRoom(t);
    const [full1, full2] = [
      await t.createGroup({ type: 'AVChatRoom' }),
      await t.createGroup({ type: 'AVChatRoom' }),
    ];
    await joinAll(t, full1, ['busy']);
    await joinAll(t, full2, ['busy']);
    await t.admin(GroupRpc.BanMembers, { groupId, userIds: ['barred'], durationSeconds: 600 });
    const viewers = Array.from({ length: 120 }, (_, i) => `burst-${i}`);

    const answers = await Promise.all(
      [...viewers, 'barred', 'busy', 'host', 'burst-7'].map((userId) =>
        t.user(userId, GroupRpc.ApplyJoin, { groupId }).then(
          (r) => r.outcome as string,
          (err: unknown) => (err instanceof RemoteError ? err.code : -1),
        ),
      ),
    );

    expect(answers.slice(0, 120)).toEqual(viewers.map(() => 'joined'));
    expect(answers.slice(120)).toEqual([
      ErrorCode.GroupPermissionDenied,
      ErrorCode.UserGroupQuotaExceeded,
      ErrorCode.AlreadyGroupMember,
      ErrorCode.AlreadyGroupMember,
    ]);
    expect((await t.group(groupId)).memberNum).toBe(121);
    const told = await waitFor(() => {
      const facts = world.events.of(GroupEvt.MemberJoined, t.sdkAppId);
      const mine = facts.filter((f) => f.groupId === groupId);
      return mine.flatMap((f) => f.userIds).length >= 120 ? mine : null;
    });
    expect(told.flatMap((f) => f.userIds).sort()).toEqual([...viewers].sort());
    // arriving together, they were told together: fewer facts than joins
    expect(told.length).toBeLessThan(viewers.length);
    for (const fact of told)
      expect(fact).toMatchObject({
        joinKind: 'applied',
        operatorId: fact.userIds[0],
        notification: 'silent',
      });
    const { rows } = await world.pg.query(
      'SELECT count(*)::int AS n FROM group_members WHERE sdk_app_id = $1',
      [t.sdkAppId],
    );
    expect(rows[0].n).toBe(0);
  });

  it('refuses inviting, App admin included (T8), and kicking, App admin included (T12)', async () => {
    const t = await world.newApp(ROOMS_ON, ['host', 'v1']);
    const groupId = await liveRoom(t);
    await joinAll(t, groupId, ['v1']);

    expect(await codeOf(t.admin(GroupRpc.AddMembers, { groupId, userIds: ['v1'] }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(await codeOf(t.user('host', GroupRpc.AddMembers, { groupId, userIds: ['v1'] }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(await codeOf(t.admin(GroupRpc.RemoveMembers, { groupId, userIds: ['v1'] }))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
    expect(
      await codeOf(t.admin(GroupRpc.ImportMembers, { groupId, members: [{ userId: 'v1' }] })),
    ).toBe(ErrorCode.GroupPermissionDenied);
    expect(
      await codeOf(t.admin(GroupRpc.ModifyMember, { groupId, userId: 'v1', role: 'Admin' })),
    ).toBe(ErrorCode.GroupPermissionDenied);
  });

  it('shows only the earliest joiners (T3, AMB-10a), with the total count', async () => {
    const t = await world.newApp({ ...ROOMS_ON, avChatRoomMemberListMax: 3 }, ['host']);
    const groupId = await liveRoom(t);
    await joinAll(t, groupId, VIEWERS);

    const all = await t.user('v5', GroupRpc.GetMembers, { groupId });
    const page = await t.admin(GroupRpc.GetMembers, { groupId, offset: 1, limit: 5 });

    expect(all.memberNum).toBe(6);
    expect(all.members.map((m) => m.userId)).toEqual(['host', 'v1', 'v2']);
    expect(all.members[0]).toMatchObject({ role: 'Owner' });
    expect(page.members.map((m) => m.userId)).toEqual(['v1', 'v2']);
  });

  it('lets the owner and the App admin mute viewers (T19, AMB-8), which messaging refuses with 10017', async () => {
    const t = await world.newApp(ROOMS_ON, ['host']);
    const groupId = await liveRoom(t);
    await joinAll(t, groupId, ['v1', 'v2']);

    await t.user('host', GroupRpc.MuteMembers, { groupId, userIds: ['v1'], muteTime: 300 });
    await t.admin(GroupRpc.ModifyMember, { groupId, userId: 'v2', muteTime: 300 });

    expect((await t.admin(GroupRpc.GetMuted, { groupId })).members.map((m) => m.userId)).toEqual([
      'v1',
      'v2',
    ]);
    expect(
      await codeOf(t.user('v1', GroupRpc.MuteMembers, { groupId, userIds: ['v2'], muteTime: 5 })),
    ).toBe(ErrorCode.GroupPermissionDenied);
    const context = await t.service(GroupRpc.GetSendContext, { groupId, senderId: 'v1' });
    expect(context).toMatchObject({
      refusalCode: ErrorCode.GroupSenderMuted,
      sender: { role: 'Member' },
    });
    expect(
      (await t.service(GroupRpc.GetSendContext, { groupId, senderId: 'v3' })).refusalCode,
    ).toBe(ErrorCode.GroupPermissionDenied);
  });

  it('keeps NameCard and MsgFlag of a viewer', async () => {
    const t = await world.newApp(ROOMS_ON, ['host']);
    const groupId = await liveRoom(t);
    await joinAll(t, groupId, ['v1']);

    await t.user('v1', GroupRpc.ModifyMember, {
      groupId,
      userId: 'v1',
      nameCard: 'Vee',
      msgFlag: 'Discard',
    });

    const v1 = (await t.admin(GroupRpc.GetMembers, { groupId })).members.find(
      (m) => m.userId === 'v1',
    );
    expect(v1).toMatchObject({ nameCard: 'Vee', msgFlag: 'Discard' });
  });

  it('counts online members from presence (get_online_member_num)', async () => {
    const t = await world.newApp(ROOMS_ON, ['host']);
    const groupId = await liveRoom(t);
    await joinAll(t, groupId, VIEWERS);
    await goOnline(t.sdkAppId, 'v1');
    await goOnline(t.sdkAppId, 'v2');
    await goOnline(t.sdkAppId, 'v3', -1000);
    await goOnline(t.sdkAppId, 'outsider');

    expect(await t.admin(GroupRpc.GetOnlineCount, { groupId })).toEqual({ onlineMemberNum: 2 });
  });

  it('lists a viewer’s rooms only with WithHugeGroups, and counts them in the user quota (AMB-11)', async () => {
    const t = await world.newApp({ ...ROOMS_ON, userGroupLimit: 2 });
    const [a, b, c] = [
      await t.createGroup({ type: 'AVChatRoom' }),
      await t.createGroup({ type: 'AVChatRoom' }),
      await t.createGroup({ type: 'AVChatRoom' }),
    ];
    const bc = await t.createGroup({ type: 'BChatRoom' });
    await joinAll(t, a, ['v1']);
    await joinAll(t, b, ['v1']);

    expect(await codeOf(t.user('v1', GroupRpc.ApplyJoin, { groupId: c }))).toBe(
      ErrorCode.UserGroupQuotaExceeded,
    );
    await t.user('v1', GroupRpc.ApplyJoin, { groupId: bc });
    expect((await t.user('v1', GroupRpc.GetJoined, { userId: 'v1' })).totalCount).toBe(0);
    const huge = await t.user('v1', GroupRpc.GetJoined, { userId: 'v1', withHugeGroups: true });
    expect(huge.groups.map((g) => g.group.groupId).sort()).toEqual([a, b, bc].sort());
  });

  it('drops the room at once on dismissal and forgets it in members’ lists', async () => {
    const t = await world.newApp(ROOMS_ON, ['host']);
    const groupId = await liveRoom(t);
    await joinAll(t, groupId, ['v1', 'v2']);

    await t.user('host', GroupRpc.Destroy, { groupId });

    expect(await world.redis.exists(GroupCacheKeys.roomMembers(t.sdkAppId, groupId))).toBe(0);
    await waitFor(
      async () => (await world.redis.hlen(GroupCacheKeys.userRooms(t.sdkAppId, 'v1'))) === 0,
    );
    expect(
      (await t.user('v2', GroupRpc.GetJoined, { userId: 'v2', withHugeGroups: true })).totalCount,
    ).toBe(0);
    expect((await world.events.next(GroupEvt.Destroyed, t.sdkAppId)).memberIds).toEqual([]);
  });

  it('answers roomDelivery to messaging and refuses read positions (T22)', async () => {
    const t = await world.newApp(ROOMS_ON, ['host']);
    const groupId = await liveRoom(t);

    expect(await t.service(GroupRpc.GetDeliveryMembers, { groupId })).toEqual({
      roomDelivery: true,
      isActive: true,
      members: [],
      next: null,
    });
    expect(
      await codeOf(
        t.service(GroupRpc.SetReadSeq, { groupId, userId: 'host', msgSeq: 1, mode: 'advance' }),
      ),
    ).toBe(ErrorCode.GroupPermissionDenied);
  });

  it('applications wait for the owner when NeedPermission is set', async () => {
    const t = await world.newApp(ROOMS_ON, ['host']);
    const groupId = await t.createGroup({
      type: 'AVChatRoom',
      ownerId: 'host',
      applyJoinOption: 'NeedPermission',
    });

    expect(await t.user('v1', GroupRpc.ApplyJoin, { groupId })).toEqual({ outcome: 'pending' });
    expect((await world.events.next(GroupEvt.JoinRequested, t.sdkAppId)).approverIds).toEqual([
      'host',
    ]);
    await t.user('host', GroupRpc.HandleJoinRequest, { groupId, applicantId: 'v1', approve: true });

    expect((await t.admin(GroupRpc.GetRoles, { groupId, userIds: ['v1'] })).roles).toEqual([
      { userId: 'v1', role: 'Member' },
    ]);
  });
});

describe('live-room member marks (modify_user_info) in Redis', () => {
  const limits = { marksPerRoom: 10, membersPerMark: 1000 };

  it('keeps at most 1,000 members per mark and 10 marks per room, members only, and drops them on leave and dismissal', async () => {
    const store = new RoomMemberStore(world.redis, createLogger('group-test', 'marks', 'silent'));
    const sdkAppId = 1_400_000_000 + Math.floor(Math.random() * 90_000_000);
    const groupId = `@TGS#marks${randomUUID().slice(0, 8)}`;
    const ids = Array.from({ length: 1001 }, (_, i) => `m${i}`);
    const members = GroupCacheKeys.roomMembers(sdkAppId, groupId);
    await world.redis.zadd(members, ...ids.flatMap((u, i) => [i + 1, u]));
    const mark = (userIds: string[], marks: number[]) =>
      userIds.map((userId) => ({ userId, marks }));

    expect(
      await store.modifyMarks(sdkAppId, groupId, 'set', mark(ids.slice(0, 1000), [1000]), limits),
    ).toEqual({
      ok: true,
      userIds: ids.slice(0, 1000),
    });
    expect(
      await store.modifyMarks(sdkAppId, groupId, 'set', mark([ids[1000]], [1000]), limits),
    ).toEqual({
      ok: false,
      limit: 'membersPerMark',
    });
    expect(await store.markHolders(sdkAppId, groupId, 1000)).toHaveLength(1000);
    const nine = Array.from({ length: 9 }, (_, i) => 1001 + i);
    expect(
      await store.modifyMarks(sdkAppId, groupId, 'set', mark(['m0'], nine), limits),
    ).toMatchObject({ ok: true });
    expect(await store.modifyMarks(sdkAppId, groupId, 'set', mark(['m1'], [5000]), limits)).toEqual(
      {
        ok: false,
        limit: 'marksPerRoom',
      },
    );
    expect(
      await store.modifyMarks(sdkAppId, groupId, 'set', mark(['stranger'], [1000]), limits),
    ).toEqual({
      ok: true,
      userIds: [],
    });
    expect(await store.marksOf(sdkAppId, groupId, ['m0', 'm1', 'stranger'])).toEqual(
      new Map([
        ['m0', [1000, ...nine]],
        ['m1', [1000]],
      ]),
    );

    await store.leave(sdkAppId, groupId, ['m0']);
    expect(await store.marksOf(sdkAppId, groupId, ['m0'])).toEqual(new Map());
    expect(
      await store.modifyMarks(sdkAppId, groupId, 'unset', mark(['m1'], [1000]), limits),
    ).toEqual({
      ok: true,
      userIds: ['m1'],
    });
    expect(await store.markHolders(sdkAppId, groupId, 1000)).toHaveLength(998);
    await store.destroy(sdkAppId, groupId);
    expect(await world.redis.exists(GroupCacheKeys.roomMarks(sdkAppId, groupId))).toBe(0);
  });
});

describe('BChatRoom', () => {
  it('lets a burst of quits out in batches: each answered, duplicates and strangers refused, one fact per batch', async () => {
    const t = await world.newApp(ROOMS_ON, ['host']);
    const groupId = await liveRoom(t);
    const viewers = Array.from({ length: 120 }, (_, i) => `leaver-${i}`);
    await joinAll(t, groupId, viewers);

    const answers = await Promise.all(
      [...viewers, 'leaver-7', 'stranger'].map((userId) =>
        t.user(userId, GroupRpc.Quit, { groupId }).then(
          () => 'left',
          (err: unknown) => (err instanceof RemoteError ? err.code : -1),
        ),
      ),
    );

    expect(answers.slice(0, 120)).toEqual(viewers.map(() => 'left'));
    expect(answers.slice(120)).toEqual([
      ErrorCode.GroupPermissionDenied,
      ErrorCode.GroupPermissionDenied,
    ]);
    expect((await t.group(groupId)).memberNum).toBe(1);
    const told = await waitFor(() => {
      const facts = world.events.of(GroupEvt.MemberLeft, t.sdkAppId);
      const mine = facts.filter((f) => f.groupId === groupId);
      return mine.flatMap((f) => f.userIds).length >= 120 ? mine : null;
    });
    expect(told.flatMap((f) => f.userIds).sort()).toEqual([...viewers].sort());
    // leaving together, they were told together: fewer facts than quits
    expect(told.length).toBeLessThan(viewers.length);
    for (const fact of told)
      expect(fact).toMatchObject({ leaveKind: 'quit', operatorId: fact.userIds[0] });
  });

  it('has no owner and no member list (T3, T4); users join and quit; only the App admin sends (T20)', async () => {
    const t = await world.newApp(ROOMS_ON);
    const groupId = await t.createGroup({ type: 'BChatRoom' });

    await joinAll(t, groupId, ['v1', 'v2']);
    await t.user('v2', GroupRpc.Quit, { groupId });

    const list = await t.user('v1', GroupRpc.GetMembers, { groupId });
    expect(list).toEqual({ memberNum: 1, members: [] });
    expect(
      (await t.service(GroupRpc.GetSendContext, { groupId, senderId: 'v1' })).refusalCode,
    ).toBe(ErrorCode.GroupPermissionDenied);
    expect((await t.service(GroupRpc.GetSendContext, { groupId })).refusalCode).toBe(0);
  });

  it('refuses invites, kicks, mutes and dismissal by anyone but the App admin', async () => {
    const t = await world.newApp(ROOMS_ON, ['v1']);
    const groupId = await t.createGroup({ type: 'BChatRoom' });
    await joinAll(t, groupId, ['v1']);

    expect(await codeOf(t.admin(GroupRpc.RemoveMembers, { groupId, userIds: ['v1'] }))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
    for (const outcome of [
      t.admin(GroupRpc.AddMembers, { groupId, userIds: ['v1'] }),
      t.admin(GroupRpc.MuteMembers, { groupId, userIds: ['v1'], muteTime: 60 }),
      t.user('v1', GroupRpc.Destroy, { groupId }),
    ])
      expect(await codeOf(outcome)).toBe(ErrorCode.GroupPermissionDenied);
    await t.admin(GroupRpc.Destroy, { groupId });
  });
});
