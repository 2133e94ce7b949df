/**
 * System notifications (MSG-25, AMB-35) on real servers: group, relation and profile facts
 * consumed durably from their streams become `notify` pushes to online users and are kept for
 * everyone to pull (7 days, 100 per user); group facts also keep group conversations in step
 * with membership; live rooms hear them on their room subject.
 */
import { randomUUID } from 'node:crypto';

import { ConversationIds, GroupEvt, MessageRpc, ProfileEvt, RelationEvt } from '@im/contracts';
import type { SystemNotification } from '@im/contracts';
import { waitFor } from '@im/testing';

import { MaintenanceService } from '../src/maintenance.service';
import { NotificationService } from '../src/notification.service';
import { codeOf, itemsOf, MessageWorld, recordNode, recordRoom } from './message.harness';
import type { TestApp } from './message.harness';

jest.setTimeout(60_000);

let world: MessageWorld;

beforeAll(async () => {
  world = await MessageWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

const node = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

function groupFact(app: TestApp, groupId: string, groupType = 'Public') {
  return {
    sdkAppId: app.sdkAppId,
    groupId,
    groupType,
    operatorId: 'administrator',
    byAppAdmin: true,
    notification: 'shown' as const,
  };
}

async function notificationsOf(app: TestApp, userId: string, afterId = 0) {
  return (await app.user(userId, MessageRpc.GetNotifications, { afterId })).notifications;
}

describe('group facts', () => {
  it('pushes a member change to online members and keeps it for the offline ones', async () => {
    const app = await world.newApp(['owner', 'ann', 'newbie']);
    world.fakes.addGroup(app.sdkAppId, 'g', 'Public', {
      owner: { role: 'Owner' },
      ann: {},
      newbie: {},
    });
    const n1 = node('n1');
    const r1 = await recordNode(world, n1);
    await app.online('owner', 'owner-web', n1);

    await world.bus.publish(GroupEvt.MemberJoined, {
      ...groupFact(app, 'g'),
      userIds: ['newbie'],
      joinKind: 'added',
    });

    await waitFor(() => itemsOf(r1.values, app.sdkAppId).find((i) => i.cmd === 'notify') ?? null);
    const pushed = itemsOf(r1.values, app.sdkAppId).find((i) => i.cmd === 'notify')!;
    expect(pushed.userId).toBe('owner');
    expect(pushed.data).toEqual({
      id: expect.any(Number),
      kind: 'group.member-joined',
      time: expect.any(Number),
      data: expect.objectContaining({ groupId: 'g', userIds: ['newbie'], joinKind: 'added' }),
    });
    const kept = await notificationsOf(app, 'ann');
    expect(kept).toEqual([expect.objectContaining({ kind: 'group.member-joined' })]);
    expect(await notificationsOf(app, 'ann', kept[0].id)).toEqual([]);
    // The new member's conversation starts at the group's current position.
    const sync = await app.user('newbie', MessageRpc.Sync, { cursor: 0 });
    expect(sync.conversations.map((c) => c.convId)).toEqual([ConversationIds.group('g')]);
    r1.stop();
  });

  it('tells the removed members too, and takes the group off their list', async () => {
    const app = await world.newApp(['owner', 'gone']);
    world.fakes.addGroup(app.sdkAppId, 'g', 'Public', { owner: { role: 'Owner' } });
    await world.bus.publish(GroupEvt.MemberJoined, {
      ...groupFact(app, 'g'),
      notification: 'none',
      userIds: ['gone'],
      joinKind: 'added',
    });
    await waitFor(async () =>
      (await app.user('gone', MessageRpc.Sync, { cursor: 0 })).conversations.length ? true : null,
    );

    await world.bus.publish(GroupEvt.MemberKicked, {
      ...groupFact(app, 'g'),
      userIds: ['gone'],
      reason: 'spam',
    });

    await waitFor(async () => ((await notificationsOf(app, 'gone')).length ? true : null));
    expect(await notificationsOf(app, 'gone')).toEqual([
      expect.objectContaining({
        kind: 'group.member-kicked',
        data: expect.objectContaining({ reason: 'spam' }),
      }),
    ]);
    expect(await notificationsOf(app, 'owner')).toHaveLength(1);
    const sync = await app.user('gone', MessageRpc.Sync, { cursor: 0 });
    expect(sync.conversations[0]).toMatchObject({
      convId: ConversationIds.group('g'),
      isDeleted: true,
    });
  });

  it('keeps quiet when the fact says `none` (T17)', async () => {
    const app = await world.newApp(['owner', 'x']);
    world.fakes.addGroup(app.sdkAppId, 'g', 'ChatRoom', { owner: {}, x: {} });
    const service = world.get(NotificationService);
    const event = {
      ...groupFact(app, 'g', 'ChatRoom'),
      notification: 'none',
      eventId: randomUUID(),
      userIds: ['x'],
      joinKind: 'added',
    };
    await service.onGroupFact(GroupEvt.MemberJoined, event);
    expect(await notificationsOf(app, 'owner')).toEqual([]);
  });

  it('tells a live room on its room subject, keeping nothing', async () => {
    const app = await world.newApp(['host']);
    world.fakes.addGroup(app.sdkAppId, 'live', 'AVChatRoom', { host: { role: 'Owner' } });
    const room = await recordRoom(world, app.sdkAppId, 'live');

    await world.bus.publish(GroupEvt.InfoChanged, {
      ...groupFact(app, 'live', 'AVChatRoom'),
      changedFields: ['Notification'],
      infoSeq: 2,
      name: 'Live',
      introduction: '',
      notificationText: 'welcome',
      faceUrl: '',
      maxMemberNum: 0,
      applyJoinOption: 'FreeAccess',
      muteAllMember: false,
      customDataKeys: [],
    });

    await waitFor(() => (room.values.length ? true : null));
    expect(room.values[0]).toEqual({
      cmd: 'notify',
      data: expect.objectContaining({
        kind: 'group.info-changed',
        data: expect.objectContaining({ notificationText: 'welcome' }),
      }),
    });
    expect(await notificationsOf(app, 'host')).toEqual([]);
    room.stop();
  });

  it('stores a fact seen twice once (consumers are at least once)', async () => {
    const app = await world.newApp(['owner']);
    world.fakes.addGroup(app.sdkAppId, 'g', 'Public', { owner: {} });
    const service = world.get(NotificationService);
    const event = {
      ...groupFact(app, 'g'),
      eventId: randomUUID(),
      userIds: ['owner'],
      joinKind: 'added',
    };
    await service.onGroupFact(GroupEvt.MemberJoined, event);
    await service.onGroupFact(GroupEvt.MemberJoined, event);
    expect(await notificationsOf(app, 'owner')).toHaveLength(1);
  });
});

describe('relation and profile facts', () => {
  it('tells both sides of a friend request, the owner of a friend change, a user of its profile change', async () => {
    const app = await world.newApp(['alice', 'bob']);
    await world.bus.publish(RelationEvt.FriendRequestCreated, {
      sdkAppId: app.sdkAppId,
      fromUserId: 'alice',
      toUserId: 'bob',
      addType: 'both',
      addSource: 'AddSource_Type_App',
      addWording: 'hi',
      expiresAt: 0,
    });
    await world.bus.publish(RelationEvt.FriendsAdded, {
      sdkAppId: app.sdkAppId,
      userId: 'alice',
      friendIds: ['bob'],
      via: 'accept',
    });
    await world.bus.publish(ProfileEvt.Changed, {
      sdkAppId: app.sdkAppId,
      userId: 'bob',
      changedTags: ['Tag_Profile_IM_Nick'],
      standardChanged: true,
    });

    const kinds = async (userId: string) => (await notificationsOf(app, userId)).map((n) => n.kind);
    await waitFor(async () =>
      (await kinds('alice')).length === 2 && (await kinds('bob')).length === 2 ? true : null,
    );
    // Relation and profile facts come from different streams and consumers: nothing orders one
    // against the other, so what each user is told is compared as a set.
    expect((await kinds('alice')).sort()).toEqual([
      'relation.friend-added',
      'relation.request-created',
    ]);
    expect((await kinds('bob')).sort()).toEqual(['profile.changed', 'relation.request-created']);
  });
});

describe('send_group_system_notification', () => {
  it('tells the named members (or all), for the App admin only', async () => {
    const app = await world.newApp(['a', 'b', 'c']);
    world.fakes.addGroup(app.sdkAppId, 'g', 'Public', { a: {}, b: {}, c: {} });

    await app.admin(MessageRpc.SendGroupNotification, {
      groupId: 'g',
      content: 'to b',
      toMembers: ['b', 'stranger'],
    });
    await app.admin(MessageRpc.SendGroupNotification, { groupId: 'g', content: 'to all' });

    const contents = async (userId: string) =>
      (await notificationsOf(app, userId)).map((n: SystemNotification) => n.data.content);
    expect(await contents('b')).toEqual(['to b', 'to all']);
    expect(await contents('a')).toEqual(['to all']);
    expect(
      await codeOf(
        app.user('a', MessageRpc.SendGroupNotification, { groupId: 'g', content: 'me' }),
      ),
    ).toBe(10007);
  });
});

describe('retention', () => {
  it('keeps the newest 100 per user for 7 days', async () => {
    const app = await world.newApp(['many']);
    const service = world.get(NotificationService);
    for (let i = 0; i < 105; i++)
      await service.notify(app.sdkAppId, ['many'], 'test.note', { i }, randomUUID());
    await world.pg.query(
      `INSERT INTO notifications (sdk_app_id, user_id, event_id, kind, data, created_at)
       VALUES ($1, 'many', $2, 'test.old', '{}', $3)`,
      [app.sdkAppId, randomUUID(), Math.floor(Date.now() / 1000) - 8 * 86400],
    );

    await world.get(MaintenanceService).run();

    const { rows } = await world.pg.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM notifications WHERE sdk_app_id = $1 GROUP BY kind`,
      [app.sdkAppId],
    );
    expect(rows).toEqual([{ kind: 'test.note', n: 100 }]);
    const kept = await app.user('many', MessageRpc.GetNotifications, { limit: 100 });
    expect(kept.notifications[0].data).toEqual({ i: 5 });
  });
});
