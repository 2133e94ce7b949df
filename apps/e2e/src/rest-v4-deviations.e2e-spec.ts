import { isDeepStrictEqual } from 'node:util';

import { ConversationIds } from '@im/contracts';
import type { AppReply, Platform } from '@im/contracts';
import type { ImClient, RestAdminClient } from '@im/sdk';
import { waitFor } from '@im/testing';

import { MessagingFixture } from './messaging.fixture';
import { sdkClient } from './support/sdk-user.client';

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const failure = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });

/**
 * The last deviations from Tencent Cloud IM REST v4 found by walking every command against its
 * Tencent page (issue 12), each over HTTP against the whole platform.
 */
describe('REST v4 deviations', () => {
  let fixture: MessagingFixture;
  let app: AppReply;
  let admin: RestAdminClient;
  let n = 0;

  const group = (command: string, body: unknown) =>
    admin.call('group_open_http_svc', command, body);

  async function users(...names: string[]): Promise<string[]> {
    n++;
    const ids = names.map((name) => `${name}-${n}`);
    await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ids });
    return ids;
  }

  /** A bare SDK connection of `userId` that does not reconnect (its socket can be dropped). */
  async function connect(userId: string, platform: Platform): Promise<ImClient> {
    const client = sdkClient(app, fixture.wsUrls, userId, {
      platform,
      reconnect: false,
      requestTimeoutMs: 10_000,
    });
    clients.push(client);
    await client.connect();
    return client;
  }
  const clients: ImClient[] = [];

  /** The socket drops without a logout (the app went to the background and was killed). */
  async function drop(client: ImClient): Promise<void> {
    client.reconnect(); // with reconnect off: the socket closes and the client stops
    await waitFor(() => client.state === 'closed', { timeoutMs: 5000 });
  }

  interface StatusItem {
    To_Account: string;
    Status: string;
    Detail?: { Platform: string; Status: string }[];
  }
  async function statusOf(userId: string): Promise<StatusItem> {
    const reply = await admin.call('openim', 'query_online_status', {
      To_Account: [userId],
      IsNeedDetail: 1,
    });
    expect(reply).toMatchObject(OK);
    return (reply.QueryResult as StatusItem[])[0];
  }
  async function expectStatusSoon(userId: string, want: Partial<StatusItem>): Promise<void> {
    let last: StatusItem | undefined;
    await waitFor(
      async () => {
        last = await statusOf(userId);
        return isDeepStrictEqual(last, { To_Account: userId, ...want });
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    ).catch(() => undefined);
    expect(last).toEqual({ To_Account: userId, ...want });
  }

  beforeAll(async () => {
    fixture = await MessagingFixture.start({ gateways: 1 });
    app = await fixture.createApp({
      name: 'rest-v4-deviations-e2e',
      settings: { avChatRoomEnabled: true, bChatRoomEnabled: true },
    });
    admin = fixture.admin(app);
    // every service subscribed (a service finishing its migrations answers no-responders)
    await waitFor(async () => (await group('get_appid_group_list', {})).ErrorCode === 0, {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
  }, 180_000);

  afterAll(async () => {
    for (const c of clients) await c.close().catch(() => undefined);
    await fixture?.stop();
  });

  describe('delete_group_member on a live room', () => {
    it('answers 10004 (not supported for the type), App admin and owner alike', async () => {
      const [owner, viewer] = await users('owner', 'viewer');
      const created = await group('create_group', {
        Type: 'AVChatRoom',
        Name: 'live',
        Owner_Account: owner,
      });
      expect(created).toMatchObject(OK);
      const groupId = created.GroupId as string;
      const viewerDevice = await fixture.device(app, viewer);
      await viewerDevice.chat.joinRoom(groupId);

      const remove = (from?: string) =>
        group('delete_group_member', {
          GroupId: groupId,
          MemberToDel_Account: [viewer],
          ...(from && { From_Account: from }),
        });
      expect(await remove()).toMatchObject(failure(10004));
      expect(await remove(owner)).toMatchObject(failure(10004));
      // the viewer is still in the room
      expect(await group('get_online_member_num', { GroupId: groupId })).toMatchObject({
        ...OK,
        OnlineMemberNum: 1,
      });
    });
  });

  describe('query_online_status: Online, PushOnline, Offline', () => {
    it('is PushOnline after a mobile session drops while a push token is registered', async () => {
      const [alice] = await users('alice');
      expect(await statusOf(alice)).toEqual({ To_Account: alice, Status: 'Offline', Detail: [] });

      const phone = await connect(alice, 'iPhone');
      await phone.registerPushDevice('webhook', `token-${alice}`, 'iPhone');
      const web = await connect(alice, 'Web');
      await expectStatusSoon(alice, {
        Status: 'Online',
        Detail: [
          { Platform: 'iPhone', Status: 'Online' },
          { Platform: 'Web', Status: 'Online' },
        ],
      });

      await drop(phone);
      await expectStatusSoon(alice, {
        Status: 'Online',
        // oldest first: the web login, then the phone's departure
        Detail: [
          { Platform: 'Web', Status: 'Online' },
          { Platform: 'iPhone', Status: 'PushOnline' },
        ],
      });
      await web.close(); // a logout: the web platform is simply gone
      await expectStatusSoon(alice, {
        Status: 'PushOnline',
        Detail: [{ Platform: 'iPhone', Status: 'PushOnline' }],
      });

      // the phone comes back: Online again; logging out ends the PushOnline state
      const again = await connect(alice, 'iPhone');
      await expectStatusSoon(alice, {
        Status: 'Online',
        Detail: [{ Platform: 'iPhone', Status: 'Online' }],
      });
      await again.close();
      await expectStatusSoon(alice, { Status: 'Offline', Detail: [] });
    });

    it('is Offline after a drop without a push token, or from a platform without offline push', async () => {
      const [bob, carol] = await users('bob', 'carol');
      const phone = await connect(bob, 'Android');
      const pc = await connect(carol, 'PC');
      await pc.registerPushDevice('webhook', `token-${carol}`);
      await expectStatusSoon(bob, {
        Status: 'Online',
        Detail: [{ Platform: 'Android', Status: 'Online' }],
      });
      await expectStatusSoon(carol, {
        Status: 'Online',
        Detail: [{ Platform: 'PC', Status: 'Online' }],
      });

      await drop(phone);
      await drop(pc);
      await expectStatusSoon(bob, { Status: 'Offline', Detail: [] });
      await expectStatusSoon(carol, { Status: 'Offline', Detail: [] });
    });

    it('lists unknown accounts in ErrorList with 70107, and answers querystate with State', async () => {
      const [dave] = await users('dave');
      await connect(dave, 'Web');
      const reply = await admin.call('openim', 'query_online_status', {
        To_Account: [dave, 'nobody-here'],
      });
      expect(reply).toMatchObject({
        ...OK,
        QueryResult: [{ To_Account: dave, Status: 'Online' }],
        ErrorList: [{ To_Account: 'nobody-here', ErrorCode: 70107 }],
      });
      expect((reply.QueryResult as StatusItem[])[0]).not.toHaveProperty('Detail');
      expect(await admin.call('openim', 'querystate', { To_Account: [dave] })).toMatchObject({
        QueryResult: [{ To_Account: dave, State: 'Online' }],
      });
    });
  });

  describe('im_open_login_svc/kick', () => {
    it('closes the SDK session with the kicked notice and makes the user Offline', async () => {
      const [erin] = await users('erin');
      const phone = await connect(erin, 'iPhone');
      await phone.registerPushDevice('webhook', `token-${erin}`, 'iPhone');
      const kicked: (string | undefined)[] = [];
      const closes: number[] = [];
      phone.on('kicked', (reason) => kicked.push(reason));
      phone.on('disconnected', (code) => closes.push(code));
      await expectStatusSoon(erin, {
        Status: 'Online',
        Detail: [{ Platform: 'iPhone', Status: 'Online' }],
      });

      expect(await admin.call('im_open_login_svc', 'kick', { UserID: erin })).toMatchObject(OK);
      await waitFor(() => closes.length > 0, { timeoutMs: 5000 });
      expect(kicked).toEqual(['admin']);
      expect(closes).toEqual([4002]);
      expect(phone.state).toBe('closed');
      // a kick is not a drop: no PushOnline although the phone has a push token
      await expectStatusSoon(erin, { Status: 'Offline', Detail: [] });
    });

    it('ends PushOnline too: a kicked user whose phone had dropped is Offline', async () => {
      const [fay] = await users('fay');
      const phone = await connect(fay, 'Android');
      await phone.registerPushDevice('webhook', `token-${fay}`, 'Android');
      await drop(phone);
      await expectStatusSoon(fay, {
        Status: 'PushOnline',
        Detail: [{ Platform: 'Android', Status: 'PushOnline' }],
      });

      expect(await admin.call('im_open_login_svc', 'kick', { UserID: fay })).toMatchObject(OK);
      await expectStatusSoon(fay, { Status: 'Offline', Detail: [] });
    });

    it('answers 70107 for an account never imported', async () => {
      expect(
        await admin.call('im_open_login_svc', 'kick', { UserID: 'never-imported' }),
      ).toMatchObject(failure(70107));
    });
  });

  describe('sns/friend_add and friend_import: AddSource is required in each item', () => {
    it.each(['friend_add', 'friend_import'])(
      '%s fails an item without AddSource or with a malformed one with 30001, and adds the rest',
      async (command) => {
        const [a, ok, missing, empty, prefix, long, digits] = await users(
          'a',
          'ok',
          'missing',
          'empty',
          'prefix',
          'long',
          'digits',
        );
        const reply = await admin.call('sns', command, {
          From_Account: a,
          ...(command === 'friend_add' && { ForceAddFlags: 1 }), // no confirmation round
          AddFriendItem: [
            { To_Account: ok, AddSource: 'AddSource_Type_Android' },
            { To_Account: missing },
            { To_Account: empty, AddSource: '' },
            { To_Account: prefix, AddSource: 'Source_Type_Web' },
            { To_Account: long, AddSource: 'AddSource_Type_ABCDEFGHI' }, // 9 letters, over 8
            { To_Account: digits, AddSource: 'AddSource_Type_Web2' },
          ],
        });

        expect(reply).toMatchObject(OK);
        expect(
          (reply.ResultItem as { To_Account: string; ResultCode: number }[]).map((i) => [
            i.To_Account,
            i.ResultCode,
          ]),
        ).toEqual([
          [ok, 0],
          [missing, 30001],
          [empty, 30001],
          [prefix, 30001],
          [long, 30001],
          [digits, 30001],
        ]);
        expect(reply.Fail_Account).toEqual([missing, empty, prefix, long, digits]);
        const friends = await admin.call('sns', 'friend_get', { From_Account: a, StartIndex: 0 });
        expect((friends.UserDataItem as { To_Account: string }[]).map((f) => f.To_Account)).toEqual(
          [ok],
        );
      },
    );
  });

  describe('openim/sendmsg and batchsendmsg answer MsgId', () => {
    const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];

    it('answers MsgKey and MsgId, and the receiver sees the message the MsgId names', async () => {
      const [alice, bob, carol] = await users('alice', 'bob', 'carol');
      const device = await fixture.device(app, bob);

      const sent = await admin.call('openim', 'sendmsg', {
        From_Account: alice,
        To_Account: bob,
        MsgRandom: 4242,
        MsgBody: text('hello'),
      });
      expect(sent).toMatchObject(OK);
      expect(sent.MsgKey).toMatch(/^\d+_4242_\d+$/);
      expect(sent.MsgId).toBe(`${alice}-${sent.MsgTime as number}-4242`);
      await waitFor(() => device.received.length === 1, { timeoutMs: 5000 });
      const seen = device.received[0];
      expect(`${seen.from}-${seen.time}-${seen.random}`).toBe(sent.MsgId);

      // without From_Account the App admin sends
      const byAdmin = await admin.call('openim', 'sendmsg', {
        To_Account: bob,
        MsgRandom: 7,
        MsgBody: text('notice'),
      });
      expect(byAdmin.MsgId).toBe(`${app.adminIdentifiers[0]}-${byAdmin.MsgTime as number}-7`);

      const batch = await admin.call('openim', 'batchsendmsg', {
        From_Account: alice,
        To_Account: [bob, carol],
        MsgRandom: 99,
        MsgBody: text('to both'),
      });
      expect(batch).toMatchObject({ ...OK, ErrorList: [] });
      expect(batch.MsgKey).toMatch(/^\d+_99_\d+$/);
      const time = Number((batch.MsgKey as string).split('_')[2]);
      expect(batch.MsgId).toBe(`${alice}-${time}-99`);
      await waitFor(() => device.received.length === 3, { timeoutMs: 5000 });
      const copy = device.received[2];
      expect(`${copy.from}-${copy.time}-${copy.random}`).toBe(batch.MsgId);
    });
  });

  describe('modify_group_base_info HistoryMsgBeforeJoin', () => {
    const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
    const now = () => Math.floor(Date.now() / 1000);
    let random = 1000;

    /** A Public group created well in the past with two messages from before anyone joins. */
    async function groupWithHistory(owner: string): Promise<string> {
      const created = await group('import_group', {
        Type: 'Public',
        Name: 'history',
        Owner_Account: owner,
        CreateTime: now() - 1000,
      });
      expect(created).toMatchObject(OK);
      const groupId = created.GroupId as string;
      const imported = await group('import_group_msg', {
        GroupId: groupId,
        MsgList: ['old 1', 'old 2'].map((t, i) => ({
          From_Account: owner,
          SendTime: now() - 500 + i,
          Random: random++,
          MsgBody: text(t),
        })),
      });
      expect(imported).toMatchObject(OK);
      return groupId;
    }

    const settingOf = async (groupId: string) =>
      (
        (await group('get_group_info', { GroupIdList: [groupId] })).GroupInfo as {
          HistoryMsgBeforeJoin: string;
        }[]
      )[0].HistoryMsgBeforeJoin;

    /** What a member joining now reads of the group, after one more message. */
    async function historySeenByNewMember(groupId: string, member: string): Promise<string[]> {
      expect(
        await group('add_group_member', {
          GroupId: groupId,
          MemberList: [{ Member_Account: member }],
        }),
      ).toMatchObject(OK);
      expect(
        await group('send_group_msg', { GroupId: groupId, Random: random++, MsgBody: text('new') }),
      ).toMatchObject(OK);
      const device = await fixture.device(app, member);
      const convId = ConversationIds.group(groupId);
      await waitFor(() => (device.chat.conversation(convId)?.lastSeq ?? 0) >= 3, {
        timeoutMs: 5000,
      });
      const page = await device.chat.getHistory(convId, { limit: 100 });
      await device.chat.close();
      return page.messages.map((m) => (m.body[0].MsgContent as { Text: string }).Text);
    }

    it('On: a member joining later reads the messages sent before; stored and answered', async () => {
      const [owner, carol] = await users('owner', 'carol');
      const groupId = await groupWithHistory(owner);
      expect(await settingOf(groupId)).toBe('Off'); // the Public default

      expect(
        await group('modify_group_base_info', { GroupId: groupId, HistoryMsgBeforeJoin: 'On' }),
      ).toMatchObject(OK);
      expect(await settingOf(groupId)).toBe('On');
      expect(await historySeenByNewMember(groupId, carol)).toEqual(['old 1', 'old 2', 'new']);
    });

    it('Off: a member joining later reads only what was sent after the join', async () => {
      const [owner, dave] = await users('owner', 'dave');
      const groupId = await groupWithHistory(owner);
      await group('modify_group_base_info', { GroupId: groupId, HistoryMsgBeforeJoin: 'On' });
      expect(
        await group('modify_group_base_info', { GroupId: groupId, HistoryMsgBeforeJoin: 'Off' }),
      ).toMatchObject(OK);
      expect(await settingOf(groupId)).toBe('Off');
      expect(await historySeenByNewMember(groupId, dave)).toEqual(['new']);
    });

    it('is refused for a live room (10004) and for a value other than On/Off', async () => {
      const [owner] = await users('owner');
      const live = await group('create_group', {
        Type: 'AVChatRoom',
        Name: 'l',
        Owner_Account: owner,
      });
      expect(
        await group('modify_group_base_info', {
          GroupId: live.GroupId,
          HistoryMsgBeforeJoin: 'On',
        }),
      ).toMatchObject(failure(10004));
      const groupId = await groupWithHistory(owner);
      expect(
        await group('modify_group_base_info', { GroupId: groupId, HistoryMsgBeforeJoin: 'Yes' }),
      ).toMatchObject(failure(10004));
    });
  });

  describe('recentcontact/get_list pinned conversations (AssistFlags, TopTimeStamp, TopStartIndex)', () => {
    interface Session {
      To_Account: string;
      TopFlag: number;
    }

    /** Every page of the hub's list, following the cursors the replies give. */
    async function pages(hub: string, assistFlags: number): Promise<Session[][]> {
      const out: Session[][] = [];
      let cursor = { TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0 };
      for (let i = 0; i < 5; i++) {
        const reply = await admin.call('recentcontact', 'get_list', {
          From_Account: hub,
          ...cursor,
          AssistFlags: assistFlags,
        });
        expect(reply).toMatchObject(OK);
        out.push(reply.SessionItem as Session[]);
        if (reply.CompleteFlag === 1) return out;
        cursor = {
          TimeStamp: reply.TimeStamp as number,
          StartIndex: reply.StartIndex as number,
          TopTimeStamp: reply.TopTimeStamp as number,
          TopStartIndex: reply.TopStartIndex as number,
        };
      }
      throw new Error('get_list never completed');
    }

    it('answers pinned conversations first with TopFlag 1 and pages the rest without loss', async () => {
      n++;
      const hub = `hub-${n}`;
      const peers = Array.from({ length: 105 }, (_, i) => `peer-${n}-${i}`);
      await admin.ok('im_open_login_svc', 'multiaccount_import', {
        Accounts: [hub, ...peers.slice(0, 99)],
      });
      await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: peers.slice(99) });
      const sent = await admin.call('openim', 'batchsendmsg', {
        From_Account: hub,
        To_Account: peers,
        MsgRandom: 5,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello all' } }],
      });
      expect(sent).toMatchObject({ ...OK, ErrorList: [] });

      const device = await fixture.device(app, hub);
      const pinned = [peers[7], peers[50], peers[104]];
      for (const peer of pinned)
        await device.chat.pinConversation(ConversationIds.c2c(hub, peer), true);

      const withPins = await pages(hub, 7);
      expect(withPins.map((p) => p.length)).toEqual([100, 5]);
      const first = withPins[0];
      expect(
        first
          .slice(0, 3)
          .map((i) => i.To_Account)
          .sort(),
      ).toEqual([...pinned].sort());
      expect(first.slice(0, 3).map((i) => i.TopFlag)).toEqual([1, 1, 1]);
      const rest = withPins.flat().slice(3);
      expect(rest.every((i) => i.TopFlag === 0)).toBe(true);
      expect(new Set(withPins.flat().map((i) => i.To_Account))).toEqual(new Set(peers));

      // without bit 0: one list by time, no TopFlag, the same conversations
      const plain = await pages(hub, 0);
      expect(plain.map((p) => p.length)).toEqual([100, 5]);
      expect(plain.flat().every((i) => i.TopFlag === 0)).toBe(true);
      expect(new Set(plain.flat().map((i) => i.To_Account))).toEqual(new Set(peers));

      // unpinning one: it goes back among the others
      await device.chat.pinConversation(ConversationIds.c2c(hub, peers[50]), false);
      const after = (await pages(hub, 1)).flat();
      expect(
        after
          .filter((i) => i.TopFlag === 1)
          .map((i) => i.To_Account)
          .sort(),
      ).toEqual([peers[7], peers[104]].sort());
      expect(after.slice(0, 2).every((i) => i.TopFlag === 1)).toBe(true);
      expect(after).toHaveLength(105);
      await device.chat.close();
    });
  });
});
