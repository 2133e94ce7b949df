/**
 * Community topics over NATS, against real servers: the topic rows, the facts published
 * (valid against their contract), each topic answering the message service as its own line
 * (seqs apart from the group's, the topic's MuteAllMember), members' rights, a destroyed group
 * taking its topics along, and one app never reaching another's topics.
 */
import { ErrorCode, GroupEvt, GroupRpc, TopicChangedEvent } from '@im/contracts';

import { codeOf, GroupWorld, validationErrors } from './group.harness';
import type { TestApp } from './group.harness';

let world: GroupWorld;

beforeAll(async () => {
  world = await GroupWorld.start();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

async function topicCommunity(t: TestApp, groupId: string): Promise<void> {
  await t.importAccounts('owner', 'ann', 'out');
  await t.createGroup({
    type: 'Community',
    groupId,
    ownerId: 'owner',
    supportTopic: true,
    members: [{ userId: 'ann' }],
  });
}

describe('group topics', () => {
  it('creates a topic, publishes the fact and reads it back', async () => {
    const t = await world.newApp();
    await topicCommunity(t, 'c1');
    const { topicId } = await t.admin(GroupRpc.CreateTopic, {
      groupId: 'c1',
      name: 'News',
      introduction: 'i',
    });
    expect(topicId).toMatch(/^c1@TOPIC#_@TOPIC#/);
    const event = await world.events.next(GroupEvt.TopicCreated, t.sdkAppId);
    expect(event).toMatchObject({ groupId: 'c1', topicId, change: 'created' });
    expect(validationErrors(TopicChangedEvent, event)).toEqual([]);

    const read = await t.user('ann', GroupRpc.GetTopics, { groupId: 'c1' });
    expect(read.items).toEqual([
      {
        topicId,
        errorCode: 0,
        topic: expect.objectContaining({ name: 'News', introduction: 'i', nextMsgSeq: 1 }),
        // a member asking gets their own state in the topic (the message service's line)
        self: { joinTime: expect.any(Number), msgFlag: 'AcceptAndNotify', readSeq: 0, unread: 0 },
      },
    ]);
    expect(await codeOf(t.user('out', GroupRpc.GetTopics, { groupId: 'c1' }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(await codeOf(t.user('ann', GroupRpc.CreateTopic, { groupId: 'c1', name: 'mine' }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(
      (await t.user('owner', GroupRpc.CreateTopic, { groupId: 'c1', name: 'owned' })).topicId,
    ).toMatch(/^c1@TOPIC#_/);
  });

  it('gives each topic its own seqs, apart from the group, and its own mute', async () => {
    const t = await world.newApp();
    await topicCommunity(t, 'c2');
    const a = 'c2@TOPIC#_a';
    await t.admin(GroupRpc.CreateTopic, { groupId: 'c2', topicId: a, name: 'A' });

    const first = await t.service(GroupRpc.AllocateMsgSeq, { groupId: a, count: 2 });
    const group = await t.service(GroupRpc.AllocateMsgSeq, { groupId: 'c2' });
    const next = await t.service(GroupRpc.AllocateMsgSeq, { groupId: a });
    expect([first.firstSeq, group.firstSeq, next.firstSeq]).toEqual([1, 1, 3]);

    const context = await t.service(GroupRpc.GetSendContext, { groupId: a, senderId: 'ann' });
    expect(context).toMatchObject({ groupId: a, type: 'Community', nextMsgSeq: 4, refusalCode: 0 });
    const delivery = await t.service(GroupRpc.GetDeliveryMembers, { groupId: a });
    expect(delivery.members.map((m) => m.userId).sort()).toEqual(['ann', 'owner']);

    await t.admin(GroupRpc.ModifyTopic, { groupId: 'c2', topicId: a, muteAllMember: true });
    const muted = await t.service(GroupRpc.GetSendContext, { groupId: a, senderId: 'ann' });
    expect(muted.refusalCode).toBe(ErrorCode.GroupSenderMuted);
    const groupLine = await t.service(GroupRpc.GetSendContext, { groupId: 'c2', senderId: 'ann' });
    expect(groupLine.refusalCode).toBe(0);

    expect(await codeOf(t.service(GroupRpc.GetSendContext, { groupId: 'c2@TOPIC#_none' }))).toBe(
      ErrorCode.GroupNotFound,
    );
  });

  it('holds at most 100 topics and refuses a taken ID', async () => {
    const t = await world.newApp();
    await topicCommunity(t, 'c3');
    for (let batch = 0; batch < 10; batch++)
      await Promise.all(
        Array.from({ length: 10 }, (_, k) => batch * 10 + k).map((i) =>
          t.admin(GroupRpc.CreateTopic, { groupId: 'c3', topicId: `c3@TOPIC#_${i}`, name: `${i}` }),
        ),
      );
    expect(await codeOf(t.admin(GroupRpc.CreateTopic, { groupId: 'c3', name: 'x' }))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
    await t.admin(GroupRpc.DestroyTopics, { groupId: 'c3', topicIds: ['c3@TOPIC#_0'] });
    expect(
      await codeOf(
        t.admin(GroupRpc.CreateTopic, { groupId: 'c3', topicId: 'c3@TOPIC#_1', name: 'x' }),
      ),
    ).toBe(ErrorCode.GroupIdInUse);
  });

  it('removes the topics with their group', async () => {
    const t = await world.newApp();
    await topicCommunity(t, 'c4');
    await t.admin(GroupRpc.CreateTopic, { groupId: 'c4', topicId: 'c4@TOPIC#_a', name: 'A' });
    await t.admin(GroupRpc.Destroy, { groupId: 'c4' });
    // each topic is destroyed as a fact of its own, naming the members at dismissal
    const gone = await world.events.next(GroupEvt.TopicDestroyed, t.sdkAppId);
    expect(gone).toMatchObject({
      groupId: 'c4',
      topicId: 'c4@TOPIC#_a',
      change: 'destroyed',
      groupDismissed: true,
      groupOwnerId: 'owner',
    });
    expect([...(gone.memberIds as string[])].sort()).toEqual(['ann', 'owner']);
    expect(validationErrors(TopicChangedEvent, gone)).toEqual([]);
    await topicCommunity(t, 'c4');
    expect((await t.admin(GroupRpc.GetTopics, { groupId: 'c4' })).items).toEqual([]);
  });

  it('keeps one app from reading or changing the topics of another', async () => {
    const t = await world.newApp();
    const other = await world.newApp();
    await topicCommunity(t, 'c5');
    await t.admin(GroupRpc.CreateTopic, { groupId: 'c5', topicId: 'c5@TOPIC#_a', name: 'A' });
    expect(await codeOf(other.admin(GroupRpc.GetTopics, { groupId: 'c5' }))).toBe(
      ErrorCode.GroupNotFound,
    );
    expect(
      await codeOf(
        other.admin(GroupRpc.ModifyTopic, { groupId: 'c5', topicId: 'c5@TOPIC#_a', name: 'x' }),
      ),
    ).toBe(ErrorCode.GroupNotFound);
    expect(await codeOf(other.service(GroupRpc.AllocateMsgSeq, { groupId: 'c5@TOPIC#_a' }))).toBe(
      ErrorCode.GroupNotFound,
    );
    const mine = await t.admin(GroupRpc.GetTopics, { groupId: 'c5' });
    expect(mine.items[0].topic).toMatchObject({ name: 'A', nextMsgSeq: 1 });
  });
});
