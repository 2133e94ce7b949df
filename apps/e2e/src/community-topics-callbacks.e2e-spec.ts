import { AfterCallbackCommands } from '@im/contracts';
import type { AppReply, CallbackCommand } from '@im/contracts';
import { ImChat, ImTopics, RestAdminClient, topicChangeOf, topicConversationId } from '@im/sdk';
import { waitFor } from '@im/testing';

import { CallbackBackend } from './callback-backend';
import { startAppsPlatform } from './support/apps-platform.util';
import type { AppsPlatform } from './support/apps-platform.util';

const MILLION = 'million_group_open_http_svc';
const GROUP = 'group_open_http_svc';

type Item = Record<string, unknown>;

/**
 * The app backend refuses `Group.CallbackBeforeCreateTopic` for a topic named `refused`
 * (ErrorCode 1) or `app-code` (the app's own 10150) and allows everything else.
 *
 * What issue 18 left of Community topics, over HTTP as a backend sends it: Tencent's topic
 * callbacks (the before-callback refusing create_topic), `SupportTopic` in get_group_info,
 * `Next` paging of get_group_member_info, and a dismissed Community's topics destroyed and
 * told to its members (SDK); another app sees none of it.
 */
describe('Community topics: callbacks, group info and dismissal', () => {
  let setup: AppsPlatform;
  let app: AppReply;
  let admin: RestAdminClient;
  let otherAdmin: RestAdminClient;
  let backend: CallbackBackend;
  let otherBackend: CallbackBackend;

  const clientOf = (userId: string) => setup.sdk.clientOf(app, userId);

  async function community(groupId: string, members: string[], supportTopic = 1): Promise<void> {
    await admin.ok(GROUP, 'create_group', {
      Type: 'Community',
      GroupId: groupId,
      Name: groupId,
      Owner_Account: 'cb-owner',
      SupportTopic: supportTopic,
      MemberList: members.map((m) => ({ Member_Account: m })),
    });
  }

  beforeAll(async () => {
    backend = await CallbackBackend.start();
    backend.answer = (command, body) => {
      if (command !== 'Group.CallbackBeforeCreateTopic') return undefined;
      const code = body.Name === 'refused' ? 1 : body.Name === 'app-code' ? 10150 : 0;
      return { ActionStatus: 'OK', ErrorCode: code, ErrorInfo: 'topic policy' };
    };
    otherBackend = await CallbackBackend.start();
    const enabledCommands: CallbackCommand[] = [
      'Group.CallbackBeforeCreateTopic',
      ...AfterCallbackCommands,
    ];
    setup = await startAppsPlatform({
      services: [
        'account',
        'profile',
        'relation',
        'group',
        'message',
        'conn-gateway',
        'callback-dispatcher',
        'api-gateway',
      ],
      apps: [
        {
          name: 'topics-callbacks-e2e',
          settings: { callbacks: { url: backend.url, enabledCommands } },
        },
        {
          name: 'topics-callbacks-e2e-other',
          settings: { callbacks: { url: otherBackend.url, enabledCommands } },
        },
      ],
    });
    [app] = setup.apps;
    [admin, otherAdmin] = setup.admins;
    await admin.ok('im_open_login_svc', 'multiaccount_import', {
      Accounts: ['cb-owner', 'cb-ann', 'cb-bob'],
    });
    await otherAdmin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ['cb-owner'] });
  }, 180_000);

  afterAll(async () => {
    await setup?.stop();
    await backend?.stop();
    await otherBackend?.stop();
  });

  it('asks Group.CallbackBeforeCreateTopic, which may refuse create_topic (10016 or the app’s code)', async () => {
    await community('cb-ask', ['cb-ann']);

    const refused = await admin.call(MILLION, 'create_topic', {
      GroupId: 'cb-ask',
      TopicName: 'refused',
    });
    expect(refused).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10016 });
    const ask = await backend.next('Group.CallbackBeforeCreateTopic', (b) => b.Name === 'refused');
    expect(ask.body.CallbackCommand).toBe('Group.CallbackBeforeCreateTopic');
    expect(ask.body.Operator_Account).toBe(app.adminIdentifiers[0]);
    expect(ask.body.Type).toBe('Community');
    expect(ask.body.Name).toBe('refused');
    expect(ask.body.GroupId).toBe('cb-ask');
    expect(typeof ask.body.EventTime).toBe('number');

    expect(
      await admin.call(MILLION, 'create_topic', { GroupId: 'cb-ask', TopicName: 'app-code' }),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10150, ErrorInfo: 'topic policy' });
    // nothing was created by the refused calls
    const none = await admin.ok(MILLION, 'get_topic', { GroupId: 'cb-ask' });
    expect(none.TopicResponse).toEqual([]);

    // a member-owner creating from the SDK is asked too, with the user as operator
    await admin.ok(GROUP, 'modify_group_member_info', {
      GroupId: 'cb-ask',
      Member_Account: 'cb-ann',
      Role: 'Admin',
    });
    const topics = new ImTopics(await clientOf('cb-ann'));
    await expect(topics.createTopic('cb-ask', { name: 'refused' })).rejects.toMatchObject({
      code: 10016,
    });
    const fromClient = await backend.next(
      'Group.CallbackBeforeCreateTopic',
      (b) => b.Operator_Account === 'cb-ann',
    );
    expect(fromClient.body).toMatchObject({ Type: 'Community', Name: 'refused' });
    const allowed = await topics.createTopic('cb-ask', { name: 'allowed' });
    expect(allowed).toMatch(/^cb-ask@TOPIC#_@TOPIC#/);
  });

  it('sends CallbackAfterCreateTopic, AfterTopicInfoChanged and AfterTopicDestroyed with Tencent’s fields', async () => {
    await community('cb-after', ['cb-ann']);
    const TopicId = 'cb-after@TOPIC#_news';
    await admin.ok(MILLION, 'create_topic', { GroupId: 'cb-after', TopicId, TopicName: 'News' });

    const created = await backend.next(
      'Group.CallbackAfterCreateTopic',
      (b) => b.TopicId === TopicId,
    );
    const c = created.body;
    expect(c.CallbackCommand).toBe('Group.CallbackAfterCreateTopic');
    expect(c.GroupId).toBe('cb-after');
    expect(c.TopicId).toBe(TopicId);
    expect(c.Operator_Account).toBe(app.adminIdentifiers[0]);
    expect(c.Owner_Account).toBe('cb-owner');
    expect(c.Type).toBe('Community');
    expect(c.Name).toBe('News');
    expect(c.UserDefinedDataList).toEqual([]);
    expect(typeof c.EventTime).toBe('number');

    await admin.ok(MILLION, 'modify_topic', {
      GroupId: 'cb-after',
      TopicId,
      TopicName: 'Daily news',
      FaceUrl: 'http://face/news',
      CustomString: 'not reported',
    });
    const changed = await backend.next(
      'Group.CallbackAfterTopicInfoChanged',
      (b) => b.TopicId === TopicId,
    );
    expect(changed.body).toEqual({
      CallbackCommand: 'Group.CallbackAfterTopicInfoChanged',
      GroupId: 'cb-after',
      TopicId,
      Type: 'Community',
      Operator_Account: app.adminIdentifiers[0],
      Name: 'Daily news',
      FaceUrl: 'http://face/news',
      EventTime: expect.any(Number),
    });

    await admin.ok(MILLION, 'destroy_topic', { GroupId: 'cb-after', TopicIdList: [TopicId] });
    const destroyed = await backend.next(
      'Group.CallbackAfterTopicDestroyed',
      (b) => b.GroupId === 'cb-after',
    );
    expect(destroyed.body).toEqual({
      CallbackCommand: 'Group.CallbackAfterTopicDestroyed',
      GroupId: 'cb-after',
      Type: 'Community',
      TopicIdList: [TopicId],
      EventTime: expect.any(Number),
    });

    // import_topic is not a creation: no callbacks, before or after
    await admin.ok(GROUP, 'import_topic', {
      GroupId: 'cb-after',
      TopicId: 'cb-after@TOPIC#_old',
      TopicName: 'Old',
      CreateTime: 1_600_000_000,
    });
    // a later creation's callback arriving shows the import sent none
    await admin.ok(MILLION, 'create_topic', {
      GroupId: 'cb-after',
      TopicId: 'cb-after@TOPIC#_later',
      TopicName: 'Later',
    });
    await backend.next('Group.CallbackAfterCreateTopic', (b) => b.Name === 'Later');
    expect(backend.received.filter((r) => r.body.Name === 'Old')).toEqual([]);
  });

  it('answers SupportTopic in get_group_info for a Community, and pages members with Next', async () => {
    await community('cb-info', ['cb-ann', 'cb-bob']);
    await community('cb-plain', [], 0);
    await admin.ok(GROUP, 'create_group', { Type: 'Public', GroupId: 'cb-pub', Name: 'pub' });

    const info = await admin.ok(GROUP, 'get_group_info', {
      GroupIdList: ['cb-info', 'cb-plain', 'cb-pub'],
    });
    const [withTopics, plain, pub] = info.GroupInfo as Item[];
    expect(withTopics).toMatchObject({ GroupId: 'cb-info', Type: 'Community', SupportTopic: 1 });
    expect(Number.isInteger(withTopics.SupportTopic)).toBe(true);
    expect(plain).toMatchObject({ GroupId: 'cb-plain', SupportTopic: 0 });
    expect(pub).not.toHaveProperty('SupportTopic');
    const filtered = await admin.ok(GROUP, 'get_group_info', {
      GroupIdList: ['cb-info'],
      ResponseFilter: { GroupBaseInfoFilter: ['SupportTopic'] },
    });
    expect(filtered.GroupInfo).toEqual([
      { GroupId: 'cb-info', SupportTopic: 1, ErrorCode: 0, ErrorInfo: '' },
    ]);

    // Next: "" for the first page, then each page's Next until "" (3 members, 2 a page)
    const seen: string[] = [];
    let Next = '';
    for (let page = 0; page < 3; page++) {
      const got = await admin.ok(GROUP, 'get_group_member_info', {
        GroupId: 'cb-info',
        Limit: 2,
        Next,
      });
      expect(got.MemberNum).toBe(3);
      expect(typeof got.Next).toBe('string');
      seen.push(...(got.MemberList as Item[]).map((m) => m.Member_Account as string));
      Next = got.Next as string;
      if (Next === '') break;
    }
    expect(Next).toBe('');
    expect(seen.sort()).toEqual(['cb-ann', 'cb-bob', 'cb-owner']);
    expect(
      await admin.call(GROUP, 'get_group_member_info', { GroupId: 'cb-info', Next: 'x' }),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10004 });
    // without Next, no Next is answered
    expect(
      await admin.ok(GROUP, 'get_group_member_info', { GroupId: 'cb-info' }),
    ).not.toHaveProperty('Next');
  });

  it('destroys a dismissed Community’s topics: members are told each one, the rows are gone', async () => {
    await community('cb-gone', ['cb-ann', 'cb-bob']);
    const ids = ['cb-gone@TOPIC#_a', 'cb-gone@TOPIC#_b'];
    for (const TopicId of ids)
      await admin.ok(MILLION, 'create_topic', { GroupId: 'cb-gone', TopicId, TopicName: TopicId });
    const bobClient = await clientOf('cb-bob');
    const bob = new ImChat(bobClient);
    const told: string[] = [];
    const kinds: string[] = [];
    bobClient.on('push', (cmd, data) => {
      if (cmd !== 'notify') return;
      const n = data as { kind: string; data: Item };
      kinds.push(n.kind);
      const change = topicChangeOf(n as never);
      if (change?.change === 'destroyed' && change.groupDismissed && change.groupId === 'cb-gone')
        told.push(change.topicId);
    });
    await waitFor(
      async () => {
        await bob.refresh();
        return ids.every((id) => bob.conversation(topicConversationId(id))) ? true : null;
      },
      { message: 'bob has both topic conversations' },
    );

    await admin.ok(GROUP, 'destroy_group', { GroupId: 'cb-gone' });

    await waitFor(() => (told.length === 2 ? true : null), { message: 'both topics told' });
    expect(told.sort()).toEqual(ids);
    await waitFor(() => (kinds.includes('group.destroyed') ? true : null), {
      message: 'the dismissal told',
    });
    // the topics' conversations leave bob's list
    await waitFor(
      async () => {
        await bob.refresh();
        return ids.every((id) => {
          const c = bob.conversation(topicConversationId(id));
          return !c || c.isDeleted;
        })
          ? true
          : null;
      },
      { message: 'the topic conversations leave the list' },
    );
    // the rows are gone: a new Community of the same ID starts without topics
    await community('cb-gone', []);
    const again = await admin.ok(MILLION, 'get_topic', { GroupId: 'cb-gone' });
    expect(again.TopicResponse).toEqual([]);
    // topics die with their group as the group's own fact: no AfterTopicDestroyed for them,
    // while AfterGroupDestroyed arrives
    await backend.next('Group.CallbackAfterGroupDestroyed', (b) => b.GroupId === 'cb-gone');
    expect(
      backend.received.filter(
        (r) => r.command === 'Group.CallbackAfterTopicDestroyed' && r.body.GroupId === 'cb-gone',
      ),
    ).toEqual([]);
  });

  it('answers get_topic’s SelfInfo and LastMsg for the member named by From_Account', async () => {
    await community('cb-self', ['cb-ann', 'cb-bob']);
    const TopicId = 'cb-self@TOPIC#_talk';
    await admin.ok(MILLION, 'create_topic', { GroupId: 'cb-self', TopicId, TopicName: 'talk' });
    const text = (t: string) => [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: t } }];
    for (const [i, t] of ['one', 'two', 'three'].entries())
      await admin.ok(GROUP, 'send_group_msg', {
        GroupId: 'cb-self',
        TopicId,
        From_Account: 'cb-ann',
        Random: 100 + i,
        MsgBody: text(t),
      });
    const bobClient = await clientOf('cb-bob');
    const bob = new ImChat(bobClient);
    await bob.markRead(topicConversationId(TopicId), 1);

    const infoOf = async () =>
      (
        (
          await admin.ok(MILLION, 'get_topic', {
            GroupId: 'cb-self',
            From_Account: 'cb-bob',
            TopicIdList: [TopicId],
          })
        ).TopicResponse as Item[]
      )[0].TopicInfo as Item;
    const info = await waitFor(
      async () => {
        const t = await infoOf();
        const self = t.SelfInfo as Item | undefined;
        return self?.MsgSeq === 1 && self.UnreadMsgNum === 2 ? t : null;
      },
      { message: 'bob read 1 of 3' },
    );
    const self = info.SelfInfo as Item;
    expect(Number.isInteger(self.JoinTime)).toBe(true);
    expect(self.JoinTime as number).toBeGreaterThan(0);
    expect(self.MsgFlag).toBe('AcceptAndNotify');
    expect(self.MsgSeq).toBe(1);
    expect(self.UnreadMsgNum).toBe(2);
    const last = info.LastMsg as Item;
    expect(last.From_Account).toBe('cb-ann');
    expect(last.MsgSeq).toBe(3);
    expect(last.MsgRandom).toBe(102);
    expect(Number.isInteger(last.MsgTimeStamp)).toBe(true);
    expect(last.MsgBody).toEqual(text('three'));
    expect(last.IsPlaceMsg).toBe(0);
    expect(Number.isInteger(last.MsgPriority)).toBe(true);

    // the member sees the same from the SDK (Tencent's readSequence, unreadCount, lastMessage)
    const [state] = await new ImTopics(bobClient).getTopicStates('cb-self', [TopicId]);
    expect(state).toMatchObject({
      topic: { topicId: TopicId, name: 'talk' },
      readSeq: 1,
      unread: 2,
      lastMessage: { seq: 3, from: 'cb-ann', body: text('three') },
    });

    // without From_Account the App admin gets the topic alone
    const bare = await admin.ok(MILLION, 'get_topic', { GroupId: 'cb-self' });
    const bareInfo = (bare.TopicResponse as Item[])[0].TopicInfo as Item;
    expect(bareInfo).not.toHaveProperty('SelfInfo');
    expect(bareInfo).not.toHaveProperty('LastMsg');
    // a topic without messages: SelfInfo, no LastMsg
    await admin.ok(MILLION, 'create_topic', {
      GroupId: 'cb-self',
      TopicId: 'cb-self@TOPIC#_quiet',
      TopicName: 'quiet',
    });
    const quiet = (
      (
        await admin.ok(MILLION, 'get_topic', {
          GroupId: 'cb-self',
          From_Account: 'cb-bob',
          TopicIdList: ['cb-self@TOPIC#_quiet'],
        })
      ).TopicResponse as Item[]
    )[0].TopicInfo as Item;
    expect(quiet.SelfInfo).toMatchObject({ MsgSeq: 0, UnreadMsgNum: 0 });
    expect(quiet).not.toHaveProperty('LastMsg');
  });

  it('keeps apps apart: another app’s backend gets none of these callbacks', async () => {
    await otherAdmin.ok(GROUP, 'create_group', {
      Type: 'Community',
      GroupId: 'cb-other',
      Name: 'other',
      Owner_Account: 'cb-owner',
      SupportTopic: 1,
    });
    await otherAdmin.ok(MILLION, 'create_topic', { GroupId: 'cb-other', TopicName: 'theirs' });
    await otherBackend.next('Group.CallbackAfterCreateTopic', (b) => b.GroupId === 'cb-other');
    // the other backend got only its own group's callbacks
    expect(new Set(otherBackend.received.map((r) => r.body.GroupId))).toEqual(
      new Set(['cb-other']),
    );
    expect(backend.received.some((r) => r.body.GroupId === 'cb-other')).toBe(false);
    expect(
      await otherAdmin.call(GROUP, 'get_group_info', { GroupIdList: ['cb-info'] }),
    ).toMatchObject({ GroupInfo: [{ GroupId: 'cb-info', ErrorCode: 10010 }] });
  });
});
