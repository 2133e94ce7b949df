/**
 * The subjects the messaging service uses, over NATS against real servers: send context
 * (membership, role, mute, MsgFlag, read seq, verdict), delivery lists, seq allocation with
 * Private activation, read positions.
 */
import { ErrorCode, GroupActivatedEvent, GroupEvt, GroupRpc } from '@im/contracts';

import { codeOf, GroupWorld, validationErrors } from './group.harness';

let world: GroupWorld;

beforeAll(async () => {
  world = await GroupWorld.start();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

describe(GroupRpc.GetSendContext, () => {
  it('answers the sender’s member record and the type rules', async () => {
    const t = await world.newApp({}, ['alice', 'bob']);
    const groupId = await t.createGroup({
      type: 'Public',
      ownerId: 'alice',
      members: [{ userId: 'bob' }],
    });
    await t.user('bob', GroupRpc.ModifyMember, {
      groupId,
      userId: 'bob',
      msgFlag: 'AcceptNotNotify',
    });

    const context = await t.service(GroupRpc.GetSendContext, { groupId, senderId: 'bob' });

    expect(context).toMatchObject({
      groupId,
      type: 'Public',
      ownerId: 'alice',
      isActive: true,
      muteAllMember: false,
      nextMsgSeq: 1,
      sender: { role: 'Member', muteUntil: 0, msgFlag: 'AcceptNotNotify', msgSeq: 0 },
      refusalCode: 0,
      capabilities: {
        type: 'Public',
        unreadSupported: true,
        roamingDays: 7,
        preJoinHistoryVisible: false,
      },
    });
  });

  it('refuses non-members (10007) and ordinary members under all-member mute (10017)', async () => {
    const t = await world.newApp({}, ['alice', 'bob', 'eve']);
    const groupId = await t.createGroup({
      type: 'ChatRoom',
      ownerId: 'alice',
      members: [{ userId: 'bob' }],
    });
    await t.admin(GroupRpc.ModifyInfo, { groupId, muteAllMember: true });

    const verdict = async (senderId?: string) =>
      (await t.service(GroupRpc.GetSendContext, { groupId, senderId })).refusalCode;

    expect(await verdict('eve')).toBe(ErrorCode.GroupPermissionDenied);
    expect(await verdict('bob')).toBe(ErrorCode.GroupSenderMuted);
    expect(await verdict('alice')).toBe(0);
    expect(await verdict()).toBe(0);
  });

  it('is for platform services only, and answers 10010 for a missing group', async () => {
    const t = await world.newApp({}, ['alice']);
    const groupId = await t.createGroup({ type: 'Public', ownerId: 'alice' });
    expect(await codeOf(t.user('alice', GroupRpc.GetSendContext, { groupId }))).toBe(
      ErrorCode.GroupPermissionDenied,
    );
    expect(await codeOf(t.service(GroupRpc.GetSendContext, { groupId: 'nope' }))).toBe(
      ErrorCode.GroupNotFound,
    );
  });
});

describe(GroupRpc.GetDeliveryMembers, () => {
  it('pages members with their MsgFlag by user ID', async () => {
    const people = Array.from({ length: 5 }, (_, i) => `u${i}`);
    const t = await world.newApp({}, people);
    const groupId = await t.createGroup({
      type: 'Public',
      ownerId: 'u0',
      members: people.slice(1).map((userId) => ({ userId })),
    });
    await t.user('u3', GroupRpc.ModifyMember, { groupId, userId: 'u3', msgFlag: 'Discard' });

    const first = await t.service(GroupRpc.GetDeliveryMembers, { groupId, limit: 3 });
    const second = await t.service(GroupRpc.GetDeliveryMembers, {
      groupId,
      limit: 3,
      after: first.next ?? '',
    });

    expect(first.members.map((m) => m.userId)).toEqual(['u0', 'u1', 'u2']);
    expect(first.next).toBe('u2');
    expect(second.members).toEqual([
      { userId: 'u3', role: 'Member', msgFlag: 'Discard' },
      { userId: 'u4', role: 'Member', msgFlag: 'AcceptAndNotify' },
    ]);
    expect(second.next).toBeNull();
  });
});

describe(GroupRpc.AllocateMsgSeq, () => {
  it('numbers messages from 1 without gaps and moves NextMsgSeq, LastMsgTime, LastSendMsgTime (GRP-17)', async () => {
    const t = await world.newApp({}, ['alice', 'bob']);
    const groupId = await t.createGroup({
      type: 'Public',
      ownerId: 'alice',
      members: [{ userId: 'bob' }],
    });

    const first = await t.service(GroupRpc.AllocateMsgSeq, {
      groupId,
      senderId: 'bob',
      msgTime: 1_700_000_000,
    });
    const batch = await t.service(GroupRpc.AllocateMsgSeq, {
      groupId,
      count: 3,
      msgTime: 1_700_000_005,
    });

    expect(first).toEqual({ firstSeq: 1, nextMsgSeq: 2, activated: false });
    expect(batch).toEqual({ firstSeq: 2, nextMsgSeq: 5, activated: false });
    expect(await t.group(groupId)).toMatchObject({ nextMsgSeq: 5, lastMsgTime: 1_700_000_005 });
    const bob = (await t.admin(GroupRpc.GetMembers, { groupId })).members.find(
      (m) => m.userId === 'bob',
    );
    expect(bob?.lastSendMsgTime).toBe(1_700_000_000);
  });

  it('keeps seqs gap-free under concurrent senders', async () => {
    const t = await world.newApp();
    const groupId = await t.createGroup({ type: 'Public' });

    // 20 at once: more than the pool's 10 connections, so they queue on the group's row lock;
    // 50 took longer than the pool's 5 s acquire timeout on a loaded CI machine (70169).
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => t.service(GroupRpc.AllocateMsgSeq, { groupId })),
    );

    expect(replies.map((r) => r.firstSeq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it('activates a Private group on the owner’s first message, not a member’s (T18, GRP-40)', async () => {
    const t = await world.newApp({}, ['alice', 'bob']);
    const groupId = await t.createGroup({
      type: 'Private',
      ownerId: 'alice',
      members: [{ userId: 'bob' }],
    });

    expect((await t.service(GroupRpc.AllocateMsgSeq, { groupId, senderId: 'bob' })).activated).toBe(
      false,
    );
    expect((await t.service(GroupRpc.GetDeliveryMembers, { groupId })).isActive).toBe(false);
    expect(
      (await t.service(GroupRpc.AllocateMsgSeq, { groupId, senderId: 'alice' })).activated,
    ).toBe(true);
    expect(
      (await t.service(GroupRpc.AllocateMsgSeq, { groupId, senderId: 'alice' })).activated,
    ).toBe(false);

    expect((await t.group(groupId)).isActive).toBe(true);
    const event = await world.events.next(GroupEvt.Activated, t.sdkAppId);
    expect(event).toMatchObject({ groupId, operatorId: 'alice' });
    expect(validationErrors(GroupActivatedEvent, event)).toEqual([]);
  });

  it('activates an ownerless Private group on any first message', async () => {
    const t = await world.newApp({}, ['bob']);
    const groupId = await t.createGroup({ type: 'Private', members: [{ userId: 'bob' }] });

    expect((await t.service(GroupRpc.AllocateMsgSeq, { groupId, senderId: 'bob' })).activated).toBe(
      true,
    );
  });
});

describe(GroupRpc.SetReadSeq, () => {
  it('advances a read position, sets it for set_unread_msg_num, and feeds unread counts (T22)', async () => {
    const t = await world.newApp({}, ['alice', 'bob']);
    const groupId = await t.createGroup({
      type: 'Public',
      ownerId: 'alice',
      members: [{ userId: 'bob' }],
    });
    await t.service(GroupRpc.AllocateMsgSeq, { groupId, count: 10 });

    expect(
      await t.service(GroupRpc.SetReadSeq, { groupId, userId: 'bob', msgSeq: 6, mode: 'advance' }),
    ).toEqual({
      msgSeq: 6,
    });
    expect(
      await t.service(GroupRpc.SetReadSeq, { groupId, userId: 'bob', msgSeq: 4, mode: 'advance' }),
    ).toEqual({
      msgSeq: 6,
    });
    expect(
      await t.service(GroupRpc.SetReadSeq, { groupId, userId: 'bob', msgSeq: 99, mode: 'set' }),
    ).toEqual({
      msgSeq: 10,
    });
    await t.user('bob', GroupRpc.SetReadSeq, { groupId, userId: 'bob', msgSeq: 2, mode: 'set' });

    const joined = await t.admin(GroupRpc.GetJoined, { userId: 'bob' });
    expect(joined.groups[0]).toMatchObject({ unreadMsgNum: 8, self: { msgSeq: 2 } });
    expect(
      await codeOf(
        t.user('alice', GroupRpc.SetReadSeq, { groupId, userId: 'bob', msgSeq: 1, mode: 'set' }),
      ),
    ).toBe(ErrorCode.GroupPermissionDenied);
    expect(
      await codeOf(
        t.service(GroupRpc.SetReadSeq, { groupId, userId: 'eve', msgSeq: 1, mode: 'set' }),
      ),
    ).toBe(ErrorCode.GroupInvalidParameter);
  });
});
