/**
 * Offline-member cleanup (GRP-62, T13, AMB-19) over NATS against real servers: the sweep
 * removes ordinary members without a live session (conn-gateway presence, written here as the
 * gateway writes it) from groups of the types an app switched it on for; never the owner or
 * admins; nothing anywhere else.
 */
import { randomUUID } from 'node:crypto';

import { GroupEvt, GroupRpc, PresenceCacheKeys } from '@im/contracts';
import type { AppSettings, PresenceSession } from '@im/contracts';

import { GroupCacheKeys } from '../src/group.cache-keys';
import { OFFLINE_SWEEP_REASON, OfflineMemberSweeper } from '../src/offline-member.task';
import { GroupWorld, TestApp } from './group.harness';

let world: GroupWorld;
let sweeper: OfflineMemberSweeper;

beforeAll(async () => {
  world = await GroupWorld.start();
  sweeper = world.service.get(OfflineMemberSweeper);
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

/** A session of `userId` in presence, as conn-gateway records it (expired when negative). */
async function session(sdkAppId: number, userId: string, expiresInMs = 60_000): Promise<void> {
  const s: PresenceSession = {
    connId: randomUUID(),
    nodeId: 'conn-test',
    platform: 'Web',
    status: 'Online',
    since: Date.now(),
    expiresAt: Date.now() + expiresInMs,
  };
  const key = PresenceCacheKeys.sessions(sdkAppId, userId);
  await world.redis.hset(key, s.connId, JSON.stringify(s));
  await world.redis.expire(key, 120);
}

const cleanup = (...types: { name: string; baseType: string }[]): AppSettings => ({
  avChatRoomEnabled: true,
  customGroupTypes: types.map((t) => ({
    ...t,
    baseType: t.baseType as 'Public',
    offlineMemberCleanup: true,
  })),
});

const PEOPLE = ['owner', 'admin', 'on', 'off', 'expired'];

async function publicGroup(t: TestApp, type = 'Public'): Promise<string> {
  return t.createGroup({
    type,
    ownerId: 'owner',
    members: [
      { userId: 'admin', role: 'Admin' },
      { userId: 'on' },
      { userId: 'off' },
      { userId: 'expired' },
    ],
  });
}

describe('offline-member cleanup (GRP-62)', () => {
  it('is off by default: nobody offline is removed', async () => {
    const t = await world.newApp({}, PEOPLE);
    const groupId = await publicGroup(t);

    await sweeper.sweep();

    expect(await t.memberIds(groupId)).toEqual(['admin', 'expired', 'off', 'on', 'owner']);
  });

  it('removes offline ordinary members of a type switched on, never the owner or admins', async () => {
    const t = await world.newApp(cleanup({ name: 'Public', baseType: 'Public' }), PEOPLE);
    const groupId = await publicGroup(t);
    const chatRoom = await t.createGroup({
      type: 'ChatRoom',
      ownerId: 'owner',
      members: [{ userId: 'off' }],
    });
    await session(t.sdkAppId, 'on');
    await session(t.sdkAppId, 'expired', -1000);

    const result = await sweeper.sweep();

    expect(result.ran).toBe(true);
    expect(await t.memberIds(groupId)).toEqual(['admin', 'on', 'owner']);
    expect((await t.group(groupId)).memberNum).toBe(3);
    expect(await t.memberIds(chatRoom)).toEqual(['off', 'owner']);
    const kicked = await world.events.next(
      GroupEvt.MemberKicked,
      t.sdkAppId,
      (e) => e.groupId === groupId,
    );
    expect(kicked).toMatchObject({
      userIds: expect.arrayContaining(['off', 'expired']),
      reason: OFFLINE_SWEEP_REASON,
      byAppAdmin: true,
      notification: 'shown',
    });
    expect(kicked.userIds).toHaveLength(2);
    const joined = await t.admin(GroupRpc.GetJoined, { userId: 'off' });
    expect(joined.groups.map((g) => g.group.groupId)).toEqual([chatRoom]);
  });

  it('applies to a custom type declared with it, not to its base type', async () => {
    const t = await world.newApp(cleanup({ name: 'Club', baseType: 'ChatRoom' }), PEOPLE);
    const club = await publicGroup(t, 'Club');
    const plain = await publicGroup(t, 'ChatRoom');

    await sweeper.sweep();

    expect(await t.memberIds(club)).toEqual(['admin', 'owner']);
    expect(await t.memberIds(plain)).toEqual(['admin', 'expired', 'off', 'on', 'owner']);
  });

  it('removes offline viewers of a live room but keeps its owner', async () => {
    const t = await world.newApp(cleanup({ name: 'AVChatRoom', baseType: 'AVChatRoom' }), ['host']);
    const groupId = await t.createGroup({ type: 'AVChatRoom', ownerId: 'host' });
    for (const userId of ['v1', 'v2', 'v3']) await t.user(userId, GroupRpc.ApplyJoin, { groupId });
    await session(t.sdkAppId, 'v1');

    await sweeper.sweep();

    expect((await t.group(groupId)).memberNum).toBe(2);
    expect(
      (
        await t.admin(GroupRpc.GetRoles, { groupId, userIds: ['host', 'v1', 'v2', 'v3'] })
      ).roles.map((r) => r.role),
    ).toEqual(['Owner', 'Member', 'NotMember', 'NotMember']);
    expect(await world.redis.hget(GroupCacheKeys.userRooms(t.sdkAppId, 'v2'), groupId)).toBeNull();
    const kicked = await world.events.next(
      GroupEvt.MemberKicked,
      t.sdkAppId,
      (e) => e.groupId === groupId,
    );
    expect([...kicked.userIds].sort()).toEqual(['v2', 'v3']);
  });

  it('runs once per period across instances (a Redis lock)', async () => {
    await world.redis.del(GroupCacheKeys.offlineSweepLock());

    const [first, second] = await Promise.all([sweeper.sweepIfDue(), sweeper.sweepIfDue()]);

    expect([first.ran, second.ran].sort()).toEqual([false, true]);
    expect(await world.redis.pttl(GroupCacheKeys.offlineSweepLock())).toBeGreaterThan(0);
  });
});
