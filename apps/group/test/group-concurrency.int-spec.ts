/**
 * Limits under concurrency and tenant isolation, over NATS against real servers.
 */
import { ErrorCode, GroupRpc, RemoteError } from '@im/contracts';

import { codeOf, GroupWorld } from './group.harness';

let world: GroupWorld;

beforeAll(async () => {
  world = await GroupWorld.start();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

const users = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('concurrency', () => {
  it('ends 300 simultaneous joins to a Private group of limit 200 with exactly 200 members', async () => {
    const joiners = users(300);
    const t = await world.newApp({}, joiners);
    const groupId = await t.createGroup({ type: 'Private' });

    // All at once, each waiting as long as it takes (the joins queue on the group): the
    // outcome is checked, not how long it took on a machine that may be busy.
    const outcomes = await Promise.allSettled(
      joiners.map((userId) =>
        world.bus.request(
          GroupRpc.AddMembers,
          { groupId, userIds: [userId] },
          { ...t.options(), timeoutMs: 120_000 },
        ),
      ),
    );

    const tally = new Map<string, number>();
    for (const o of outcomes) {
      const key =
        o.status === 'fulfilled'
          ? `result ${o.value.results[0].result}`
          : `code ${(o.reason as RemoteError).code ?? (o.reason as Error).message}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(tally)).toEqual({
      'result 1': 200,
      [`code ${ErrorCode.GroupFull}`]: 100,
    });
    expect((await t.group(groupId)).memberNum).toBe(200);
    const { rows } = await world.pg.query(
      'SELECT count(*)::int AS n FROM group_members WHERE sdk_app_id = $1 AND group_id = $2',
      [t.sdkAppId, groupId],
    );
    expect(rows[0].n).toBe(200);
  }, 180_000);

  it('ends 300 users applying at once to a FreeAccess group of 200 seats with exactly 200', async () => {
    const joiners = users(300, 'a');
    const t = await world.newApp({}, ['owner', ...joiners]);
    const groupId = await t.createGroup({
      type: 'Public',
      ownerId: 'owner',
      maxMemberNum: 200,
      applyJoinOption: 'FreeAccess',
    });

    const outcomes = await Promise.allSettled(
      joiners.map((userId) =>
        world.bus.request(
          GroupRpc.ApplyJoin,
          { groupId },
          { ...t.options('user', userId), timeoutMs: 120_000 },
        ),
      ),
    );

    const tally = new Map<string, number>();
    for (const o of outcomes) {
      const key =
        o.status === 'fulfilled'
          ? o.value.outcome
          : `code ${(o.reason as RemoteError).code ?? (o.reason as Error).message}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(tally)).toEqual({
      joined: 199,
      [`code ${ErrorCode.GroupFull}`]: 101,
    });
    expect((await t.group(groupId)).memberNum).toBe(200);
  }, 180_000);

  it('keeps the daily creation quota exact under concurrent creations', async () => {
    const t = await world.newApp({ groupDailyCreateLimit: 10 });

    const outcomes = await Promise.allSettled(
      Array.from({ length: 25 }, () => t.createGroup({ type: 'Public' })),
    );

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
    expect((await t.admin(GroupRpc.ListAppGroups, {})).totalCount).toBe(10);
  });

  it('keeps the per-user quota exact when one user joins many groups at once', async () => {
    const t = await world.newApp({ userGroupLimit: 3 }, ['solo']);
    const groups = await Promise.all(
      Array.from({ length: 8 }, () => t.createGroup({ type: 'ChatRoom' })),
    );

    const outcomes = await Promise.all(
      groups.map((groupId) =>
        t.user('solo', GroupRpc.ApplyJoin, { groupId }).catch((e: RemoteError) => e.code),
      ),
    );

    expect(outcomes.filter((o) => typeof o === 'object')).toHaveLength(3);
    expect(outcomes.filter((o) => o === ErrorCode.UserGroupQuotaExceeded)).toHaveLength(5);
  });
});

describe('tenant isolation (PLT-2)', () => {
  it('keeps the same group ID and users of two apps independent', async () => {
    const a = await world.newApp({}, ['alice', 'bob']);
    const b = await world.newApp({}, ['alice', 'carol']);
    await a.createGroup({ type: 'Public', groupId: 'shared', ownerId: 'alice', name: 'A' });
    await b.createGroup({ type: 'Private', groupId: 'shared', ownerId: 'alice', name: 'B' });

    await a.admin(GroupRpc.AddMembers, { groupId: 'shared', userIds: ['bob'] });
    await b.admin(GroupRpc.ModifyInfo, { groupId: 'shared', name: 'B2' });

    expect(await a.group('shared')).toMatchObject({ name: 'A', type: 'Public', memberNum: 2 });
    expect(await b.group('shared')).toMatchObject({ name: 'B2', type: 'Private', memberNum: 1 });
    expect(await a.memberIds('shared')).toEqual(['alice', 'bob']);
    expect(await b.memberIds('shared')).toEqual(['alice']);
    expect(
      (await a.admin(GroupRpc.GetJoined, { userId: 'alice' })).groups.map((g) => g.group.type),
    ).toEqual(['Public']);
  });

  it('cannot see, change or dismiss another app’s group', async () => {
    const a = await world.newApp({}, ['alice']);
    const b = await world.newApp({}, ['alice', 'carol']);
    const groupId = await a.createGroup({ type: 'Public', ownerId: 'alice' });

    expect((await b.admin(GroupRpc.GetInfo, { groupIds: [groupId] })).groups[0].code).toBe(
      ErrorCode.GroupNotFound,
    );
    expect(await codeOf(b.admin(GroupRpc.ModifyInfo, { groupId, name: 'x' }))).toBe(
      ErrorCode.GroupNotFound,
    );
    expect(await codeOf(b.admin(GroupRpc.AddMembers, { groupId, userIds: ['carol'] }))).toBe(
      ErrorCode.GroupNotFound,
    );
    expect(await codeOf(b.admin(GroupRpc.Destroy, { groupId }))).toBe(ErrorCode.GroupNotFound);
    expect(await codeOf(b.user('alice', GroupRpc.ApplyJoin, { groupId }))).toBe(
      ErrorCode.GroupNotFound,
    );
    expect((await b.admin(GroupRpc.ListAppGroups, {})).totalCount).toBe(0);
    expect((await b.admin(GroupRpc.Search, { groupId })).groups).toEqual([]);
    expect((await a.group(groupId)).memberNum).toBe(1);
  });

  it('counts quotas per app', async () => {
    const a = await world.newApp({ groupDailyCreateLimit: 1 });
    const b = await world.newApp({ groupDailyCreateLimit: 1 });
    await a.createGroup({ type: 'Public' });

    expect(await b.createGroup({ type: 'Public' })).toEqual(expect.any(String));
    expect(await codeOf(a.createGroup({ type: 'Public' }))).toBe(ErrorCode.GroupRateLimited);
  });

  it('keeps room members of the same room ID in two apps apart', async () => {
    const on = { avChatRoomEnabled: true };
    const a = await world.newApp(on);
    const b = await world.newApp(on);
    await a.createGroup({ type: 'AVChatRoom', groupId: 'live' });
    await b.createGroup({ type: 'AVChatRoom', groupId: 'live' });

    await a.user('v1', GroupRpc.ApplyJoin, { groupId: 'live' });

    expect((await a.group('live')).memberNum).toBe(1);
    expect((await b.group('live')).memberNum).toBe(0);
    expect(
      (await b.admin(GroupRpc.GetRoles, { groupId: 'live', userIds: ['v1'] })).roles[0].role,
    ).toBe('NotMember');
  });
});
