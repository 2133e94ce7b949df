/**
 * After-callbacks end to end on real servers: the owners' events (published here as the
 * owners publish them) reach a local HTTP receiver standing in for the app backend with the
 * query, body and Sign of docs/callbacks.md; per-app settings come from the real account service.
 */
import { randomUUID } from 'node:crypto';

import {
  AfterCallbackCommands,
  ConnEvt,
  ConversationIds,
  GroupEvt,
  MessageEvt,
  ProfileEvt,
  RelationEvt,
} from '@im/contracts';
import type { EventSubject } from '@im/contracts';
import { waitFor } from '@im/testing';

import { byAdmin, byUser, CallbackWorld } from './callback.harness';
import type { Origin } from './callback.harness';
import { CallbackReceiver, expectedSign } from './callback-receiver';
import type { ReceivedCallback } from './callback-receiver';

let world: CallbackWorld;
let receiver: CallbackReceiver;
let other: CallbackReceiver;

beforeAll(async () => {
  world = await CallbackWorld.start();
  receiver = await CallbackReceiver.start();
  other = await CallbackReceiver.start();
}, 120_000);

afterAll(async () => {
  await receiver?.stop();
  await other?.stop();
  await world?.stop();
});

const TOKEN = 'xxxxyyyy';
const ALL = [...AfterCallbackCommands];
const group = {
  groupType: 'Public',
  operatorId: 'alice',
  byAppAdmin: false,
  notification: 'shown' as const,
};

/** The callbacks of one source event. */
function fromEvent(r: CallbackReceiver, eventId: string): ReceivedCallback[] {
  return r.received.filter((c) => c.headers['x-im-source-event-id'] === eventId);
}

function arrivalOf(r: CallbackReceiver, eventId: string, count = 1): Promise<ReceivedCallback[]> {
  return waitFor(() => (fromEvent(r, eventId).length >= count ? fromEvent(r, eventId) : null), {
    timeoutMs: 10_000,
    message: `callbacks of event ${eventId}`,
  });
}

interface Case {
  name: string;
  subject: EventSubject;
  fact: (sdkAppId: number) => Record<string, unknown>;
  origin: Origin;
  bodies: (eventTime: number) => Record<string, unknown>[];
  platform?: string;
}

const CASES: Case[] = [
  {
    name: 'State.StateChange (login on iPhone, kicking a PC session)',
    subject: ConnEvt.SessionOpened,
    fact: () => ({
      userId: 'alice',
      platform: 'iPhone',
      connId: 'c1',
      nodeId: 'n1',
      kickedPlatforms: ['PC'],
    }),
    origin: byUser('alice'),
    platform: 'IOS',
    bodies: (t) => [
      {
        CallbackCommand: 'State.StateChange',
        EventTime: t,
        Info: { Action: 'Login', To_Account: 'alice', Reason: 'Register' },
        KickedDevice: [{ Platform: 'Windows' }],
      },
    ],
  },
  {
    name: 'State.StateChange (heartbeat timeout)',
    subject: ConnEvt.SessionClosed,
    fact: () => ({
      userId: 'alice',
      platform: 'Android',
      connId: 'c1',
      nodeId: 'n1',
      reason: 'timeout',
    }),
    origin: byUser('alice'),
    platform: 'Android',
    bodies: (t) => [
      {
        CallbackCommand: 'State.StateChange',
        EventTime: t,
        Info: { Action: 'Disconnect', To_Account: 'alice', Reason: 'TimeOut' },
      },
    ],
  },
  {
    name: 'Profile.CallbackPortraitSet (values read from the profile service)',
    subject: ProfileEvt.Changed,
    fact: () => ({
      userId: 'bob',
      changedTags: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Location'],
      standardChanged: true,
      operatorId: 'administrator',
    }),
    origin: byAdmin,
    platform: 'RESTAPI',
    bodies: (t) => [
      {
        CallbackCommand: 'Profile.CallbackPortraitSet',
        Operator_Account: 'administrator',
        From_Account: 'bob',
        ProfileItem: [
          { Tag: 'Tag_Profile_IM_Nick', Value: 'Bob \u4e2d' },
          { Tag: 'Tag_Profile_IM_Location', Value: '\u0000\u0000V' },
        ],
        EventTime: t,
      },
    ],
  },
  {
    name: 'Sns.CallbackFriendAdd',
    subject: RelationEvt.FriendsAdded,
    fact: () => ({ userId: 'alice', friendIds: ['bob'], via: 'add' }),
    origin: byUser('alice'),
    platform: 'Unknown',
    bodies: (t) => [
      {
        CallbackCommand: 'Sns.CallbackFriendAdd',
        ClientCmd: 'friend_add',
        Admin_Account: '',
        ForceFlag: 0,
        PairList: [{ From_Account: 'alice', To_Account: 'bob', Initiator_Account: 'alice' }],
        EventTime: t,
      },
    ],
  },
  {
    name: 'Sns.CallbackFriendDelete',
    subject: RelationEvt.FriendsDeleted,
    fact: () => ({ userId: 'alice', friendIds: ['bob'], via: 'delete' }),
    origin: byAdmin,
    bodies: (t) => [
      {
        CallbackCommand: 'Sns.CallbackFriendDelete',
        PairList: [{ From_Account: 'alice', To_Account: 'bob' }],
        EventTime: t,
      },
    ],
  },
  {
    name: 'Sns.CallbackBlackListAdd and Sns.CallbackBlackListDelete (one event)',
    subject: RelationEvt.BlacklistChanged,
    fact: () => ({ userId: 'alice', addedUserIds: ['bob'], removedUserIds: ['carol'] }),
    origin: byAdmin,
    bodies: (t) => [
      {
        CallbackCommand: 'Sns.CallbackBlackListAdd',
        PairList: [{ From_Account: 'alice', To_Account: 'bob' }],
        EventTime: t,
      },
      {
        CallbackCommand: 'Sns.CallbackBlackListDelete',
        PairList: [{ From_Account: 'alice', To_Account: 'carol' }],
        EventTime: t,
      },
    ],
  },
  {
    name: 'Group.CallbackAfterCreateGroup',
    subject: GroupEvt.Created,
    fact: () => ({
      ...group,
      groupId: '@TGS#c',
      name: 'G',
      ownerId: 'alice',
      memberIds: ['alice', 'bob'],
      imported: false,
    }),
    origin: byUser('alice'),
    bodies: (t) => [
      {
        CallbackCommand: 'Group.CallbackAfterCreateGroup',
        GroupId: '@TGS#c',
        Operator_Account: 'alice',
        Owner_Account: 'alice',
        Type: 'Public',
        Name: 'G',
        MemberList: [{ Member_Account: 'alice' }, { Member_Account: 'bob' }],
        UserDefinedDataList: [],
        EventTime: t,
      },
    ],
  },
  {
    name: 'Group.CallbackAfterNewMemberJoin',
    subject: GroupEvt.MemberJoined,
    fact: () => ({ ...group, groupId: '@TGS#c', userIds: ['carol'], joinKind: 'added' }),
    origin: byUser('alice'),
    bodies: (t) => [
      {
        CallbackCommand: 'Group.CallbackAfterNewMemberJoin',
        GroupId: '@TGS#c',
        Type: 'Public',
        JoinType: 'Invited',
        Operator_Account: 'alice',
        NewMemberList: [{ Member_Account: 'carol' }],
        EventTime: t,
      },
    ],
  },
  {
    name: 'Group.CallbackAfterMemberExit',
    subject: GroupEvt.MemberKicked,
    fact: () => ({ ...group, groupId: '@TGS#c', userIds: ['carol'], reason: '' }),
    origin: byUser('alice'),
    bodies: (t) => [
      {
        CallbackCommand: 'Group.CallbackAfterMemberExit',
        GroupId: '@TGS#c',
        Type: 'Public',
        ExitType: 'Kicked',
        Operator_Account: 'alice',
        ExitMemberList: [{ Member_Account: 'carol' }],
        EventTime: t,
      },
    ],
  },
  {
    name: 'Group.CallbackAfterGroupInfoChanged',
    subject: GroupEvt.InfoChanged,
    fact: () => ({
      ...group,
      groupId: '@TGS#c',
      changedFields: ['Introduction'],
      infoSeq: 2,
      name: 'G',
      introduction: 'new intro',
      notificationText: '',
      faceUrl: '',
      maxMemberNum: 100,
      applyJoinOption: 'FreeAccess',
      muteAllMember: false,
      customDataKeys: [],
    }),
    origin: byUser('alice'),
    bodies: (t) => [
      {
        CallbackCommand: 'Group.CallbackAfterGroupInfoChanged',
        GroupId: '@TGS#c',
        Type: 'Public',
        Operator_Account: 'alice',
        Introduction: 'new intro',
        EventTime: t,
      },
    ],
  },
  {
    name: 'Group.CallbackAfterChangeGroupOwner',
    subject: GroupEvt.OwnerChanged,
    fact: () => ({ ...group, groupId: '@TGS#c', previousOwnerId: 'alice', newOwnerId: 'bob' }),
    origin: byUser('alice'),
    bodies: (t) => [
      {
        CallbackCommand: 'Group.CallbackAfterChangeGroupOwner',
        GroupId: '@TGS#c',
        Type: 'Public',
        Operator_Account: 'alice',
        OldOwner_Account: 'alice',
        NewOwner_Account: 'bob',
        EventTime: t,
      },
    ],
  },
  {
    name: 'Group.CallbackAfterMemberFieldChanged',
    subject: GroupEvt.RoleChanged,
    fact: () => ({ ...group, groupId: '@TGS#c', userId: 'bob', role: 'Admin' }),
    origin: byUser('alice'),
    bodies: (t) => [
      {
        CallbackCommand: 'Group.CallbackAfterMemberFieldChanged',
        GroupId: '@TGS#c',
        Type: 'Public',
        Operator_Account: 'alice',
        Modified_Account: 'bob',
        Role: 'Admin',
        EventTime: t,
      },
    ],
  },
  {
    name: 'Group.CallbackAfterGroupDestroyed',
    subject: GroupEvt.Destroyed,
    fact: () => ({ ...group, groupId: '@TGS#c', name: 'G', memberIds: ['alice', 'bob'] }),
    origin: byUser('alice'),
    bodies: (t) => [
      {
        CallbackCommand: 'Group.CallbackAfterGroupDestroyed',
        GroupId: '@TGS#c',
        Type: 'Public',
        Owner_Account: '',
        Name: 'G',
        MemberList: [{ Member_Account: 'alice' }, { Member_Account: 'bob' }],
        EventTime: t,
      },
    ],
  },
  {
    name: 'C2C.CallbackAfterSendMsg',
    subject: MessageEvt.Sent,
    fact: () => ({
      message: {
        convId: ConversationIds.c2c('alice', 'bob'),
        type: 'C2C',
        seq: 3,
        time: 1714557600,
        random: 77,
        msgKey: '3_77_1714557600',
        from: 'alice',
        to: 'bob',
        body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
      },
    }),
    origin: byAdmin,
    bodies: (t) => [
      {
        CallbackCommand: 'C2C.CallbackAfterSendMsg',
        From_Account: 'alice',
        To_Account: 'bob',
        MsgSeq: 3,
        MsgRandom: 77,
        MsgTime: 1714557600,
        MsgKey: '3_77_1714557600',
        OnlineOnlyFlag: 0,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
        CloudCustomData: '',
        SendMsgResult: 0,
        ErrorInfo: 'send msg succeed',
        UnreadMsgNum: 0,
        EventTime: t,
      },
    ],
  },
  {
    name: 'Group.CallbackAfterSendMsg',
    subject: MessageEvt.Sent,
    fact: () => ({
      message: {
        convId: ConversationIds.group('@TGS#c'),
        type: 'GROUP',
        seq: 9,
        time: 1714557600,
        random: 78,
        msgKey: '9',
        from: 'alice',
        to: '@TGS#c',
        body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'all' } }],
        cloudCustomData: 'cc',
      },
    }),
    origin: byUser('alice'),
    bodies: (t) => [
      {
        CallbackCommand: 'Group.CallbackAfterSendMsg',
        GroupId: '@TGS#c',
        Type: '',
        From_Account: 'alice',
        Operator_Account: 'alice',
        Random: 78,
        MsgSeq: 9,
        MsgTime: 1714557600,
        OnlineOnlyFlag: 0,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'all' } }],
        CloudCustomData: 'cc',
        EventTime: t,
      },
    ],
  },
  {
    name: 'C2C.CallbackAfterMsgWithDraw',
    subject: MessageEvt.Recalled,
    fact: () => ({ convId: ConversationIds.c2c('alice', 'bob'), seq: 3, by: 'alice' }),
    origin: byUser('alice'),
    bodies: (t) => [
      {
        CallbackCommand: 'C2C.CallbackAfterMsgWithDraw',
        From_Account: 'alice',
        To_Account: 'bob',
        MsgKey: '',
        UnreadMsgNum: 0,
        EventTime: t,
      },
    ],
  },
  {
    name: 'Group.CallbackAfterRecallMsg',
    subject: MessageEvt.Recalled,
    fact: () => ({ convId: ConversationIds.group('@TGS#c'), seq: 9, by: 'alice' }),
    origin: byUser('alice'),
    bodies: (t) => [
      {
        CallbackCommand: 'Group.CallbackAfterRecallMsg',
        Operator_Account: 'alice',
        Type: '',
        GroupId: '@TGS#c',
        MsgSeqList: [{ MsgSeq: 9 }],
        EventTime: t,
      },
    ],
  },
  {
    name: 'C2C.CallbackAfterMsgReport',
    subject: MessageEvt.Read,
    fact: () => ({ convId: ConversationIds.c2c('alice', 'bob'), userId: 'bob', readSeq: 3 }),
    origin: byUser('bob'),
    bodies: (t) => [
      {
        CallbackCommand: 'C2C.CallbackAfterMsgReport',
        Report_Account: 'bob',
        Peer_Account: 'alice',
        LastReadTime: Math.floor(t / 1000),
        UnreadMsgNum: 0,
        EventTime: t,
      },
    ],
  },
];

describe('after-callbacks', () => {
  let signedApp: number;

  beforeAll(async () => {
    signedApp = await world.newApp({
      url: receiver.url,
      authentication: { token: TOKEN },
      enabledCommands: ALL,
    });
    world.profiles.set(`${signedApp}/bob`, [
      { tag: 'Tag_Profile_IM_Nick', value: 'Bob \u4e2d' },
      { tag: 'Tag_Profile_IM_Location', value: '\u0000\u0000V' },
      { tag: 'Tag_Profile_IM_Gender', value: 'Gender_Type_Male' },
    ]);
  });

  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s arrives with the documented query, body and Sign',
    async (_name, c) => {
      const event = await world.publish(
        c.subject,
        { sdkAppId: signedApp, ...c.fact(signedApp) },
        c.origin,
      );
      const expected = c.bodies(Date.parse(event.occurredAt));
      const callbacks = await arrivalOf(receiver, event.eventId, expected.length);

      expect(callbacks.map((cb) => cb.body)).toEqual(expect.arrayContaining(expected));
      expect(callbacks).toHaveLength(expected.length);
      for (const cb of callbacks) {
        const { params } = cb;
        expect(cb.path).toBe('/im/callback');
        expect(cb.query.map(([k]) => k)).toEqual([
          'SdkAppid',
          'CallbackCommand',
          'contenttype',
          'ClientIP',
          'OptPlatform',
          'Sign',
          'RequestTime',
        ]);
        expect(params.SdkAppid).toBe(String(signedApp));
        expect(params.CallbackCommand).toBe(cb.body.CallbackCommand);
        expect(params.contenttype).toBe('json');
        expect(params.OptPlatform).toBe(
          c.platform ?? (c.origin.role === 'admin' ? 'RESTAPI' : 'Unknown'),
        );
        expect(params.RequestTime).toMatch(/^\d{10}$/);
        expect(params.Sign).toBe(expectedSign(TOKEN, params.RequestTime));
        expect(cb.headers['content-type']).toBe('application/json');
        expect(cb.eventId).toMatch(/^[0-9a-f-]{36}$/);
        expect(Object.keys(cb.body)[0]).toBe('CallbackCommand');
      }
      // One callback ID per callback: what a receiver dedupes by.
      expect(new Set(callbacks.map((cb) => cb.eventId)).size).toBe(callbacks.length);
    },
  );

  it('sends no Sign without a token, nor when authentication is switched off', async () => {
    const plain = await world.newApp({
      url: other.url,
      enabledCommands: ['Sns.CallbackFriendDelete'],
    });
    const off = await world.newApp({
      url: other.url,
      authentication: { token: TOKEN, enabled: false },
      enabledCommands: ['Sns.CallbackFriendDelete'],
    });
    for (const sdkAppId of [plain, off]) {
      const event = await world.publish(RelationEvt.FriendsDeleted, {
        sdkAppId,
        userId: 'a',
        friendIds: ['b'],
        via: 'delete',
      });
      const [cb] = await arrivalOf(other, event.eventId);

      expect(Object.keys(cb.params)).toEqual([
        'SdkAppid',
        'CallbackCommand',
        'contenttype',
        'ClientIP',
        'OptPlatform',
      ]);
    }
  });

  it('keeps the query of the configured URL', async () => {
    const sdkAppId = await world.newApp({
      url: `${other.url}?key=k1`,
      enabledCommands: ['Sns.CallbackFriendDelete'],
    });
    const event = await world.publish(RelationEvt.FriendsDeleted, {
      sdkAppId,
      userId: 'a',
      friendIds: ['b'],
      via: 'delete',
    });
    const [cb] = await arrivalOf(other, event.eventId);

    expect(cb.query[0]).toEqual(['key', 'k1']);
    expect(cb.params.SdkAppid).toBe(String(sdkAppId));
  });
});

describe('which apps and commands get callbacks', () => {
  /** Publishes `marker` after `events` on the same stream and waits for it: the others were handled. */
  async function afterMarker(r: CallbackReceiver, sdkAppId: number): Promise<void> {
    const marker = await world.publish(RelationEvt.FriendsDeleted, {
      sdkAppId,
      userId: `marker-${randomUUID().slice(0, 8)}`,
      friendIds: ['x'],
      via: 'delete',
    });
    await arrivalOf(r, marker.eventId);
  }

  it('an app never gets another app’s callbacks (tenant isolation)', async () => {
    const a = await world.newApp({ url: receiver.url, enabledCommands: ALL });
    const b = await world.newApp({ url: other.url, enabledCommands: ALL });
    const silent = await world.newApp();

    const events = [];
    for (const sdkAppId of [a, b, silent, a, b, silent])
      events.push(
        await world.publish(RelationEvt.BlacklistChanged, {
          sdkAppId,
          userId: `u-${sdkAppId}`,
          addedUserIds: ['v'],
          removedUserIds: [],
        }),
      );
    await afterMarker(receiver, a);
    await afterMarker(other, b);

    const forA = events.filter((e) => e.sdkAppId === a).map((e) => e.eventId);
    const forB = events.filter((e) => e.sdkAppId === b).map((e) => e.eventId);
    const sourceOf = (cb: ReceivedCallback) => cb.headers['x-im-source-event-id'] as string;
    expect(receiver.of('Sns.CallbackBlackListAdd', a).map(sourceOf).sort()).toEqual(forA.sort());
    expect(other.of('Sns.CallbackBlackListAdd', b).map(sourceOf).sort()).toEqual(forB.sort());
    for (const r of [receiver, other]) {
      expect(r.received.filter((cb) => cb.params.SdkAppid === String(silent))).toEqual([]);
      expect(
        r.received.filter(
          (cb) => cb.body.PairList && JSON.stringify(cb.body).includes(`u-${silent}`),
        ),
      ).toEqual([]);
    }
    expect(receiver.received.filter((cb) => cb.params.SdkAppid === String(b))).toEqual([]);
    expect(other.received.filter((cb) => cb.params.SdkAppid === String(a))).toEqual([]);
    expect(await world.queued(silent)).toEqual([]);
  });

  it('sends only the enabled commands, and a change applies to the next event', async () => {
    const sdkAppId = await world.newApp({
      url: receiver.url,
      enabledCommands: ['Sns.CallbackFriendDelete'],
    });
    const before = await world.publish(RelationEvt.BlacklistChanged, {
      sdkAppId,
      userId: 'a',
      addedUserIds: ['b'],
      removedUserIds: [],
    });
    await afterMarker(receiver, sdkAppId);
    expect(fromEvent(receiver, before.eventId)).toEqual([]);

    await world.setCallbacks(sdkAppId, {
      url: other.url,
      enabledCommands: ['Sns.CallbackFriendDelete', 'Sns.CallbackBlackListAdd'],
    });
    const after = await world.publish(RelationEvt.BlacklistChanged, {
      sdkAppId,
      userId: 'a',
      addedUserIds: ['c'],
      removedUserIds: [],
    });
    const [cb] = await arrivalOf(other, after.eventId);
    expect(cb.body.PairList).toEqual([{ From_Account: 'a', To_Account: 'c' }]);

    await world.setCallbacks(sdkAppId, { enabledCommands: ['Sns.CallbackBlackListAdd'] });
    const off = await world.publish(RelationEvt.BlacklistChanged, {
      sdkAppId,
      userId: 'a',
      addedUserIds: ['d'],
      removedUserIds: [],
    });
    await world.setCallbacks(sdkAppId, {
      url: other.url,
      enabledCommands: ['Sns.CallbackFriendDelete'],
    });
    await afterMarker(other, sdkAppId);
    expect(fromEvent(other, off.eventId)).toEqual([]);
    expect(fromEvent(receiver, off.eventId)).toEqual([]);
  });
});
