import { ConnSubjects } from '@im/contracts';
import type { AppReply, Platform } from '@im/contracts';
import { createLogger, NatsBus } from '@im/platform';
import { waitFor } from '@im/testing';
import { signUserSig } from '@im/usersig';

import { PlatformFixture } from './platform.fixture';
import { readProtocolDocument } from './protocol-document';
import { Answer, LoginData, RawClient } from './raw-protocol.client';
import { Shape, shapeProblems } from './reply-shape';

/**
 * docs/protocol.md against the running gateway, as a client written from the document alone
 * would see it: raw WebSocket frames (the `ws` package, no SDK) against the whole platform.
 * Every command, push, close code and error code the document's tables list has a case here,
 * and every case names an entry of the document: a row without a case, or a case without a
 * row, fails the first test. Each command case checks the reply against the shape the
 * document writes out.
 */

// The shapes of docs/protocol.md, transcribed.
const CHAT: Shape = {
  convId: 'string',
  type: '"C2C"|"GROUP"',
  seq: 'int',
  time: 'int',
  random: 'int',
  msgKey: 'string',
  from: 'string',
  to: 'string',
  body: ['object'],
  'cloudCustomData?': 'string',
  'isRecalled?': 'bool',
  'editedAt?': 'int',
  'needReadReceipt?': 'bool',
  'senderNick?': 'string',
  'senderFaceUrl?': 'string',
  'senderNameCard?': 'string',
  'priority?': 'string',
  'atInfo?': ['object'],
};
const CONVERSATION: Shape = {
  convId: 'string',
  type: '"C2C"|"GROUP"',
  peer: 'string',
  lastSeq: 'int',
  readSeq: 'int',
  unread: 'int',
  lastTime: 'int',
  'lastMessage?': CHAT,
  version: 'int',
  'isDeleted?': 'bool',
  'isPinned?': 'bool',
  'standardMark?': 'string',
  'customMark?': 'string',
  'contactGroups?': ['string'],
  'messages?': [CHAT],
};
const NOTIFICATION: Shape = { id: 'int', kind: 'string', time: 'int', data: 'object' };
const SEND: Shape = {
  convId: 'string',
  seq: 'int',
  time: 'int',
  msgKey: 'string',
  isDuplicate: 'bool',
};
const RESULT: Shape = { results: [{ userId: 'string', code: 'int', message: 'string' }] };
const ITEM: Shape = { tag: 'string', value: 'string|int|any' };
const FRIEND: Shape = { userId: 'string', items: [ITEM] };
const CHECK: Shape = {
  results: [
    {
      userId: 'string',
      relation: '"BothWay"|"AWithB"|"BWithA"|"NoRelation"',
      code: 'int',
      message: 'string',
    },
  ],
};
const PAIR: Shape = { fromUserId: 'string', toUserId: 'string' };
const MEMBER: Shape = {
  userId: 'string',
  role: '"Owner"|"Admin"|"Member"',
  joinTime: 'int',
  msgSeq: 'int',
  msgFlag: '"AcceptAndNotify"|"AcceptNotNotify"|"Discard"',
  lastSendMsgTime: 'int',
  muteUntil: 'int',
  nameCard: 'string',
  customData: [{ key: 'string', value: 'string' }],
};
const OFFICIAL_ACCOUNT: Shape = {
  officialAccountId: 'string',
  ownerAccount: 'string',
  name: 'string',
  introduction: 'string',
  faceUrl: 'string',
  organization: 'string',
  customString: 'string',
  maxSubscriberNum: 'int',
  subscriberNum: 'int',
  createTime: 'int',
  lastMsgTime: 'int',
};
const TOPIC: Shape = {
  topicId: 'string',
  groupId: 'string',
  name: 'string',
  introduction: 'string',
  notification: 'string',
  faceUrl: 'string',
  customString: 'string',
  ownerId: 'string',
  createTime: 'int',
  lastMsgTime: 'int',
  nextMsgSeq: 'int',
  muteAllMember: 'bool',
};
const SUBSCRIBER: Shape = {
  userId: 'string',
  subscribeTime: 'int',
  customString: 'string',
  msgFlag: '"AcceptAndNotify"|"AcceptNotNotify"|"Discard"',
  lastSendMsgTime: 'int',
};
const GROUP: Shape = {
  sdkAppId: 'int',
  groupId: 'string',
  type: 'string',
  name: 'string',
  introduction: 'string',
  notification: 'string',
  faceUrl: 'string',
  ownerId: 'string|null',
  createTime: 'int',
  infoSeq: 'int',
  lastInfoTime: 'int',
  lastMsgTime: 'int',
  nextMsgSeq: 'int',
  memberNum: 'int',
  maxMemberNum: 'int',
  applyJoinOption: '"FreeAccess"|"NeedPermission"|"DisableApply"',
  inviteJoinOption: 'string|null',
  muteAllMember: 'bool',
  historyMsgBeforeJoin: 'bool',
  isActive: 'bool',
  customData: [{ key: 'string', value: 'string' }],
  'members?': [MEMBER],
};
const EMPTY: Shape = {};
/** A ContactMarkState (docs/protocol.md §7.2). */
const CONTACT_MARK: Shape = {
  convId: 'string',
  standardMark: 'string',
  customMark: 'string',
  groupIds: ['int'],
  updatedAt: 'int',
};
const CONTACT_GROUP: Shape = { groupId: 'int', name: 'string' };

const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const rnd = () => Math.floor(Math.random() * 0xffffffff);
/** Matches a `msg` push from `user`. */
const sentBy = (user: string) => (data: Record<string, unknown>) => data.from === user;

/** Waits until `seconds` whole seconds have passed since a message's `time` (UNIX seconds). */
function pastWindow(time: number, seconds: number): Promise<unknown> {
  return waitFor(() => Date.now() / 1000 >= time + seconds + 1, {
    timeoutMs: (seconds + 5) * 1000,
    intervalMs: 100,
    message: `the ${seconds} s window after ${time}`,
  });
}

function expectShape(value: unknown, shape: Shape): void {
  expect(shapeProblems(value, shape)).toEqual([]);
}

/** The conformance platform's cap on guest sessions per address (4005 / 60018). */
const GUESTS_PER_ADDRESS = 12;

function expectCode(answer: Answer, code: number): void {
  expect({ code: answer.code, msg: typeof answer.msg }).toEqual({ code, msg: 'string' });
  expect(answer.data).toBeUndefined();
}

function withCode(answers: Answer[], code: number): Answer[] {
  return answers.filter((a) => a.code === code);
}

/** `count` `msg.sync` requests in one `batch` frame; their seqs. */
function sendSyncBatch(client: RawClient, count: number): number[] {
  const seqs = Array.from({ length: count }, () => client.takeSeq());
  client.send({
    op: 'batch',
    frames: seqs.map((seq) => ({ op: 'req', seq, cmd: 'msg.sync', data: { cursor: 0 } })),
  });
  return seqs;
}

/** Waits for a `notify` of `kind` on a session. */
function notified(client: RawClient, kind: string) {
  return client.nextPush<{ kind: string }>('notify', (x) => x.kind === kind);
}

const doc = readProtocolDocument();

describe('docs/protocol.md conformance (raw WebSocket frames)', () => {
  let fixture: PlatformFixture;
  let app: AppReply;
  let bus: NatsBus;
  const clients: RawClient[] = [];
  let n = 0;

  const sigOf = (a: AppReply, userId: string, expireSeconds = 3600, nowSeconds?: number) =>
    signUserSig({
      sdkAppId: a.sdkAppId,
      secretKey: a.secretKey,
      identifier: userId,
      expireSeconds,
      nowSeconds,
    });

  /** Fresh user IDs, imported into the app. */
  async function users(...names: string[]): Promise<string[]> {
    n++;
    const ids = names.map((name) => `${name}-${n}`);
    await fixture.admin(app).ok('im_open_login_svc', 'multiaccount_import', { Accounts: ids });
    return ids;
  }

  async function open(): Promise<RawClient> {
    const client = await RawClient.open(fixture.platform.wsUrl);
    clients.push(client);
    return client;
  }

  /** A logged-in session that pings at the interval its login answered. */
  async function session(
    userId: string,
    options: { platform?: Platform; app?: AppReply } = {},
  ): Promise<RawClient> {
    const a = options.app ?? app;
    const client = await open();
    const login = await client.ok<LoginData>('login', {
      sdkAppId: a.sdkAppId,
      userId,
      userSig: sigOf(a, userId),
      platform: options.platform ?? 'Web',
    });
    client.loginData = login;
    client.startHeartbeat(Math.floor(login.heartbeatIntervalMs / 2));
    return client;
  }

  async function login(data: object): Promise<{ client: RawClient; answer: Answer }> {
    const client = await open();
    return { client, answer: await client.request('login', data) };
  }

  /** A Public group of `owner` with `members`, created over REST. */
  async function group(owner: string, members: string[] = [], type = 'Public'): Promise<string> {
    const created = await fixture.admin(app).ok('group_open_http_svc', 'create_group', {
      Owner_Account: owner,
      Type: type,
      Name: 'conformance',
      MemberList: members.map((m) => ({ Member_Account: m })),
    });
    return created.GroupId as string;
  }

  /** A Community with topics owned by `owner`, with `members`, and one topic `t`. */
  async function topicCommunity(owner: string, members: string[] = []): Promise<string> {
    const created = await fixture.admin(app).ok('group_open_http_svc', 'create_group', {
      Owner_Account: owner,
      Type: 'Community',
      Name: 'conformance',
      SupportTopic: 1,
      MemberList: members.map((m) => ({ Member_Account: m })),
    });
    const groupId = created.GroupId as string;
    await fixture.admin(app).ok('million_group_open_http_svc', 'create_topic', {
      GroupId: groupId,
      TopicId: `${groupId}@TOPIC#_t`,
      TopicName: 't',
    });
    return groupId;
  }

  /** An official account owned by `owner`, with `subscribers` already subscribed. */
  async function officialAccount(owner: string, subscribers: string[] = []): Promise<string> {
    const created = await fixture
      .admin(app)
      .ok('official_account_open_http_svc', 'create_official_account', {
        Owner_Account: owner,
        Name: 'conformance',
      });
    const id = created.OfficialAccountUserID as string;
    if (subscribers.length > 0)
      await fixture.admin(app).ok('official_account_open_http_svc', 'add_subscriber', {
        Official_Account: id,
        SubscriberList: subscribers.map((s) => ({ Subscriber_Account: s })),
      });
    return id;
  }

  async function friends(a: string, b: string): Promise<void> {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ])
      await fixture.admin(app).ok('sns', 'friend_import', {
        From_Account: from,
        AddFriendItem: [{ To_Account: to, AddSource: 'AddSource_Type_Web' }],
      });
  }

  const c2c = (a: string, b: string) => {
    const [x, y] = a < b ? [a, b] : [b, a];
    return `c2c:${x.length}:${x}:${y}`;
  };

  /** `notify.get` from 0, once something is there. */
  function fetchNotifications(reader: RawClient) {
    return waitFor(async () => {
      const r = await reader.ok<{ notifications: unknown[] }>('notify.get', { afterId: 0 });
      return r.notifications.length ? r : null;
    });
  }

  /**
   * Pushes big notifications at `userId` (a client that does not read) until the gateway gives
   * up on it: more than the kernel's socket buffers absorb, in rounds, until its presence goes.
   */
  async function floodUntilOffline(userId: string, nodeId: string, observer: RawClient) {
    const big = 'x'.repeat(16_000);
    const filler = { id: 0, kind: 'test.filler', time: 0, data: { big } };
    await waitFor(
      async () => {
        for (let i = 0; i < 200; i++)
          bus.publishDirect(ConnSubjects.deliver(nodeId), {
            items: [{ sdkAppId: app.sdkAppId, userId, cmd: 'notify', data: filler }],
          });
        const status = await observer.ok<{ results: { status: string }[] }>(
          'account.query-online-status',
          { userIds: [userId] },
        );
        return status.results[0].status === 'Offline';
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  }

  beforeAll(async () => {
    fixture = await PlatformFixture.start({
      extraEnv: {
        'conn-gateway': {
          CONN_GATEWAY_HEARTBEAT_INTERVAL_MS: '2000',
          // the guest cap per address, low enough for the 4005 case to reach
          CONN_GATEWAY_MAX_GUESTS_PER_IP: String(GUESTS_PER_ADDRESS),
        },
      },
    });
    app = await fixture.apps.create({
      name: 'protocol-conformance',
      settings: {
        avChatRoomEnabled: true,
        bChatRoomEnabled: true,
        push: { enabled: true, minIntervalSeconds: 0 },
      },
    });
    bus = new NatsBus({
      servers: [fixture.servers.nats.url],
      name: `conformance-${process.pid}`,
      requestTimeoutMs: 10_000,
      logger: createLogger('conformance', 'test', 'silent'),
    });
    await bus.connect();
  }, 240_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await bus?.close().catch(() => undefined);
    await fixture?.stop();
  });

  // ---------------------------------------------------------------- commands (§3, §7)

  const commandCases: Record<string, () => Promise<void>> = {
    login: async () => {
      const [u] = await users('login');
      const { client, answer } = await login({
        sdkAppId: app.sdkAppId,
        userId: u,
        userSig: sigOf(app, u),
        platform: 'Android',
      });
      expect(answer.code).toBe(0);
      expectShape(answer.data, {
        connId: 'string',
        nodeId: 'string',
        heartbeatIntervalMs: 'int',
        serverTime: 'int',
        kickedPlatforms: ['string'],
      });
      expect(answer.data).toMatchObject({ heartbeatIntervalMs: 2000, kickedPlatforms: [] });
      // A second login on the same platform ends the first: its platform is named.
      const second = await session(u, { platform: 'Android' });
      expect(await client.closed()).toBe(4001);
      expect(second.isOpen).toBe(true);
      const third = await login({
        sdkAppId: app.sdkAppId,
        userId: u,
        userSig: sigOf(app, u),
        platform: 'Android',
      });
      expect(third.answer.data).toMatchObject({ kickedPlatforms: ['Android'] });
    },
    logout: async () => {
      const [u] = await users('logout');
      const client = await session(u);
      expectShape(await client.ok('logout'), EMPTY);
      expect(await client.closed()).toBe(1000);
    },
    'account.query-online-status': async () => {
      const [on, off] = await users('on', 'off');
      const client = await session(on);
      const reply = await client.ok('account.query-online-status', {
        userIds: [on, off, 'nobody-here'],
        withDetail: true,
      });
      expectShape(reply, {
        results: [
          {
            userId: 'string',
            status: '"Online"|"PushOnline"|"Offline"',
            'detail?': [{ platform: 'string', status: '"Online"|"PushOnline"|"Offline"' }],
          },
        ],
        errors: [{ userId: 'string', code: 'int' }],
      });
      expect(reply).toMatchObject({
        results: [
          { userId: on, status: 'Online', detail: [{ platform: 'Web', status: 'Online' }] },
          { userId: off, status: 'Offline' },
        ],
        errors: [{ userId: 'nobody-here', code: 70107 }],
      });
    },
    'msg.send-c2c': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      const random = rnd();
      const reply = await sender.ok('msg.send-c2c', { to: b, body: text('hi'), random });
      expectShape(reply, SEND);
      expect(reply).toMatchObject({ convId: c2c(a, b), seq: 1, isDuplicate: false });
      const again = await sender.ok('msg.send-c2c', { to: b, body: text('hi'), random });
      expect(again).toMatchObject({ seq: 1, isDuplicate: true });
    },
    'msg.send-group': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a, [b]);
      const reply = await (
        await session(a)
      ).ok('msg.send-group', {
        groupId: g,
        body: text('hi'),
        random: rnd(),
      });
      expectShape(reply, SEND);
      expect(reply).toMatchObject({ convId: `group:${g}`, seq: 1 });
    },
    'msg.edit': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      const sent = await sender.ok('msg.send-c2c', { to: b, body: text('v1'), random: rnd() });
      expectShape(
        await sender.ok('msg.edit', { convId: sent.convId, seq: sent.seq, body: text('v2') }),
        EMPTY,
      );
      const pulled = await sender.ok('msg.pull', { convId: sent.convId, fromSeq: 1 });
      expect(pulled).toMatchObject({
        messages: [{ body: text('v2'), editedAt: expect.any(Number) }],
      });
    },
    'msg.recall': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      const sent = await sender.ok('msg.send-c2c', { to: b, body: text('oops'), random: rnd() });
      expectShape(await sender.ok('msg.recall', { convId: sent.convId, seq: sent.seq }), EMPTY);
      const pulled = await sender.ok('msg.pull', { convId: sent.convId, fromSeq: 1 });
      expect(pulled).toMatchObject({ messages: [{ isRecalled: true, body: [] }] });
    },
    'msg.sync': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      await sender.ok('msg.send-c2c', { to: b, body: text('hi'), random: rnd() });
      const reply = await sender.ok('msg.sync', { cursor: 0 });
      expectShape(reply, { conversations: [CONVERSATION], cursor: 'int', hasMore: 'bool' });
      expect(reply).toMatchObject({
        conversations: [{ convId: c2c(a, b), peer: b, lastSeq: 1, lastMessage: { seq: 1 } }],
        hasMore: false,
      });
      expect(reply).not.toHaveProperty('conversations.0.messages');
      // withMessages: the recipient's unread messages come inline, newest N, ascending.
      await sender.ok('msg.send-c2c', { to: b, body: text('two'), random: rnd() });
      await sender.ok('msg.send-c2c', { to: b, body: text('three'), random: rnd() });
      const inline = await (
        await session(b)
      ).ok<{ conversations: { messages: { seq: number }[] }[] }>('msg.sync', {
        cursor: 0,
        withMessages: 2,
      });
      expectShape(inline, {
        conversations: [CONVERSATION],
        cursor: 'int',
        hasMore: 'bool',
        'messagesCut?': 'bool',
      });
      expect(inline).toMatchObject({
        conversations: [{ convId: c2c(a, b), lastSeq: 3, readSeq: 0 }],
      });
      expect(inline.conversations[0].messages).toHaveLength(2);
      expect(inline.conversations[0].messages).toMatchObject([{ seq: 2 }, { seq: 3 }]);
      expect('messagesCut' in inline).toBe(false);
    },
    'msg.pull': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      for (const t of ['one', 'two'])
        await sender.ok('msg.send-c2c', { to: b, body: text(t), random: rnd() });
      const reply = await (await session(b)).ok('msg.pull', { convId: c2c(a, b), fromSeq: 1 });
      expectShape(reply, {
        messages: [CHAT],
        nextSeq: 'int',
        isComplete: 'bool',
        'retryAfterMs?': 'int',
      });
      expect(reply).toMatchObject({ messages: [{ seq: 1 }, { seq: 2 }], nextSeq: 3 });
    },
    'msg.read': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      for (const t of ['one', 'two'])
        await sender.ok('msg.send-c2c', { to: b, body: text(t), random: rnd() });
      const reply = await (await session(b)).ok('msg.read', { convId: c2c(a, b), seq: 1 });
      expectShape(reply, { readSeq: 'int', unread: 'int' });
      expect(reply).toEqual({ readSeq: 1, unread: 1 });
    },
    'msg.send-receipt': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      const sent = await sender.ok('msg.send-c2c', { to: b, body: text('x'), random: rnd() });
      const reply = await (
        await session(b)
      ).ok('msg.send-receipt', { convId: sent.convId, seqs: [sent.seq] });
      expectShape(reply, { seqs: ['int'] });
      expect(reply).toEqual({ seqs: [sent.seq] });
    },
    'msg.get-receipts': async () => {
      const [a, b, c] = await users('a', 'b', 'c');
      const g = await group(a, [b, c], 'Private');
      const sender = await session(a);
      const sent = await sender.ok('msg.send-group', {
        groupId: g,
        body: text('x'),
        random: rnd(),
      });
      await (await session(b)).ok('msg.send-receipt', { convId: sent.convId, seqs: [sent.seq] });
      const reply = await sender.ok('msg.get-receipts', { groupId: g, seqs: [sent.seq] });
      expectShape(reply, { receipts: [{ seq: 'int', readNum: 'int', unreadNum: 'int' }] });
      expect(reply).toEqual({ receipts: [{ seq: sent.seq, readNum: 1, unreadNum: 1 }] });
    },
    'msg.get-receipt-members': async () => {
      const [a, b, c] = await users('a', 'b', 'c');
      const g = await group(a, [b, c], 'Private');
      const sender = await session(a);
      const sent = await sender.ok('msg.send-group', {
        groupId: g,
        body: text('x'),
        random: rnd(),
      });
      await (await session(b)).ok('msg.send-receipt', { convId: sent.convId, seqs: [sent.seq] });
      const reply = await sender.ok('msg.get-receipt-members', {
        groupId: g,
        seq: sent.seq,
        filter: 'unread',
        cursor: '',
        count: 10,
      });
      expectShape(reply, {
        members: ['string'],
        cursor: 'string',
        isFinished: 'bool',
        readNum: 'int',
        unreadNum: 'int',
      });
      expect(reply).toEqual({
        members: [c],
        cursor: '',
        isFinished: true,
        readNum: 1,
        unreadNum: 1,
      });
    },
    'msg.set-extensions': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      const sent = await sender.ok('msg.send-c2c', { to: b, body: text('x'), random: rnd() });
      const reply = await sender.ok('msg.set-extensions', {
        convId: sent.convId,
        seq: sent.seq,
        operation: 'set',
        items: [{ key: 'k', value: 'v', seq: 0 }],
      });
      const KV: Shape = { key: 'string', value: 'string', seq: 'int' };
      expectShape(reply, {
        results: [{ key: 'string', code: 'int', extension: KV }],
        latestSeq: 'int',
      });
      expect(reply).toEqual({
        results: [{ key: 'k', code: 0, extension: { key: 'k', value: 'v', seq: 1 } }],
        latestSeq: 1,
      });
    },
    'msg.get-extensions': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      const sent = await sender.ok('msg.send-c2c', { to: b, body: text('x'), random: rnd() });
      await sender.ok('msg.set-extensions', {
        convId: sent.convId,
        seq: sent.seq,
        operation: 'set',
        items: [{ key: 'k', value: 'v', seq: 0 }],
      });
      const reply = await (
        await session(b)
      ).ok('msg.get-extensions', { convId: sent.convId, seq: sent.seq });
      expectShape(reply, {
        extensions: [{ key: 'string', value: 'string', seq: 'int' }],
        isComplete: 'bool',
        latestSeq: 'int',
        clearSeq: 'int',
      });
      expect(reply).toEqual({
        extensions: [{ key: 'k', value: 'v', seq: 1 }],
        isComplete: true,
        latestSeq: 1,
        clearSeq: 0,
      });
    },
    'conv.delete': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      const sent = await sender.ok('msg.send-c2c', { to: b, body: text('hi'), random: rnd() });
      expectShape(await sender.ok('conv.delete', { convId: sent.convId }), EMPTY);
      const synced = await sender.ok<{ conversations: unknown[] }>('msg.sync', { cursor: 0 });
      expect(synced.conversations).toMatchObject([{ convId: sent.convId, isDeleted: true }]);
    },
    'conv.pin': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      const sent = await sender.ok('msg.send-c2c', { to: b, body: text('hi'), random: rnd() });
      expectShape(await sender.ok('conv.pin', { convId: sent.convId, isPinned: true }), EMPTY);
      const synced = await sender.ok<{ conversations: unknown[] }>('msg.sync', { cursor: 0 });
      expect(synced.conversations).toMatchObject([{ convId: sent.convId, isPinned: true }]);
      await sender.ok('conv.pin', { convId: sent.convId, isPinned: false });
      const after = await sender.ok<{ conversations: object[] }>('msg.sync', { cursor: 0 });
      expect(after.conversations[0]).not.toHaveProperty('isPinned');
    },
    'conv.mark': async () => {
      const [a, b] = await users('a', 'b');
      const me = await session(a);
      const reply = await me.ok('conv.mark', {
        items: [{ convId: c2c(a, b), setBits: [0, 3], customMark: 'vip' }],
      });
      expectShape(reply, { items: [{ ...CONTACT_MARK, code: 'int', message: 'string' }] });
      expect(reply).toMatchObject({
        items: [{ convId: c2c(a, b), standardMark: '1001', customMark: 'vip', code: 0 }],
      });
    },
    'conv.group-create': async () => {
      const [a, b] = await users('a', 'b');
      const reply = await (
        await session(a)
      ).ok('conv.group-create', {
        name: 'work',
        convIds: [c2c(a, b)],
      });
      expectShape(reply, {
        group: CONTACT_GROUP,
        results: [{ convId: 'string', code: 'int', message: 'string' }],
      });
      expect(reply).toMatchObject({ group: { groupId: 1, name: 'work' } });
    },
    'conv.group-update': async () => {
      const [a, b] = await users('a', 'b');
      const me = await session(a);
      await me.ok('conv.group-create', { name: 'work', convIds: [] });
      const reply = await me.ok('conv.group-update', {
        kind: 'members',
        oldName: 'work',
        changes: [{ op: 'add', convId: c2c(a, b) }],
      });
      expectShape(reply, {
        group: CONTACT_GROUP,
        oldName: 'string',
        results: [{ convId: 'string', op: '"add"|"remove"', code: 'int', message: 'string' }],
      });
      expect(reply).toMatchObject({ results: [{ convId: c2c(a, b), op: 'add', code: 0 }] });
    },
    'conv.group-delete': async () => {
      const [a] = await users('a');
      const me = await session(a);
      await me.ok('conv.group-create', { name: 'work', convIds: [] });
      const reply = await me.ok('conv.group-delete', { names: ['work'] });
      expectShape(reply, { names: ['string'] });
      expect(reply).toEqual({ names: ['work'] });
    },
    'conv.group-get': async () => {
      const [a, b] = await users('a', 'b');
      const me = await session(a);
      await me.ok('conv.group-create', { name: 'work', convIds: [c2c(a, b)] });
      const reply = await me.ok('conv.group-get', { startIndex: 0 });
      expectShape(reply, {
        items: [CONTACT_MARK],
        groups: [CONTACT_GROUP],
        isComplete: 'bool',
        nextIndex: 'int',
      });
      expect(reply).toMatchObject({ items: [{ convId: c2c(a, b), groupIds: [1] }] });
    },
    'conv.group-search': async () => {
      const [a, b] = await users('a', 'b');
      const me = await session(a);
      await me.ok('conv.mark', { items: [{ convId: c2c(a, b), customMark: 'x' }] });
      const reply = await me.ok('conv.group-search', { convIds: [c2c(a, b)] });
      expectShape(reply, {
        items: [{ ...CONTACT_MARK, code: 'int', message: 'string' }],
        groups: [CONTACT_GROUP],
        isComplete: 'bool',
        nextIndex: 'int',
      });
      expect(reply).toMatchObject({ items: [{ customMark: 'x', code: 0 }] });
    },
    'notify.get': async () => {
      const [a, b] = await users('a', 'b');
      await group(a, [b]);
      const reader = await session(b);
      const reply = await fetchNotifications(reader);
      expectShape(reply, { notifications: [NOTIFICATION], hasMore: 'bool' });
      expect(reply.notifications).toMatchObject([{ kind: 'group.created' }]);
    },
    'profile.get': async () => {
      const [a] = await users('a');
      const reply = await (
        await session(a)
      ).ok('profile.get', {
        userIds: [a, 'nobody-here'],
        tags: ['Tag_Profile_IM_Nick'],
      });
      expectShape(reply, {
        profiles: [{ userId: 'string', items: [ITEM], code: 'int', message: 'string' }],
        failedUserIds: ['string'],
      });
      expect(reply).toMatchObject({ failedUserIds: ['nobody-here'] });
    },
    'profile.set': async () => {
      const [a] = await users('a');
      const reply = await (
        await session(a)
      ).ok('profile.set', {
        items: [{ tag: 'Tag_Profile_IM_Nick', value: 'Ann' }],
      });
      expectShape(reply, { changedTags: ['string'] });
      expect(reply).toEqual({ changedTags: ['Tag_Profile_IM_Nick'] });
    },
    'friend.add': async () => {
      const [a, b] = await users('a', 'b');
      const reply = await (
        await session(a)
      ).ok('friend.add', {
        items: [{ toUserId: b, addSource: 'AddSource_Type_Web' }],
      });
      expectShape(reply, RESULT);
      expect(reply).toMatchObject({ results: [{ userId: b }] });
    },
    'friend.update': async () => {
      const [a, b] = await users('a', 'b');
      await friends(a, b);
      const reply = await (
        await session(a)
      ).ok('friend.update', {
        items: [{ toUserId: b, items: [{ tag: 'Tag_SNS_IM_Remark', value: 'bee' }] }],
      });
      expectShape(reply, RESULT);
      expect(reply).toEqual({ results: [{ userId: b, code: 0, message: expect.any(String) }] });
    },
    'friend.delete': async () => {
      const [a, b] = await users('a', 'b');
      await friends(a, b);
      const reply = await (await session(a)).ok('friend.delete', { toUserIds: [b] });
      expectShape(reply, RESULT);
      expect(reply).toMatchObject({ results: [{ userId: b, code: 0 }] });
    },
    'friend.delete-all': async () => {
      const [a, b] = await users('a', 'b');
      await friends(a, b);
      const reply = await (await session(a)).ok('friend.delete-all', {});
      expectShape(reply, { deletedCount: 'int' });
      expect(reply).toEqual({ deletedCount: 1 });
    },
    'friend.check': async () => {
      const [a, b] = await users('a', 'b');
      await friends(a, b);
      const reply = await (
        await session(a)
      ).ok('friend.check', {
        toUserIds: [b],
        checkType: 'both',
      });
      expectShape(reply, CHECK);
      expect(reply).toMatchObject({ results: [{ userId: b, relation: 'BothWay' }] });
    },
    'friend.get': async () => {
      const [a, b] = await users('a', 'b');
      await friends(a, b);
      const reply = await (await session(a)).ok('friend.get', { startIndex: 0 });
      expectShape(reply, {
        friends: [FRIEND],
        standardSequence: 'int',
        customSequence: 'int',
        friendCount: 'int',
        isComplete: 'bool',
        nextStartIndex: 'int',
      });
      expect(reply).toMatchObject({ friends: [{ userId: b }], friendCount: 1 });
    },
    'friend.get-profiles': async () => {
      const [a, b] = await users('a', 'b');
      await friends(a, b);
      const reply = await (
        await session(a)
      ).ok('friend.get-profiles', {
        toUserIds: [b],
        tags: ['Tag_SNS_IM_AddSource'],
      });
      expectShape(reply, {
        results: [{ userId: 'string', items: [ITEM], code: 'int', message: 'string' }],
      });
      expect(reply).toMatchObject({ results: [{ userId: b, code: 0 }] });
    },
    'friend.sync': async () => {
      const [a, b] = await users('a', 'b');
      await friends(a, b);
      const reply = await (await session(a)).ok('friend.sync', { sinceSequence: 0 });
      expectShape(reply, {
        friends: [FRIEND],
        deletedUserIds: ['string'],
        sequence: 'int',
        isComplete: 'bool',
        nextStartIndex: 'int',
      });
      expect(reply).toMatchObject({ friends: [{ userId: b }] });
    },
    'friend.find': async () => {
      const [a, b] = await users('a', 'b');
      await friends(a, b);
      const reply = await (await session(a)).ok('friend.find', { keyword: b });
      expectShape(reply, { friendIds: ['string'] });
      expect(reply).toEqual({ friendIds: [b] });
    },
    'friend-request.list': async () => {
      const [a, b] = await users('a', 'b');
      await (
        await session(a)
      ).ok('friend.add', {
        items: [{ toUserId: b, addSource: 'AddSource_Type_Web', addWording: 'hello' }],
      });
      const reply = await (await session(b)).ok('friend-request.list', { direction: 'incoming' });
      expectShape(reply, {
        requests: [
          {
            fromUserId: 'string',
            toUserId: 'string',
            addType: '"single"|"both"',
            addSource: 'string',
            addWording: 'string',
            createdAt: 'int',
            expiresAt: 'int',
          },
        ],
        total: 'int',
        nextStartIndex: 'int',
      });
      expect(reply).toMatchObject({ requests: [{ fromUserId: a, toUserId: b }], total: 1 });
    },
    'friend-request.accept': async () => {
      const [a, b] = await users('a', 'b');
      await (
        await session(a)
      ).ok('friend.add', {
        items: [{ toUserId: b, addSource: 'AddSource_Type_Web' }],
      });
      const reply = await (await session(b)).ok('friend-request.accept', { fromUserId: a });
      expectShape(reply, { isBothWay: 'bool' });
    },
    'friend-request.reject': async () => {
      const [a, b] = await users('a', 'b');
      await (
        await session(a)
      ).ok('friend.add', {
        items: [{ toUserId: b, addSource: 'AddSource_Type_Web' }],
      });
      const reply = await (await session(b)).ok('friend-request.reject', { peerUserId: a });
      expectShape(reply, PAIR);
      expect(reply).toEqual({ fromUserId: a, toUserId: b });
    },
    'friend-request.delete': async () => {
      const [a, b] = await users('a', 'b');
      const asker = await session(a);
      await asker.ok('friend.add', { items: [{ toUserId: b, addSource: 'AddSource_Type_Web' }] });
      const reply = await asker.ok('friend-request.delete', { peerUserId: b });
      expectShape(reply, PAIR);
      expect(reply).toEqual({ fromUserId: a, toUserId: b });
    },
    'friend-list.create': async () => {
      const [a, b] = await users('a', 'b');
      await friends(a, b);
      const reply = await (
        await session(a)
      ).ok('friend-list.create', {
        names: ['work'],
        toUserIds: [b],
      });
      expectShape(reply, { ...(RESULT as object), sequence: 'int' });
      expect(reply).toMatchObject({ results: [{ userId: b, code: 0 }] });
    },
    'friend-list.delete': async () => {
      const [a] = await users('a');
      const client = await session(a);
      await client.ok('friend-list.create', { names: ['gone'] });
      expectShape(await client.ok('friend-list.delete', { names: ['gone'] }), { sequence: 'int' });
    },
    'friend-list.get': async () => {
      const [a, b] = await users('a', 'b');
      await friends(a, b);
      const client = await session(a);
      await client.ok('friend-list.create', { names: ['work'], toUserIds: [b] });
      const reply = await client.ok('friend-list.get', { withFriends: true });
      expectShape(reply, {
        lists: [{ name: 'string', friendCount: 'int', 'friendIds?': ['string'] }],
        sequence: 'int',
      });
      expect(reply).toMatchObject({ lists: [{ name: 'work', friendCount: 1, friendIds: [b] }] });
    },
    'blacklist.add': async () => {
      const [a, b] = await users('a', 'b');
      const reply = await (await session(a)).ok('blacklist.add', { toUserIds: [b] });
      expectShape(reply, RESULT);
      expect(reply).toMatchObject({ results: [{ userId: b, code: 0 }] });
    },
    'blacklist.remove': async () => {
      const [a, b] = await users('a', 'b');
      const client = await session(a);
      await client.ok('blacklist.add', { toUserIds: [b] });
      const reply = await client.ok('blacklist.remove', { toUserIds: [b] });
      expectShape(reply, RESULT);
      expect(reply).toMatchObject({ results: [{ userId: b, code: 0 }] });
    },
    'blacklist.get': async () => {
      const [a, b] = await users('a', 'b');
      const client = await session(a);
      await client.ok('blacklist.add', { toUserIds: [b] });
      const reply = await client.ok('blacklist.get', { startIndex: 0, maxCount: 10 });
      expectShape(reply, {
        entries: [{ userId: 'string', addedAt: 'int' }],
        nextStartIndex: 'int',
        sequence: 'int',
      });
      expect(reply).toMatchObject({ entries: [{ userId: b }], nextStartIndex: 0 });
    },
    'blacklist.check': async () => {
      const [a, b] = await users('a', 'b');
      const client = await session(a);
      await client.ok('blacklist.add', { toUserIds: [b] });
      const reply = await client.ok('blacklist.check', { toUserIds: [b], checkType: 'single' });
      expectShape(reply, CHECK);
      expect(reply).toMatchObject({ results: [{ userId: b, relation: 'AWithB' }] });
    },
    'recommendation.add': async () => {
      const [a, b] = await users('a', 'b');
      const reply = await (
        await session(a)
      ).ok('recommendation.add', {
        items: [{ userId: b, note: 'met at the fair' }],
      });
      expectShape(reply, RESULT);
      expect(reply).toMatchObject({ results: [{ userId: b, code: 0 }] });
    },
    'recommendation.remove': async () => {
      const [a, b] = await users('a', 'b');
      const client = await session(a);
      await client.ok('recommendation.add', { items: [{ userId: b }] });
      const reply = await client.ok('recommendation.remove', { toUserIds: [b] });
      expectShape(reply, RESULT);
    },
    'recommendation.get': async () => {
      const [a, b] = await users('a', 'b');
      const client = await session(a);
      await client.ok('recommendation.add', { items: [{ userId: b, note: 'hi' }] });
      const reply = await client.ok('recommendation.get', {});
      expectShape(reply, { items: [{ userId: 'string', note: 'string', addedAt: 'int' }] });
      expect(reply).toMatchObject({ items: [{ userId: b, note: 'hi' }] });
    },
    'group.create': async () => {
      const [a, b] = await users('a', 'b');
      const reply = await (
        await session(a)
      ).ok('group.create', {
        type: 'Public',
        name: 'made here',
        members: [{ userId: b }],
      });
      expectShape(reply, { groupId: 'string', type: 'string' });
      expect(reply).toMatchObject({ type: 'Public' });
    },
    'group.get': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a, [b]);
      const reply = await (
        await session(a)
      ).ok('group.get', {
        groupIds: [g, 'no-such-group'],
        withMembers: true,
      });
      expectShape(reply, {
        groups: [{ groupId: 'string', code: 'int', message: 'string', 'group?': GROUP }],
      });
      expect(reply).toMatchObject({
        groups: [
          { groupId: g, code: 0, group: { memberNum: 2 } },
          { groupId: 'no-such-group', code: 10010 },
        ],
      });
    },
    'group.modify': async () => {
      const [a] = await users('a');
      const g = await group(a);
      const reply = await (await session(a)).ok('group.modify', { groupId: g, name: 'renamed' });
      expectShape(reply, { infoSeq: 'int', changedFields: ['string'] });
      expect(reply).toMatchObject({ changedFields: ['Name'] });
    },
    'group.get-attr': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a, [b]);
      await fixture.admin(app).ok('group_open_http_svc', 'set_group_attr', {
        GroupId: g,
        GroupAttr: [{ key: 'topic', value: 'launch' }],
      });
      const reply = await (await session(b)).ok('group.get-attr', { groupId: g });
      expectShape(reply, { attrs: [{ key: 'string', value: 'string' }] });
      expect(reply).toEqual({ attrs: [{ key: 'topic', value: 'launch' }] });
    },
    'group.get-counter': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a, [b]);
      await fixture.admin(app).ok('group_open_http_svc', 'update_group_counter', {
        GroupId: g,
        GroupCounter: [{ Key: 'likes', Value: 7 }],
        Mode: 'Set',
      });
      const reply = await (await session(b)).ok('group.get-counter', { groupId: g });
      expectShape(reply, { counters: [{ key: 'string', value: 'int' }] });
      expect(reply).toEqual({ counters: [{ key: 'likes', value: 7 }] });
    },
    'group.get-topics': async () => {
      const [a, b] = await users('a', 'b');
      const g = await topicCommunity(a, [b]);
      const reply = await (await session(b)).ok('group.get-topics', { groupId: g });
      // a member asking gets their state in each topic: read seq, unread, last message
      const self = { joinTime: 'int', msgFlag: 'string', readSeq: 'int', unread: 'int' };
      expectShape(reply, {
        items: [{ topicId: 'string', errorCode: 'int', topic: TOPIC, self, 'lastMessage?': CHAT }],
      });
      expect(reply).toMatchObject({ items: [{ topicId: `${g}@TOPIC#_t`, errorCode: 0 }] });
    },
    'group.create-topic': async () => {
      const [a] = await users('a');
      const g = await topicCommunity(a);
      const reply = await (await session(a)).ok('group.create-topic', { groupId: g, name: 'n' });
      expectShape(reply, { topicId: 'string' });
      expect((reply as { topicId: string }).topicId.startsWith(`${g}@TOPIC#_`)).toBe(true);
    },
    'group.modify-topic': async () => {
      const [a] = await users('a');
      const g = await topicCommunity(a);
      expectShape(
        await (
          await session(a)
        ).ok('group.modify-topic', { groupId: g, topicId: `${g}@TOPIC#_t`, name: 'renamed' }),
        EMPTY,
      );
    },
    'group.destroy-topics': async () => {
      const [a] = await users('a');
      const g = await topicCommunity(a);
      const reply = await (await session(a)).ok('group.destroy-topics', { groupId: g });
      expectShape(reply, { items: [{ topicId: 'string', errorCode: 'int' }] });
      expect(reply).toEqual({ items: [{ topicId: `${g}@TOPIC#_t`, errorCode: 0 }] });
    },
    'group.destroy': async () => {
      const [a] = await users('a');
      const g = await group(a);
      expectShape(await (await session(a)).ok('group.destroy', { groupId: g }), EMPTY);
    },
    'group.change-owner': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a, [b]);
      expectShape(
        await (await session(a)).ok('group.change-owner', { groupId: g, newOwnerId: b }),
        EMPTY,
      );
    },
    'group.search': async () => {
      const [a] = await users('a');
      const g = await group(a);
      const reply = await (await session(a)).ok('group.search', { groupId: g });
      expectShape(reply, { groups: [GROUP] });
      expect(reply).toMatchObject({ groups: [{ groupId: g }] });
    },
    'group.join': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a);
      const reply = await (await session(b)).ok('group.join', { groupId: g, message: 'me too' });
      expectShape(reply, { outcome: '"joined"|"pending"' });
    },
    'group.quit': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a, [b]);
      expectShape(await (await session(b)).ok('group.quit', { groupId: g }), EMPTY);
    },
    'officialaccount.subscribe': async () => {
      const [a] = await users('a');
      const id = await officialAccount(a);
      const reply = await (
        await session(a)
      ).ok('officialaccount.subscribe', {
        officialAccountId: id,
      });
      expectShape(reply, { results: [{ userId: 'string', result: 'int' }] });
      expect(reply).toEqual({ results: [{ userId: a, result: 1 }] });
    },
    'officialaccount.unsubscribe': async () => {
      const [a] = await users('a');
      const id = await officialAccount(a, [a]);
      const reply = await (
        await session(a)
      ).ok('officialaccount.unsubscribe', {
        officialAccountId: id,
      });
      expectShape(reply, { results: [{ userId: 'string', result: 'int' }] });
      expect(reply).toEqual({ results: [{ userId: a, result: 1 }] });
    },
    'officialaccount.get-subscribed': async () => {
      const [a] = await users('a');
      const id = await officialAccount(a, [a]);
      const reply = await (await session(a)).ok('officialaccount.get-subscribed', {});
      expectShape(reply, {
        totalCount: 'int',
        items: [{ account: OFFICIAL_ACCOUNT, self: SUBSCRIBER }],
      });
      expect(reply).toMatchObject({
        totalCount: 1,
        items: [{ account: { officialAccountId: id }, self: { userId: a } }],
      });
    },
    'officialaccount.get-info': async () => {
      const [a] = await users('a');
      const id = await officialAccount(a);
      const reply = await (
        await session(a)
      ).ok('officialaccount.get-info', {
        officialAccountIds: [id],
      });
      expectShape(reply, {
        items: [{ officialAccountId: 'string', errorCode: 'int', account: OFFICIAL_ACCOUNT }],
      });
      expect(reply).toMatchObject({ items: [{ officialAccountId: id, errorCode: 0 }] });
    },
    'officialaccount.set-msg-flag': async () => {
      const [a] = await users('a');
      const id = await officialAccount(a, [a]);
      const client = await session(a);
      expectShape(
        await client.ok('officialaccount.set-msg-flag', {
          officialAccountId: id,
          msgFlag: 'AcceptNotNotify',
        }),
        EMPTY,
      );
      const reply = await client.ok('officialaccount.get-subscribed', {});
      expect(reply).toMatchObject({ items: [{ self: { userId: a, msgFlag: 'AcceptNotNotify' } }] });
    },
    'group.get-joined': async () => {
      const [a] = await users('a');
      const g = await group(a);
      const reply = await (await session(a)).ok('group.get-joined', {});
      expectShape(reply, {
        totalCount: 'int',
        groups: [{ group: GROUP, self: MEMBER, unreadMsgNum: 'int' }],
      });
      expect(reply).toMatchObject({ totalCount: 1, groups: [{ group: { groupId: g } }] });
    },
    'group.get-members': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a, [b]);
      const reply = await (await session(a)).ok('group.get-members', { groupId: g });
      expectShape(reply, { memberNum: 'int', members: [MEMBER] });
      expect(reply).toMatchObject({ memberNum: 2 });
    },
    'group.add-members': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a);
      const reply = await (
        await session(a)
      ).ok('group.add-members', {
        groupId: g,
        userIds: [b, 'nobody-here'],
      });
      expectShape(reply, { results: [{ userId: 'string', result: '0|1|2|3', code: 'int' }] });
      expect(reply).toMatchObject({ results: [{ userId: b, result: 1, code: 0 }, { result: 0 }] });
    },
    'group.remove-members': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a, [b]);
      expectShape(
        await (await session(a)).ok('group.remove-members', { groupId: g, userIds: [b] }),
        EMPTY,
      );
    },
    'group.modify-member': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a, [b]);
      expectShape(
        await (
          await session(a)
        ).ok('group.modify-member', {
          groupId: g,
          userId: b,
          nameCard: 'Bee',
        }),
        EMPTY,
      );
    },
    'group.mute-members': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a, [b]);
      const reply = await (
        await session(a)
      ).ok('group.mute-members', {
        groupId: g,
        userIds: [b],
        muteTime: 60,
      });
      expectShape(reply, { muteUntil: 'int', userIds: ['string'] });
      expect(reply).toMatchObject({ userIds: [b] });
    },
    'group.get-muted': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a, [b]);
      const client = await session(a);
      await client.ok('group.mute-members', { groupId: g, userIds: [b], muteTime: 60 });
      const reply = await client.ok('group.get-muted', { groupId: g });
      expectShape(reply, { members: [{ userId: 'string', muteUntil: 'int' }] });
      expect(reply).toMatchObject({ members: [{ userId: b }] });
    },
    'group.get-roles': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a, [b]);
      const reply = await (
        await session(a)
      ).ok('group.get-roles', {
        groupId: g,
        userIds: [a, b, 'nobody-here'],
      });
      expectShape(reply, {
        roles: [{ userId: 'string', role: '"Owner"|"Admin"|"Member"|"NotMember"' }],
      });
      expect(reply).toEqual({
        roles: [
          { userId: a, role: 'Owner' },
          { userId: b, role: 'Member' },
          { userId: 'nobody-here', role: 'NotMember' },
        ],
      });
    },
    'group.get-online-count': async () => {
      const [a] = await users('a');
      const g = await group(a);
      const reply = await (await session(a)).ok('group.get-online-count', { groupId: g });
      expectShape(reply, { onlineMemberNum: 'int' });
    },
    'group.join-requests': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a);
      await (await session(b)).ok('group.join', { groupId: g, message: 'let me in' });
      const reply = await (await session(a)).ok('group.join-requests', { groupId: g });
      expectShape(reply, {
        requests: [{ applicantId: 'string', message: 'string', createdAt: 'int' }],
      });
      expect(reply).toMatchObject({ requests: [{ applicantId: b, message: 'let me in' }] });
    },
    'group.handle-join-request': async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a);
      await (await session(b)).ok('group.join', { groupId: g });
      const reply = await (
        await session(a)
      ).ok('group.handle-join-request', {
        groupId: g,
        applicantId: b,
        approve: true,
      });
      expectShape(reply, EMPTY);
    },
    'room.join': async () => {
      const [a] = await users('a');
      const g = await group(a, [], 'AVChatRoom');
      const reply = await (await session(a)).ok('room.join', { groupId: g });
      expectShape(reply, { groupId: 'string', type: 'string', outcome: '"joined"|"pending"' });
      expect(reply).toEqual({ groupId: g, type: 'AVChatRoom', outcome: 'joined' });
    },
    'room.leave': async () => {
      const [a] = await users('a');
      const g = await group(a, [], 'AVChatRoom');
      const client = await session(a);
      await client.ok('room.join', { groupId: g });
      expectShape(await client.ok('room.leave', { groupId: g }), EMPTY);
    },
    'push.register-device': async () => {
      const [a] = await users('a');
      const reply = await (
        await session(a)
      ).ok('push.register-device', {
        provider: 'webhook',
        token: `token-${a}`,
        platform: 'Android',
      });
      expectShape(reply, EMPTY);
    },
    'push.unregister-device': async () => {
      const [a] = await users('a');
      const client = await session(a);
      await client.ok('push.register-device', { provider: 'webhook', token: `t-${a}` });
      expectShape(
        await client.ok('push.unregister-device', { provider: 'webhook', token: `t-${a}` }),
        EMPTY,
      );
    },
  };

  // ---------------------------------------------------------------- pushes (§8)

  const pushCases: Record<string, () => Promise<void>> = {
    kicked: async () => {
      const [u] = await users('kicked');
      const first = await session(u, { platform: 'iPhone' });
      await session(u, { platform: 'iPhone' });
      expectShape(await first.nextPush('kicked'), { reason: '"multi-login"|"admin"' });
      expect(first.pushes('kicked')).toEqual([{ reason: 'multi-login' }]);
    },
    msg: async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      const receiver = await session(b);
      const sent = await sender.ok('msg.send-c2c', { to: b, body: text('hi'), random: rnd() });
      const pushed = await receiver.nextPush('msg');
      expectShape(pushed, CHAT);
      expect(pushed).toMatchObject({ convId: sent.convId, seq: sent.seq, from: a, to: b });
      // The sending session gets no push of its own message: the answer it is pushed next
      // (b's reply) comes alone.
      await receiver.ok('msg.send-c2c', { to: a, body: text('back'), random: rnd() });
      await sender.nextPush('msg', sentBy(b));
      expect(sender.pushes('msg').map((m) => m.from)).toEqual([b]);
    },
    'msg.modified': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      const receiver = await session(b);
      const sent = await sender.ok('msg.send-c2c', { to: b, body: text('v1'), random: rnd() });
      await sender.ok('msg.edit', { convId: sent.convId, seq: sent.seq, body: text('v2') });
      const pushed = await receiver.nextPush('msg.modified');
      expectShape(pushed, CHAT);
      expect(pushed).toMatchObject({
        seq: sent.seq,
        body: text('v2'),
        editedAt: expect.any(Number),
      });
    },
    'msg.recalled': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      const receiver = await session(b);
      const sent = await sender.ok('msg.send-c2c', { to: b, body: text('x'), random: rnd() });
      await sender.ok('msg.recall', { convId: sent.convId, seq: sent.seq });
      const pushed = await receiver.nextPush('msg.recalled');
      expectShape(pushed, { convId: 'string', seq: 'int' });
      expect(pushed).toEqual({ convId: sent.convId, seq: sent.seq });
    },
    'msg.read': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      const reader = await session(b);
      const sent = await sender.ok('msg.send-c2c', { to: b, body: text('x'), random: rnd() });
      await reader.ok('msg.read', { convId: sent.convId, seq: sent.seq });
      const pushed = await sender.nextPush('msg.read');
      expectShape(pushed, { convId: 'string', userId: 'string', readSeq: 'int' });
      expect(pushed).toEqual({ convId: sent.convId, userId: b, readSeq: sent.seq });
    },
    'msg.receipt': async () => {
      const [a, b, c] = await users('a', 'b', 'c');
      const g = await group(a, [b, c], 'Private');
      const sender = await session(a);
      const sent = await sender.ok('msg.send-group', {
        groupId: g,
        body: text('x'),
        random: rnd(),
      });
      await (await session(b)).ok('msg.send-receipt', { convId: sent.convId, seqs: [sent.seq] });
      const pushed = await sender.nextPush('msg.receipt');
      expectShape(pushed, {
        convId: 'string',
        userId: 'string',
        seqs: ['int'],
        time: 'int',
        'counts?': [{ seq: 'int', readNum: 'int', unreadNum: 'int' }],
      });
      expect(pushed).toMatchObject({
        convId: sent.convId,
        userId: b,
        seqs: [sent.seq],
        counts: [{ seq: sent.seq, readNum: 1, unreadNum: 1 }],
      });
    },
    'msg.ext-changed': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      const receiver = await session(b);
      const sent = await sender.ok('msg.send-c2c', { to: b, body: text('x'), random: rnd() });
      await sender.ok('msg.set-extensions', {
        convId: sent.convId,
        seq: sent.seq,
        operation: 'set',
        items: [{ key: 'k', value: 'v', seq: 0 }],
      });
      const pushed = await receiver.nextPush('msg.ext-changed');
      expectShape(pushed, {
        convId: 'string',
        seq: 'int',
        operation: '"set"|"delete"|"clear"',
        extensions: [{ key: 'string', value: 'string', seq: 'int' }],
        latestSeq: 'int',
      });
      expect(pushed).toEqual({
        convId: sent.convId,
        seq: sent.seq,
        operation: 'set',
        extensions: [{ key: 'k', value: 'v', seq: 1 }],
        latestSeq: 1,
      });
    },
    'conv.deleted': async () => {
      const [a, b] = await users('a', 'b');
      const phone = await session(a, { platform: 'Android' });
      const web = await session(a, { platform: 'Web' });
      const sent = await phone.ok('msg.send-c2c', { to: b, body: text('x'), random: rnd() });
      await phone.ok('conv.delete', { convId: sent.convId });
      const pushed = await web.nextPush('conv.deleted');
      expectShape(pushed, { convId: 'string' });
      expect(pushed).toEqual({ convId: sent.convId });
      // the deleting session hears nothing of it: a later push to it comes first
      await (await session(b)).ok('msg.send-c2c', { to: a, body: text('y'), random: rnd() });
      await phone.nextPush('msg', sentBy(b));
      expect(phone.pushes('conv.deleted')).toEqual([]);
    },
    'conv.contacts-changed': async () => {
      const [a, b] = await users('a', 'b');
      const phone = await session(a, { platform: 'Android' });
      const web = await session(a, { platform: 'Web' });
      await phone.ok('conv.group-create', { name: 'work', convIds: [c2c(a, b)] });
      const pushed = await web.nextPush('conv.contacts-changed');
      expectShape(pushed, { marks: [CONTACT_MARK], groups: [CONTACT_GROUP] });
      expect(pushed).toMatchObject({
        marks: [{ convId: c2c(a, b), groupIds: [1] }],
        groups: [{ groupId: 1, name: 'work' }],
      });
      // the asking session hears nothing of it: a later push to it comes first
      await (await session(b)).ok('msg.send-c2c', { to: a, body: text('y'), random: rnd() });
      await phone.nextPush('msg', sentBy(b));
      expect(phone.pushes('conv.contacts-changed')).toEqual([]);
    },
    'msg.deleted': async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a, { platform: 'Android' });
      const other = await session(a, { platform: 'Web' });
      const sent = await sender.ok<{ convId: string; seq: number; msgKey: string }>(
        'msg.send-c2c',
        { to: b, body: text('x'), random: rnd() },
      );
      const answer = await fixture.admin(app).ok('openim', 'delete_c2c_msg_ramble', {
        Operator_Account: a,
        Peer_Account: b,
        MsgKeyList: [sent.msgKey],
      });
      expect(answer).toMatchObject({ InvalidMsgKeyList: [] });
      // the deletion comes from the backend: every session of the user hears of it
      for (const s of [sender, other]) {
        const pushed = await s.nextPush('msg.deleted');
        expectShape(pushed, { convId: 'string', seqs: ['int'] });
        expect(pushed).toEqual({ convId: sent.convId, seqs: [sent.seq] });
      }
    },
    notify: async () => {
      const [a, b] = await users('a', 'b');
      const owner = await session(a);
      const g = await group(a);
      await owner.ok('group.add-members', { groupId: g, userIds: [b] });
      const pushed = await owner.nextPush<{ kind: string }>(
        'notify',
        (x) => x.kind === 'group.member-joined',
      );
      expectShape(pushed, NOTIFICATION);
    },
    push: async () => {
      const [a] = await users('a');
      const client = await session(a);
      const pushed = await fixture.admin(app).ok('all_member_push', 'im_push', {
        MsgRandom: rnd(),
        MsgBody: text('to everyone'),
        MsgLifeTime: 0,
      });
      const data = await client.nextPush<{ taskId: string }>(
        'push',
        (x) => x.taskId === pushed.TaskId,
      );
      expectShape(data, {
        taskId: 'string',
        from: 'string',
        body: ['object'],
        time: 'int',
        'stored?': 'bool',
      });
    },
  };

  // ---------------------------------------------------------------- close codes (§5)

  const closeCases: Record<number, () => Promise<void>> = {
    1000: async () => {
      const [u] = await users('bye');
      const client = await session(u);
      await client.ok('logout');
      expect(await client.closed()).toBe(1000);
    },
    1007: async () => {
      const client = await open();
      // a text frame whose bytes are not UTF-8
      client.socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
      expect(await client.closed()).toBe(1007);
    },
    1009: async () => {
      const client = await open();
      client.sendText(JSON.stringify({ op: 'ping', pad: 'x'.repeat(70 * 1024) }));
      expect(await client.closed()).toBe(1009);
    },
    4000: async () => {
      const binary = await open();
      binary.sendBinary(Buffer.from([1, 2, 3]));
      expect(await binary.closed()).toBe(4000);
      const notJson = await open();
      notJson.sendText('hello?');
      expect(await notJson.closed()).toBe(4000);
    },
    4001: async () => {
      const [u] = await users('twice');
      const first = await session(u, { platform: 'PC' });
      await session(u, { platform: 'PC' });
      expect(await first.closed()).toBe(4001);
    },
    4002: async () => {
      const [u] = await users('kicked');
      const client = await session(u);
      await fixture.admin(app).ok('im_open_login_svc', 'kick', { UserID: u });
      expect(await client.nextPush('kicked')).toEqual({ reason: 'admin' });
      expect(await client.closed()).toBe(4002);
    },
    4003: async () => {
      const [u] = await users('refused');
      const { client, answer } = await login({
        sdkAppId: app.sdkAppId,
        userId: u,
        userSig: 'not-a-sig',
        platform: 'Web',
      });
      expect(answer.code).toBe(70003);
      expect(await client.closed()).toBe(4003);
      // No login within 10 s (though alive: pings count as life, not as a login).
      const silent = await open();
      silent.startHeartbeat(1000);
      expect(await silent.closed(15_000)).toBe(4003);
    },
    4004: async () => {
      const [u] = await users('silent');
      const client = await session(u);
      client.stopHeartbeat();
      // 3 intervals of 2 s without a frame, then the sweep (every second).
      expect(await client.closed(15_000)).toBe(4004);
    },
    4005: async () => {
      // guests from this one address until the gateway refuses one (other cases' guests may
      // hold some of the slots): that login answers 60018 and the connection closes with 4005
      const guests: RawClient[] = [];
      let refused: { answer: Answer; client: RawClient } | undefined;
      for (let i = 0; i <= GUESTS_PER_ADDRESS && !refused; i++) {
        const client = await open();
        const answer = await client.request('login', {
          sdkAppId: app.sdkAppId,
          guest: true,
          platform: 'Web',
        });
        if (answer.code === 0) guests.push(client);
        else refused = { answer, client };
      }
      expect(refused?.answer.code).toBe(60018);
      expect(await refused!.client.closed()).toBe(4005);
      for (const g of guests) g.close();
    },
    4008: async () => {
      const [u, watcher] = await users('slow', 'watcher');
      const client = await session(u);
      const observer = await session(watcher);
      const nodeId = client.loginData?.nodeId ?? '';
      const tcp = (client.socket as unknown as { _socket: { pause(): void; resume(): void } })
        ._socket;
      tcp.pause();
      await floodUntilOffline(u, nodeId, observer);
      tcp.resume();
      expect(await client.closed()).toBe(4008);
    },
    4009: async () => {
      const [u] = await users('shutdown');
      const client = await session(u);
      const gateway = fixture.platform.services.get('conn-gateway');
      if (!gateway) throw new Error('no conn-gateway process');
      process.kill(gateway.pid, 'SIGTERM');
      expect(await client.closed()).toBe(4009);
      await gateway.exited;
      await fixture.platform.restart('conn-gateway');
    },
  };

  // ---------------------------------------------------------------- gateway codes (§5)

  const gatewayCodeCases: Record<number, () => Promise<void>> = {
    60002: async () => {
      const [u] = await users('u');
      const client = await session(u);
      const seq = client.takeSeq();
      client.send({ op: 'what', seq });
      expectCode(await client.answerTo(seq), 60002);
      const seq2 = client.takeSeq();
      client.send({ op: 'req', seq: seq2, cmd: 'msg.sync', data: [1] });
      expectCode(await client.answerTo(seq2), 60002);
      expect(client.isOpen).toBe(true);
    },
    60006: async () => {
      const { client, answer } = await login({
        sdkAppId: -1,
        userId: 'x',
        userSig: 'y',
        platform: 'Web',
      });
      expectCode(answer, 60006);
      expect(await client.closed()).toBe(4003);
    },
    60008: async () => {
      const [u] = await users('u');
      const client = await session(u);
      const message = fixture.platform.services.get('message');
      if (!message) throw new Error('no message process');
      process.kill(message.pid, 'SIGKILL');
      await message.exited;
      try {
        expectCode(await client.request('msg.sync', { cursor: 0 }, 30_000), 60008);
        expect(client.isOpen).toBe(true);
      } finally {
        await fixture.platform.restart('message');
      }
    },
    60009: async () => {
      const [u] = await users('u');
      expectCode(await (await session(u)).request('msg.nope', {}), 60009);
    },
    60016: async () => {
      const off = await fixture.apps.create({ name: 'conformance-disabled' });
      await fixture.apps.update({ sdkAppId: off.sdkAppId, status: 'disabled' });
      const { client, answer } = await login({
        sdkAppId: off.sdkAppId,
        userId: 'u',
        userSig: sigOf(off, 'u'),
        platform: 'Web',
      });
      expectCode(answer, 60016);
      expect(await client.closed()).toBe(4003);
    },
    60018: async () => {
      const [u] = await users('u');
      const client = await session(u);
      const seqs = sendSyncBatch(client, 150);
      const answers: Answer[] = [];
      for (const seq of seqs) answers.push(await client.answerTo(seq));
      // one batch frame is taken in one go: the first 100 are in flight, the other 50 refused
      // (the 100 answer 0, or a busy code when the machine is overloaded: not what is tested)
      const refused = withCode(answers, 60018);
      expect(refused).toHaveLength(50);
      expectCode(refused[0], 60018);
      expect(answers.slice(0, 100).filter((a) => a.code === 60018)).toEqual([]);
    },
    70001: async () => {
      const [u] = await users('u');
      const { answer } = await login({
        sdkAppId: app.sdkAppId,
        userId: u,
        userSig: sigOf(app, u, 60, Math.floor(Date.now() / 1000) - 3600),
        platform: 'Web',
      });
      expectCode(answer, 70001);
    },
    70002: async () => {
      const early = await open();
      expectCode(await early.request('msg.sync', { cursor: 0 }), 70002);
      expect(early.isOpen).toBe(true);
      const { answer } = await login({
        sdkAppId: app.sdkAppId,
        userId: 'u',
        userSig: '',
        platform: 'Web',
      });
      expectCode(answer, 70002);
      const guest = await open();
      await guest.ok('login', { sdkAppId: app.sdkAppId, guest: true, platform: 'Web' });
      expectCode(await guest.request('msg.sync', { cursor: 0 }), 70002);
    },
    70003: async () => {
      const { answer } = await login({
        sdkAppId: app.sdkAppId,
        userId: 'u',
        userSig: 'garbage',
        platform: 'Web',
      });
      expectCode(answer, 70003);
    },
    70009: async () => {
      const forged = signUserSig({
        sdkAppId: app.sdkAppId,
        secretKey: 'f'.repeat(64),
        identifier: 'u',
        expireSeconds: 3600,
      });
      const { answer } = await login({
        sdkAppId: app.sdkAppId,
        userId: 'u',
        userSig: forged,
        platform: 'Web',
      });
      expectCode(answer, 70009);
    },
    70013: async () => {
      const { answer } = await login({
        sdkAppId: app.sdkAppId,
        userId: 'someone',
        userSig: sigOf(app, 'someone-else'),
        platform: 'Web',
      });
      expectCode(answer, 70013);
    },
    70014: async () => {
      const other = await fixture.apps.create({ name: 'conformance-other' });
      const { answer } = await login({
        sdkAppId: app.sdkAppId,
        userId: 'u',
        userSig: sigOf(other, 'u'),
        platform: 'Web',
      });
      expectCode(answer, 70014);
    },
    70020: async () => {
      const { answer } = await login({
        sdkAppId: 4_000_000_000,
        userId: 'u',
        userSig: 'x',
        platform: 'Web',
      });
      expectCode(answer, 70020);
    },
    70052: async () => {
      const [u] = await users('u');
      const before = sigOf(app, u, 3600, Math.floor(Date.now() / 1000) - 10);
      await fixture.admin(app).ok('im_open_login_svc', 'kick', { UserID: u });
      const { client, answer } = await login({
        sdkAppId: app.sdkAppId,
        userId: u,
        userSig: before,
        platform: 'Web',
      });
      expectCode(answer, 70052);
      expect(await client.closed()).toBe(4003);
    },
    70107: async () => {
      const strict = await fixture.apps.create({
        name: 'conformance-strict',
        settings: { autoCreateAccountOnLogin: false },
      });
      const { answer } = await login({
        sdkAppId: strict.sdkAppId,
        userId: 'stranger',
        userSig: sigOf(strict, 'stranger'),
        platform: 'Web',
      });
      expectCode(answer, 70107);
    },
    70402: async () => {
      const bad = await login({
        sdkAppId: app.sdkAppId,
        userId: 'u',
        userSig: 'x',
        platform: 'Toaster',
      });
      expectCode(bad.answer, 70402);
      expect(await bad.client.closed()).toBe(4003);
      const long = await login({
        sdkAppId: app.sdkAppId,
        userId: 'u'.repeat(33),
        userSig: 'x',
        platform: 'Web',
      });
      expectCode(long.answer, 70402);
    },
    7501: async () => {
      const [u] = await users('u');
      const client = await session(u);
      const again = await client.request('login', {
        sdkAppId: app.sdkAppId,
        userId: u,
        userSig: sigOf(app, u),
        platform: 'Web',
      });
      expectCode(again, 7501);
      // The session stays open and logged in as it was.
      expect((await client.request('msg.sync', { cursor: 0 })).code).toBe(0);
      expect(client.isOpen).toBe(true);
    },
  };

  // ---------------------------------------------------------------- command codes (§5)

  /** An app of its own for the settings a case needs. */
  async function appWith(name: string, settings: object): Promise<AppReply> {
    return fixture.apps.create({ name: `conformance-${name}`, settings });
  }

  async function usersOf(a: AppReply, ...ids: string[]): Promise<void> {
    await fixture.admin(a).ok('im_open_login_svc', 'multiaccount_import', { Accounts: ids });
  }

  const commandCodeCases: Record<number, () => Promise<void>> = {
    50002: async () => {
      const [a, b] = await users('a', 'b');
      // no message between them yet: no conversation to pin
      expectCode(
        await (await session(a)).request('conv.pin', { convId: c2c(a, b), isPinned: true }),
        50002,
      );
    },
    20001: async () => {
      const [a, b, c] = await users('a', 'b', 'c');
      const sent = await (
        await session(a)
      ).ok('msg.send-c2c', { to: b, body: text('x'), random: rnd() });
      const stranger = await session(c);
      expectCode(await stranger.request('msg.pull', { convId: sent.convId, fromSeq: 1 }), 20001);
      expectCode(await stranger.request('msg.read', { convId: sent.convId, seq: 1 }), 20001);
      expectCode(
        await stranger.request('msg.edit', { convId: sent.convId, seq: 1, body: text('y') }),
        20001,
      );
      const receiver = await session(b);
      expectCode(
        await receiver.request('msg.recall', { convId: sent.convId, seq: sent.seq }),
        20001,
      );
      expectCode(await receiver.request('msg.sync', { cursor: -1 }), 20001);
    },
    90009: async () => {
      const [a, b] = await users('a', 'b');
      const sent = await (
        await session(a)
      ).ok('msg.send-c2c', { to: b, body: text('x'), random: rnd() });
      expectCode(
        await (
          await session(b)
        ).request('msg.edit', { convId: sent.convId, seq: sent.seq, body: text('mine now') }),
        90009,
      );
    },
    20007: async () => {
      const [a, b] = await users('a', 'b');
      await (await session(b)).ok('blacklist.add', { toUserIds: [a] });
      expectCode(
        await (await session(a)).request('msg.send-c2c', { to: b, body: text('x'), random: rnd() }),
        20007,
      );
    },
    20009: async () => {
      const strict = await appWith('friends-both', { message: { c2cFriendCheck: 'both' } });
      await usersOf(strict, 'fa', 'fb');
      const client = await session('fa', { app: strict });
      expectCode(
        await client.request('msg.send-c2c', { to: 'fb', body: text('x'), random: rnd() }),
        20009,
      );
    },
    20010: async () => {
      const strict = await appWith('friends-receiver', {
        message: { c2cFriendCheck: 'receiver-has-sender' },
      });
      await usersOf(strict, 'fa', 'fb');
      const client = await session('fa', { app: strict });
      expectCode(
        await client.request('msg.send-c2c', { to: 'fb', body: text('x'), random: rnd() }),
        20010,
      );
    },
    20011: async () => {
      const strict = await appWith('friends-sender', {
        message: { c2cFriendCheck: 'sender-has-receiver' },
      });
      await usersOf(strict, 'fa', 'fb');
      const client = await session('fa', { app: strict });
      expectCode(
        await client.request('msg.send-c2c', { to: 'fb', body: text('x'), random: rnd() }),
        20011,
      );
    },
    20016: async () => {
      const quick = await appWith('window-c2c', { message: { recallWindowSeconds: 1 } });
      await usersOf(quick, 'wa', 'wb');
      const client = await session('wa', { app: quick });
      const sent = await client.ok<{ convId: string; seq: number; time: number }>('msg.send-c2c', {
        to: 'wb',
        body: text('x'),
        random: rnd(),
      });
      await pastWindow(sent.time, 1);
      expectCode(await client.request('msg.recall', { convId: sent.convId, seq: sent.seq }), 20016);
    },
    90002: async () => {
      const [a, b] = await users('a', 'b');
      const client = await session(a);
      expectCode(await client.request('msg.send-c2c', { to: b, body: [], random: rnd() }), 90002);
      const sent = await client.ok('msg.send-c2c', { to: b, body: text('x'), random: rnd() });
      expectCode(
        await client.request('msg.edit', { convId: sent.convId, seq: sent.seq, body: [] }),
        90002,
      );
    },
    90007: async () => {
      const [a, b] = await users('a', 'b');
      const client = await session(a);
      expectCode(await client.request('msg.send-c2c', { to: b, random: rnd() }), 90007);
      expectCode(
        await client.request('msg.send-c2c', { to: b, body: text('x')[0], random: rnd() }),
        90007,
      );
    },
    90010: async () => {
      const [a, b] = await users('a', 'b');
      const client = await session(a);
      for (const body of [
        [{ MsgType: 'TIMNope', MsgContent: {} }],
        [{ MsgType: 'TIMTextElem' }],
        [{ MsgType: 'TIMTextElem', MsgContent: {} }],
      ])
        expectCode(await client.request('msg.send-c2c', { to: b, body, random: rnd() }), 90010);
    },
    90012: async () => {
      const [a] = await users('a');
      expectCode(
        await (
          await session(a)
        ).request('msg.send-c2c', { to: 'nobody-here', body: text('x'), random: rnd() }),
        90012,
      );
    },
    93000: async () => {
      const [a, b] = await users('a', 'b');
      expectCode(
        await (
          await session(a)
        ).request('msg.send-c2c', { to: b, body: text('x'.repeat(13 * 1024)), random: rnd() }),
        93000,
      );
    },
    10004: async () => {
      const [a] = await users('a');
      const g = await group(a);
      const client = await session(a);
      for (const body of [
        [],
        [{ MsgType: 'TIMNope', MsgContent: {} }],
        [{ MsgType: 'TIMTextElem' }],
      ])
        expectCode(
          await client.request('msg.send-group', { groupId: g, body, random: rnd() }),
          10004,
        );
      const sent = await client.ok('msg.send-group', {
        groupId: g,
        body: text('x'),
        random: rnd(),
      });
      expectCode(
        await client.request('msg.edit', { convId: sent.convId, seq: sent.seq, body: [] }),
        10004,
      );
    },
    10007: async () => {
      const [a, b, c] = await users('a', 'b', 'c');
      const g = await group(a, [b]);
      const stranger = await session(c);
      expectCode(
        await stranger.request('msg.send-group', { groupId: g, body: text('x'), random: rnd() }),
        10007,
      );
      expectCode(await stranger.request('msg.pull', { convId: `group:${g}`, fromSeq: 1 }), 10007);
      expectCode(await stranger.request('msg.read', { convId: `group:${g}`, seq: 1 }), 10007);
      const sent = await (
        await session(a)
      ).ok('msg.send-group', { groupId: g, body: text('x'), random: rnd() });
      expectCode(
        await (await session(b)).request('msg.recall', { convId: sent.convId, seq: sent.seq }),
        10007,
      );
      expectCode(
        await (
          await session(b)
        ).request('msg.edit', { convId: sent.convId, seq: sent.seq, body: text('mine') }),
        10007,
      );
    },
    10010: async () => {
      const [a] = await users('a');
      const client = await session(a);
      expectCode(
        await client.request('msg.send-group', {
          groupId: 'no-such-group',
          body: text('x'),
          random: rnd(),
        }),
        10010,
      );
      expectCode(await client.request('room.join', { groupId: 'no-such-group' }), 10010);
      expectCode(
        await client.request('msg.pull', { convId: 'group:no-such-group', fromSeq: 1 }),
        10010,
      );
    },
    10017: async () => {
      const [a, b] = await users('a', 'b');
      const g = await group(a, [b]);
      await (await session(a)).ok('group.mute-members', { groupId: g, userIds: [b], muteTime: 60 });
      expectCode(
        await (
          await session(b)
        ).request('msg.send-group', { groupId: g, body: text('x'), random: rnd() }),
        10017,
      );
    },
    10031: async () => {
      const quick = await appWith('window-group', { message: { recallWindowSeconds: 1 } });
      await usersOf(quick, 'wa');
      const created = await fixture.admin(quick).ok('group_open_http_svc', 'create_group', {
        Owner_Account: 'wa',
        Type: 'Public',
        Name: 'window',
      });
      const client = await session('wa', { app: quick });
      const sent = await client.ok<{ convId: string; seq: number; time: number }>(
        'msg.send-group',
        { groupId: created.GroupId, body: text('x'), random: rnd() },
      );
      await pastWindow(sent.time, 1);
      expectCode(await client.request('msg.recall', { convId: sent.convId, seq: sent.seq }), 10031);
    },
    10059: async () => {
      const plain = await appWith('no-rooms', {});
      await usersOf(plain, 'ra');
      const client = await session('ra', { app: plain });
      expectCode(await client.request('group.create', { type: 'AVChatRoom', name: 'live' }), 10059);
    },
    80001: async () => {
      const words = await appWith('words', {});
      await usersOf(words, 'da', 'db');
      await fixture.admin(words).ok('openim_dirty_words', 'add', { DirtyWordsList: ['forbidden'] });
      const client = await session('da', { app: words });
      expectCode(
        await client.request('msg.send-c2c', {
          to: 'db',
          body: text('a forbidden word'),
          random: rnd(),
        }),
        80001,
      );
      const created = await fixture.admin(words).ok('group_open_http_svc', 'create_group', {
        Owner_Account: 'da',
        Type: 'Public',
        Name: 'words',
      });
      expectCode(
        await client.request('msg.send-group', {
          groupId: created.GroupId,
          body: text('forbidden here too'),
          random: rnd(),
        }),
        80001,
      );
    },
    80002: async () => {
      const [a] = await users('a');
      const g = await group(a);
      expectCode(
        await (
          await session(a)
        ).request('msg.send-group', {
          groupId: g,
          body: text('x'.repeat(13 * 1024)),
          random: rnd(),
        }),
        80002,
      );
    },
    90001: async () => {
      const [a] = await users('a');
      expectCode(
        await (
          await session(a)
        ).request('push.register-device', { provider: 'carrier-pigeon', token: 't' }),
        90001,
      );
    },
  };

  // ---------------------------------------------------------------- the document's tables

  it('has a case for every command, push, close code and error code docs/protocol.md lists, and no other', () => {
    const keys = (o: object) => Object.keys(o).sort();
    const sorted = (list: (string | number)[]) => list.map(String).sort();
    expect(keys(commandCases)).toEqual(sorted(doc.commands));
    expect(keys(pushCases)).toEqual(sorted(doc.pushes));
    expect(keys(closeCases)).toEqual(sorted(doc.closeCodes));
    expect(keys(gatewayCodeCases)).toEqual(sorted(doc.gatewayCodes));
    expect(keys(commandCodeCases)).toEqual(sorted(doc.commandCodes));
  });

  describe('commands', () => {
    it.each(Object.keys(commandCases))('%s answers the documented shape', async (cmd) => {
      expect.hasAssertions();
      await commandCases[cmd]();
    });
  });

  describe('pushes', () => {
    it.each(Object.keys(pushCases))('%s carries the documented data', async (cmd) => {
      expect.hasAssertions();
      await pushCases[cmd]();
    });
  });

  describe('codes the commands answer', () => {
    it.each(Object.keys(commandCodeCases).map(Number))('%i', async (code) => {
      expect.hasAssertions();
      await commandCodeCases[code]();
    });
  });

  describe('behaviour the document states', () => {
    it('sends frames under 1 KB uncompressed and larger ones compressed (§1)', async () => {
      const [a] = await users('a');
      const client = await session(a);
      expect(client.extensions).toContain('permessage-deflate');
      await client.ok('profile.set', { items: [{ tag: 'Tag_Profile_IM_Nick', value: 'x' }] });
      const small = client.wireFrames.filter((f) => f.length < 1024);
      expect(small.length).toBeGreaterThan(0);
      expect(small.filter((f) => f.compressed)).toEqual([]);
      const [b] = await users('b');
      const sent = await client.ok('msg.send-c2c', {
        to: b,
        body: text('y'.repeat(4000)),
        random: rnd(),
      });
      await client.ok('msg.pull', { convId: sent.convId, fromSeq: 1 });
      expect(client.wireFrames.some((f) => f.compressed)).toBe(true);
    });

    it('pushes notify to the session whose request caused it, unlike msg (§8)', async () => {
      const [a, b] = await users('a', 'b');
      const owner = await session(a);
      const g = await group(a);
      await owner.ok('group.modify', { groupId: g, introduction: 'about' });
      expect(await notified(owner, 'group.info-changed')).toMatchObject({ id: expect.any(Number) });
      await owner.ok('profile.set', { items: [{ tag: 'Tag_Profile_IM_Nick', value: 'Own' }] });
      expect(await notified(owner, 'profile.changed')).toMatchObject({ id: expect.any(Number) });
      await owner.ok('group.add-members', { groupId: g, userIds: [b] });
      expect(await notified(owner, 'group.member-joined')).toMatchObject({
        id: expect.any(Number),
      });
    });

    it("moves the sender's own readSeq when it sends (§7.1)", async () => {
      const [a, b] = await users('a', 'b');
      const peer = await session(b);
      await peer.ok('msg.send-c2c', { to: a, body: text('one'), random: rnd() });
      const sender = await session(a);
      const sent = await sender.ok('msg.send-c2c', { to: b, body: text('two'), random: rnd() });
      const synced = await sender.ok<{ conversations: unknown[] }>('msg.sync', { cursor: 0 });
      expect(synced.conversations).toMatchObject([
        { convId: sent.convId, lastSeq: 2, readSeq: 2, unread: 0 },
      ]);
    });

    it('keeps a recalled unread message counted as unread (§7.1)', async () => {
      const [a, b] = await users('a', 'b');
      const sender = await session(a);
      const sent = await sender.ok('msg.send-c2c', { to: b, body: text('oops'), random: rnd() });
      await sender.ok('msg.recall', { convId: sent.convId, seq: sent.seq });
      const synced = await (
        await session(b)
      ).ok<{ conversations: unknown[] }>('msg.sync', {
        cursor: 0,
      });
      expect(synced.conversations).toMatchObject([
        { convId: sent.convId, unread: 1, lastMessage: { isRecalled: true, body: [] } },
      ]);
    });

    it('answers a sync again for changes of the last 10 s: the cursor is µs of the server clock (§7.2)', async () => {
      const [a, b] = await users('a', 'b');
      const client = await session(a);
      const before = Date.now() * 1000;
      const sent = await client.ok('msg.send-c2c', { to: b, body: text('x'), random: rnd() });
      const first = await client.ok<{ conversations: { version: number }[]; cursor: number }>(
        'msg.sync',
        { cursor: 0 },
      );
      const version = first.conversations[0].version;
      expect(Math.abs(version - before)).toBeLessThan(60_000_000);
      expect(first.cursor).toBeLessThan(version);
      const second = await client.ok('msg.sync', { cursor: first.cursor });
      expect(second).toMatchObject({ conversations: [{ convId: sent.convId, version }] });
    });
  });

  describe('codes the gateway answers', () => {
    it.each(Object.keys(gatewayCodeCases).map(Number))('%i', async (code) => {
      expect.hasAssertions();
      await gatewayCodeCases[code]();
    });
  });

  describe('close codes', () => {
    it.each(Object.keys(closeCases).map(Number))('%i', async (code) => {
      expect.hasAssertions();
      await closeCases[code]();
    });
  });
});
