import type { AppReply, ChatMessage } from '@im/contracts';
import { ImChat, ImTopics, topicConversationId } from '@im/sdk';
import type { RestAdminClient } from '@im/sdk';
import { waitFor } from '@im/testing';

import { startAppsPlatform } from './support/apps-platform.util';
import type { AppsPlatform } from './support/apps-platform.util';

const MILLION = 'million_group_open_http_svc';
const GROUP = 'group_open_http_svc';
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

type Item = Record<string, unknown>;

const text = (t: string) => [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: t } }];

/** Every documented field of get_topic's TopicInfo, by name and type. */
function expectTopicInfoFields(t: Item): void {
  expect(typeof t.TopicId).toBe('string');
  expect(typeof t.TopicName).toBe('string');
  expect(typeof t.Introduction).toBe('string');
  expect(typeof t.Notification).toBe('string');
  expect(typeof t.FaceUrl).toBe('string');
  expect(typeof t.CustomString).toBe('string');
  expect(typeof t.Owner_Account).toBe('string');
  expect(Number.isInteger(t.CreateTime)).toBe(true);
  expect(Number.isInteger(t.LastMsgTime)).toBe(true);
  expect(Number.isInteger(t.NextMsgSeq)).toBe(true);
  expect(['On', 'Off']).toContain(t.MuteAllMember);
}

/**
 * Community groups and their topics over HTTP as an app backend sends them (Tencent's field
 * names): create_group with SupportTopic, create/get/modify/destroy_topic and import_topic with
 * their errors; topic messages over REST and the SDK — every topic its own seqs, unread count
 * and history, apart from the group's; apps kept apart.
 */
describe('Community topics', () => {
  let setup: AppsPlatform;
  let app: AppReply;
  let admin: RestAdminClient;
  let otherAdmin: RestAdminClient;

  const clientOf = (userId: string) => setup.sdk.clientOf(app, userId);

  const call = (service: string, command: string, body: unknown, client = admin) =>
    client.call(service, command, body);
  const topicCall = (command: string, body: unknown, client = admin) =>
    call(MILLION, command, body, client);

  async function community(groupId: string, members: string[], supportTopic = 1): Promise<void> {
    await admin.ok(GROUP, 'create_group', {
      Type: 'Community',
      GroupId: groupId,
      Name: groupId,
      Owner_Account: 'ct-owner',
      SupportTopic: supportTopic,
      MemberList: members.map((m) => ({ Member_Account: m })),
    });
  }

  beforeAll(async () => {
    setup = await startAppsPlatform({
      services: [
        'account',
        'profile',
        'relation',
        'group',
        'message',
        'conn-gateway',
        'api-gateway',
      ],
      apps: [{ name: 'community-topics-e2e' }, { name: 'community-topics-e2e-other' }],
    });
    [app] = setup.apps;
    [admin, otherAdmin] = setup.admins;
    await admin.ok('im_open_login_svc', 'multiaccount_import', {
      Accounts: ['ct-owner', 'ct-ann', 'ct-bob', 'ct-out'],
    });
    await otherAdmin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ['ct-owner'] });
  }, 180_000);

  afterAll(() => setup?.stop());

  it('creates topics (generated and custom IDs), reads every field, modifies and destroys them', async () => {
    await community('ct-life', ['ct-ann']);
    const before = Math.floor(Date.now() / 1000);
    const generated = await topicCall('create_topic', { GroupId: 'ct-life', TopicName: 'General' });
    expect(generated).toEqual({ ...OK, TopicId: expect.any(String) });
    expect(generated.TopicId as string).toMatch(/^ct-life@TOPIC#_@TOPIC#[A-Z0-9]{10}$/);

    const custom = await topicCall('create_topic', {
      GroupId: 'ct-life',
      TopicId: 'ct-life@TOPIC#_news',
      TopicName: 'News',
      From_Account: 'ct-owner',
      CustomString: 'cs',
      FaceUrl: 'https://example.com/t.png',
      Notification: 'read me',
      Introduction: 'the news',
    });
    expect(custom).toEqual({ ...OK, TopicId: 'ct-life@TOPIC#_news' });

    const all = await topicCall('get_topic', { GroupId: 'ct-life', From_Account: 'ct-ann' });
    expect(all).toMatchObject(OK);
    const items = all.TopicResponse as Item[];
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item.ErrorCode).toBe(0);
      expect(item.ErrorInfo).toBe('');
      expectTopicInfoFields(item.TopicInfo as Item);
    }
    const news = items.find((i) => (i.TopicInfo as Item).TopicId === 'ct-life@TOPIC#_news')!;
    expect(news.TopicInfo).toEqual({
      TopicId: 'ct-life@TOPIC#_news',
      TopicName: 'News',
      Introduction: 'the news',
      Notification: 'read me',
      FaceUrl: 'https://example.com/t.png',
      CustomString: 'cs',
      Owner_Account: 'ct-owner',
      CreateTime: expect.any(Number),
      LastMsgTime: 0,
      NextMsgSeq: 1,
      MuteAllMember: 'Off',
      // ct-ann named by From_Account: her state in the topic (no message yet: no LastMsg)
      SelfInfo: {
        JoinTime: expect.any(Number),
        MsgFlag: 'AcceptAndNotify',
        MsgSeq: 0,
        UnreadMsgNum: 0,
      },
    });
    expect((news.TopicInfo as Item).CreateTime as number).toBeGreaterThanOrEqual(before);

    // the named ones, one unknown (10010), and a ResponseFilter
    const named = await topicCall('get_topic', {
      GroupId: 'ct-life',
      From_Account: 'ct-ann',
      TopicIdList: ['ct-life@TOPIC#_news', 'ct-life@TOPIC#_none'],
      ResponseFilter: ['TopicName', 'NextMsgSeq'],
    });
    expect(named.TopicResponse).toEqual([
      {
        TopicInfo: { TopicId: 'ct-life@TOPIC#_news', TopicName: 'News', NextMsgSeq: 1 },
        ErrorCode: 0,
        ErrorInfo: '',
      },
      {
        TopicInfo: { TopicId: 'ct-life@TOPIC#_none' },
        ErrorCode: 10010,
        ErrorInfo: expect.any(String),
      },
    ]);

    expect(
      await topicCall('modify_topic', {
        GroupId: 'ct-life',
        TopicId: 'ct-life@TOPIC#_news',
        TopicName: 'World news',
        MuteAllMember: 'On',
        CustomString: 'cs2',
      }),
    ).toEqual(OK);
    const changed = await topicCall('get_topic', {
      GroupId: 'ct-life',
      TopicIdList: ['ct-life@TOPIC#_news'],
    });
    expect((changed.TopicResponse as Item[])[0].TopicInfo).toMatchObject({
      TopicName: 'World news',
      MuteAllMember: 'On',
      CustomString: 'cs2',
      Introduction: 'the news',
    });

    const destroyed = await topicCall('destroy_topic', {
      GroupId: 'ct-life',
      TopicIdList: ['ct-life@TOPIC#_news', 'ct-life@TOPIC#_none'],
    });
    expect(destroyed).toEqual({
      ...OK,
      DestroyResultItem: [
        { TopicId: 'ct-life@TOPIC#_news', ErrorCode: 0, ErrorInfo: '' },
        { TopicId: 'ct-life@TOPIC#_none', ErrorCode: 10010, ErrorInfo: expect.any(String) },
      ],
    });
    // without a list: every topic left
    const rest = await topicCall('destroy_topic', { GroupId: 'ct-life' });
    expect(rest.DestroyResultItem).toEqual([
      { TopicId: generated.TopicId, ErrorCode: 0, ErrorInfo: '' },
    ]);
    const none = await topicCall('get_topic', { GroupId: 'ct-life' });
    expect(none).toEqual({ ...OK, TopicResponse: [] });
  });

  it('imports a topic with its CreateTime', async () => {
    await community('ct-import', []);
    const imported = await call(GROUP, 'import_topic', {
      Type: 'Community',
      GroupId: 'ct-import',
      TopicId: 'ct-import@TOPIC#_old',
      TopicName: 'Old',
      CreateTime: 1448357837,
      Introduction: 'from before',
      Notification: 'n',
    });
    expect(imported).toEqual({ ...OK, TopicId: 'ct-import@TOPIC#_old' });
    const read = await topicCall('get_topic', { GroupId: 'ct-import' });
    expect((read.TopicResponse as Item[])[0].TopicInfo).toMatchObject({
      TopicId: 'ct-import@TOPIC#_old',
      CreateTime: 1448357837,
      Introduction: 'from before',
      Notification: 'n',
    });
    expect(
      await call(GROUP, 'import_topic', { Type: 'Public', GroupId: 'ct-import', TopicName: 'x' }),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10004 });
  });

  it('answers the documented error codes', async () => {
    await community('ct-errs', ['ct-ann']);
    await community('ct-notopic', [], 0);
    await admin.ok(GROUP, 'create_group', { Type: 'Public', GroupId: 'ct-public', Name: 'p' });
    const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });

    // no such group 10010; a group that has no topics 10007 (not a Community, or no SupportTopic)
    expect(await topicCall('create_topic', { GroupId: 'ct-none', TopicName: 't' })).toMatchObject(
      fail(10010),
    );
    expect(await topicCall('create_topic', { GroupId: 'ct-public', TopicName: 't' })).toMatchObject(
      fail(10007),
    );
    expect(
      await topicCall('create_topic', { GroupId: 'ct-notopic', TopicName: 't' }),
    ).toMatchObject(fail(10007));
    // SupportTopic on another type 10004
    expect(
      await call(GROUP, 'create_group', { Type: 'Public', Name: 'x', SupportTopic: 1 }),
    ).toMatchObject(fail(10004));
    // bad input 10004: no name, a name too long, a TopicId of another group
    expect(await topicCall('create_topic', { GroupId: 'ct-errs' })).toMatchObject(fail(10004));
    expect(
      await topicCall('create_topic', { GroupId: 'ct-errs', TopicName: 'x'.repeat(151) }),
    ).toMatchObject(fail(10004));
    expect(
      await topicCall('create_topic', {
        GroupId: 'ct-errs',
        TopicId: 'ct-life@TOPIC#_x',
        TopicName: 't',
      }),
    ).toMatchObject(fail(10004));
    // a taken TopicId 10021
    await topicCall('create_topic', {
      GroupId: 'ct-errs',
      TopicId: 'ct-errs@TOPIC#_a',
      TopicName: 'a',
    });
    expect(
      await topicCall('create_topic', {
        GroupId: 'ct-errs',
        TopicId: 'ct-errs@TOPIC#_a',
        TopicName: 'a',
      }),
    ).toMatchObject(fail(10021));
    // a member who is not owner or admin may not manage topics; a non-member may not read them
    expect(
      await topicCall('create_topic', {
        GroupId: 'ct-errs',
        TopicName: 't',
        From_Account: 'ct-ann',
      }),
    ).toMatchObject(fail(10007));
    expect(
      await topicCall('get_topic', { GroupId: 'ct-errs', From_Account: 'ct-out' }),
    ).toMatchObject(fail(10007));
    // modify an unknown topic 10010; MuteAllMember must be On/Off 10004
    expect(
      await topicCall('modify_topic', {
        GroupId: 'ct-errs',
        TopicId: 'ct-errs@TOPIC#_zz',
        TopicName: 'z',
      }),
    ).toMatchObject(fail(10010));
    expect(
      await topicCall('modify_topic', {
        GroupId: 'ct-errs',
        TopicId: 'ct-errs@TOPIC#_a',
        MuteAllMember: 'Yes',
      }),
    ).toMatchObject(fail(10004));
    // a topic message to an unknown topic 10010, and a TopicId of another group 10004
    expect(
      await call(GROUP, 'send_group_msg', {
        GroupId: 'ct-errs',
        TopicId: 'ct-errs@TOPIC#_zz',
        Random: 1,
        MsgBody: text('x'),
      }),
    ).toMatchObject(fail(10010));
    expect(
      await call(GROUP, 'send_group_msg', {
        GroupId: 'ct-errs',
        TopicId: 'ct-life@TOPIC#_a',
        Random: 2,
        MsgBody: text('x'),
      }),
    ).toMatchObject(fail(10004));
  });

  it('keeps one app from reading or changing the topics of another', async () => {
    await community('ct-iso', []);
    await topicCall('create_topic', {
      GroupId: 'ct-iso',
      TopicId: 'ct-iso@TOPIC#_t',
      TopicName: 't',
    });
    const fail10010 = { ActionStatus: 'FAIL', ErrorCode: 10010 };
    expect(await topicCall('get_topic', { GroupId: 'ct-iso' }, otherAdmin)).toMatchObject(
      fail10010,
    );
    expect(
      await topicCall(
        'modify_topic',
        { GroupId: 'ct-iso', TopicId: 'ct-iso@TOPIC#_t', TopicName: 'x' },
        otherAdmin,
      ),
    ).toMatchObject(fail10010);
    expect(await topicCall('destroy_topic', { GroupId: 'ct-iso' }, otherAdmin)).toMatchObject(
      fail10010,
    );
    expect(
      await call(
        GROUP,
        'send_group_msg',
        { GroupId: 'ct-iso', TopicId: 'ct-iso@TOPIC#_t', Random: 1, MsgBody: text('x') },
        otherAdmin,
      ),
    ).toMatchObject(fail10010);
    const mine = await topicCall('get_topic', { GroupId: 'ct-iso' });
    expect((mine.TopicResponse as Item[])[0].TopicInfo).toMatchObject({ TopicName: 't' });
  });

  it('gives two members of a Community each topic as its own conversation: seqs, unread, history, pushes', async () => {
    await community('ct-chat', ['ct-ann', 'ct-bob']);
    const annClient = await clientOf('ct-ann');
    const bobClient = await clientOf('ct-bob');
    const ann = new ImChat(annClient);
    const bob = new ImChat(bobClient);
    const bobGot: ChatMessage[] = [];
    bob.on('message', (m) => bobGot.push(m));
    const bobNotified: { kind: string; data: Item }[] = [];
    bobClient.on('push', (cmd, data) => {
      if (cmd === 'notify') bobNotified.push(data as { kind: string; data: Item });
    });
    const notified = (kind: string, topicId: string) =>
      waitFor(
        () => bobNotified.find((n) => n.kind === kind && n.data.topicId === topicId) ?? null,
        { message: kind },
      );

    // two topics; members are told of each
    const red = (
      await topicCall('create_topic', {
        GroupId: 'ct-chat',
        TopicId: 'ct-chat@TOPIC#_red',
        TopicName: 'Red',
      })
    ).TopicId as string;
    const blue = (
      await topicCall('create_topic', {
        GroupId: 'ct-chat',
        TopicId: 'ct-chat@TOPIC#_blue',
        TopicName: 'Blue',
      })
    ).TopicId as string;
    expect((await notified('group.topic-created', red)).data).toMatchObject({
      groupId: 'ct-chat',
      change: 'created',
      topic: { topicId: red, name: 'Red', nextMsgSeq: 1 },
    });
    await notified('group.topic-created', blue);

    // a member reads the topics through the SDK
    const topics = new ImTopics(annClient);
    // oldest first; created in the same second they are in ID order
    expect((await topics.getTopicList('ct-chat')).map((t) => t.name).sort()).toEqual([
      'Blue',
      'Red',
    ]);
    // a plain member may not create one
    await expect(topics.createTopic('ct-chat', { name: 'mine' })).rejects.toMatchObject({
      code: 10007,
    });

    // ann sends twice to red, once to blue, the admin once to the group itself (REST)
    const r1 = await ann.sendGroup(red, text('red 1'));
    const r2 = await ann.sendGroup(red, text('red 2'));
    const b1 = await ann.sendGroup(blue, text('blue 1'));
    const g1 = await call(GROUP, 'send_group_msg', {
      GroupId: 'ct-chat',
      Random: 7,
      MsgBody: text('group 1'),
    });
    const viaRest = await call(GROUP, 'send_group_msg', {
      GroupId: 'ct-chat',
      TopicId: blue,
      From_Account: 'ct-owner',
      Random: 8,
      MsgBody: text('blue 2'),
    });
    expect(viaRest).toMatchObject(OK);
    expect(Number.isInteger(viaRest.MsgTime)).toBe(true);
    // every line numbers its own messages from 1
    expect([r1.seq, r2.seq, b1.seq, viaRest.MsgSeq, g1.MsgSeq]).toEqual([1, 2, 1, 2, 1]);

    // bob receives each pushed with its topic's conversation
    const got = await waitFor(() => (bobGot.length === 5 ? bobGot : null), {
      timeoutMs: 10_000,
      message: 'bob receives the five messages',
    });
    const redConv = topicConversationId(red);
    const blueConv = topicConversationId(blue);
    expect(
      got
        .map((m) => [m.convId, m.seq])
        .map((x) => `${x[0]}#${x[1]}`)
        .sort(),
    ).toEqual(
      [`${blueConv}#1`, `${blueConv}#2`, 'group:ct-chat#1', `${redConv}#1`, `${redConv}#2`].sort(),
    );

    // unread per topic, apart from the group's
    await bob.refresh();
    await waitFor(
      async () => {
        await bob.refresh();
        const u = [redConv, blueConv, 'group:ct-chat'].map((c) => bob.conversation(c)?.unread);
        return u.join() === '2,2,1' ? u : null;
      },
      { message: 'unread 2 / 2 / 1' },
    );
    await bob.markRead(redConv);
    await bob.refresh();
    expect(bob.conversation(redConv)?.unread).toBe(0);
    expect(bob.conversation(blueConv)?.unread).toBe(2);

    // history per topic, over the SDK and REST
    const history = await bob.getHistory(redConv);
    expect(history.messages.map((m) => [m.seq, m.body])).toEqual([
      [1, text('red 1')],
      [2, text('red 2')],
    ]);
    const simple = await call(GROUP, 'group_msg_get_simple', {
      GroupId: 'ct-chat',
      TopicId: blue,
      ReqMsgNumber: 10,
    });
    expect(simple).toMatchObject({ ...OK, GroupId: 'ct-chat', TopicId: blue });
    expect((simple.RspMsgList as Item[]).map((m) => m.MsgSeq).sort()).toEqual([1, 2]);

    // modify_group_msg and group_msg_recall in a topic
    expect(
      await call('openim', 'modify_group_msg', {
        GroupId: 'ct-chat',
        TopicId: red,
        MsgSeq: 1,
        MsgBody: text('red 1 edited'),
      }),
    ).toEqual(OK);
    const recalled = await call(GROUP, 'group_msg_recall', {
      GroupId: 'ct-chat',
      TopicId: red,
      MsgSeqList: [{ MsgSeq: 2 }],
    });
    expect(recalled).toMatchObject({ ...OK, RecallRetList: [{ MsgSeq: 2, RetCode: 0 }] });
    const after = await bob.getHistory(redConv);
    expect(after.messages.find((m) => m.seq === 1)?.body).toEqual(text('red 1 edited'));

    // NextMsgSeq and LastMsgTime of the topic follow its line
    await waitFor(
      async () => {
        const info = await topicCall('get_topic', { GroupId: 'ct-chat', TopicIdList: [blue] });
        const t = (info.TopicResponse as Item[])[0].TopicInfo as Item;
        return t.NextMsgSeq === 3 && (t.LastMsgTime as number) > 0 ? t : null;
      },
      { message: 'NextMsgSeq 3' },
    );

    // a muted topic refuses members; changes and destroys are pushed
    await topicCall('modify_topic', { GroupId: 'ct-chat', TopicId: blue, MuteAllMember: 'On' });
    expect((await notified('group.topic-info-changed', blue)).data).toMatchObject({
      changedFields: ['MuteAllMember'],
      topic: { muteAllMember: true },
    });
    await expect(ann.sendGroup(blue, text('muted'))).rejects.toMatchObject({ code: 10017 });
    await topicCall('destroy_topic', { GroupId: 'ct-chat', TopicIdList: [blue] });
    await notified('group.topic-destroyed', blue);
    // the destroyed topic's conversation leaves the members' lists; the other stays
    await waitFor(
      async () => {
        await bob.refresh();
        const c = bob.conversation(blueConv);
        return !c || c.isDeleted ? true : null;
      },
      { message: 'the destroyed topic leaves the list' },
    );
    expect(bob.conversation(redConv)).toBeDefined();

    // a member who joins later has the topics that exist, and leaves them when leaving
    await admin.ok(GROUP, 'add_group_member', {
      GroupId: 'ct-chat',
      MemberList: [{ Member_Account: 'ct-out' }],
    });
    const late = new ImChat(await clientOf('ct-out'));
    await waitFor(
      async () => {
        await late.refresh();
        return late.conversation(redConv) ? true : null;
      },
      { message: 'the late member has the red topic' },
    );
    await admin.ok(GROUP, 'delete_group_member', {
      GroupId: 'ct-chat',
      MemberToDel_Account: ['ct-out'],
    });
    await waitFor(
      async () => {
        await late.refresh();
        const c = late.conversation(redConv);
        return !c || c.isDeleted ? true : null;
      },
      { message: 'the removed member loses the red topic' },
    );
    await expect(ann.sendGroup(blue, text('gone'))).rejects.toMatchObject({ code: 10010 });
  });
});
