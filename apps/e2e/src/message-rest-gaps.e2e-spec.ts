import { ConversationIds } from '@im/contracts';
import type { AppReply, MsgElement } from '@im/contracts';
import type { RestAdminClient, RestEnvelope } from '@im/sdk';
import { waitFor } from '@im/testing';

import { MessagingFixture } from './messaging.fixture';

const text = (t: string): MsgElement[] => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const now = () => Math.floor(Date.now() / 1000);
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const failure = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
let nextRandom = 1;
const rnd = () => nextRandom++;

/**
 * Issue 12, REST points 1–3, over HTTP against the whole platform: the documented codes of
 * `admin_msgwithdraw` and the per-item codes of `group_msg_recall`; unread counts set by
 * `set_unread_msg_num` / `import_group_member` that stay set however the asynchronous
 * accounting of the messages before them is ordered; `SendTime` / `JoinTime` checked against
 * the group's creation time.
 */
describe('REST gaps of issue 12', () => {
  let fixture: MessagingFixture;
  let app: AppReply;
  let admin: RestAdminClient;
  let n = 0;

  const openim = (command: string, body: unknown) => admin.call('openim', command, body);
  const group = (command: string, body: unknown) =>
    admin.call('group_open_http_svc', command, body);

  async function users(...names: string[]): Promise<string[]> {
    n++;
    const ids = names.map((name) => `${name}-${n}`);
    await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ids });
    return ids;
  }

  async function createGroup(owner: string, members: string[]): Promise<string> {
    const reply = await group('create_group', {
      Type: 'Public',
      Name: `g ${n}`,
      Owner_Account: owner,
      MemberList: members.map((m) => ({ Member_Account: m })),
    });
    expect(reply).toMatchObject(OK);
    return reply.GroupId as string;
  }

  const sendGroup = (groupId: string) =>
    group('send_group_msg', { GroupId: groupId, Random: rnd(), MsgBody: text('x') });

  /** The member's unread count as the group service answers it (get_joined_group_list). */
  async function groupSideUnread(userId: string, groupId: string): Promise<number> {
    const reply = await group('get_joined_group_list', {
      Member_Account: userId,
      ResponseFilter: { SelfInfoFilter: ['UnreadMsgNum', 'MsgSeq'] },
    });
    const item = (reply.GroupIdList as { GroupId: string; SelfInfo: { UnreadMsgNum: number } }[])
      .filter((g) => g.GroupId === groupId)
      .pop();
    return item!.SelfInfo.UnreadMsgNum;
  }

  /** The member's unread count as its device syncs it (the message service's view). */
  async function deviceUnread(userId: string, groupId: string): Promise<number | undefined> {
    const device = await fixture.device(app, userId);
    const unread = device.chat.conversation(ConversationIds.group(groupId))?.unread;
    await device.chat.close();
    return unread;
  }

  /**
   * Waits (bounded) until the group service has accounted for every message up to `lastSeq`:
   * its NextMsgSeq is past it. Only then is a later overwrite of an unread count visible.
   */
  async function accountingDrained(groupId: string, lastSeq: number): Promise<void> {
    await waitFor(
      async () => {
        const info = await group('get_group_info', { GroupIdList: [groupId] });
        const next = (info.GroupInfo as { NextMsgSeq: number }[])[0].NextMsgSeq;
        return next >= lastSeq + 1;
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
  }

  /** A group imported with a CreateTime well in the past (imports must not be older). */
  async function importedGroup(owner: string): Promise<string> {
    const reply = await group('import_group', {
      Type: 'Public',
      Name: `imported ${n}`,
      Owner_Account: owner,
      CreateTime: now() - 1000,
    });
    expect(reply).toMatchObject(OK);
    return reply.GroupId as string;
  }

  /** Imports `count` history messages, all accepted; the last seq. */
  async function importMessages(groupId: string, from: string, count: number): Promise<number> {
    const reply = await group('import_group_msg', {
      GroupId: groupId,
      MsgList: Array.from({ length: count }, (_, i) => ({
        From_Account: from,
        SendTime: now() - 500 + i,
        Random: rnd(),
        MsgBody: text(`old ${i}`),
      })),
    });
    const results = reply.ImportMsgResult as { MsgSeq: number; Result: number }[];
    expect(results.map((r) => r.Result)).toEqual(results.map(() => 0));
    return Math.max(...results.map((r) => r.MsgSeq));
  }

  beforeAll(async () => {
    fixture = await MessagingFixture.start({ gateways: 1 });
    app = await fixture.createApp({ name: 'message-rest-gaps-e2e' });
    admin = fixture.admin(app);
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  describe('1. recall codes', () => {
    it('admin_msgwithdraw: 20023 a second time, 20022 for an unknown key, 90054 for a malformed one', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const sent = await openim('sendmsg', {
        From_Account: alice,
        To_Account: bob,
        MsgRandom: rnd(),
        MsgBody: text('hi'),
      });
      const withdraw = (MsgKey: unknown) =>
        openim('admin_msgwithdraw', { From_Account: alice, To_Account: bob, MsgKey });

      expect(await withdraw(sent.MsgKey)).toMatchObject(OK);
      expect(await withdraw(sent.MsgKey)).toMatchObject(failure(20023));
      expect(await withdraw(`1_2_${now()}`)).toMatchObject(failure(20022));
      expect(await withdraw('junk')).toMatchObject(failure(90054));
      expect(await withdraw('1_2')).toMatchObject(failure(90054));
      expect(await withdraw('99999999999_1_1')).toMatchObject(failure(90054));
    });

    it('answers one of two concurrent recalls of the same key with 20023', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const sent = await openim('sendmsg', {
        From_Account: alice,
        To_Account: bob,
        MsgRandom: rnd(),
        MsgBody: text('hi'),
      });
      const body = { From_Account: alice, To_Account: bob, MsgKey: sent.MsgKey };
      const replies = await Promise.all([1, 2, 3].map(() => openim('admin_msgwithdraw', body)));
      expect(replies.map((r) => r.ErrorCode).sort()).toEqual([0, 20023, 20023]);
    });

    it('group_msg_recall: a seq recalled before answers 10032, an unknown one 10030', async () => {
      const [owner, bob] = await users('owner', 'bob');
      const groupId = await createGroup(owner, [bob]);
      const seq = (await sendGroup(groupId)).MsgSeq as number;
      const recall = (...seqs: number[]) =>
        group('group_msg_recall', {
          GroupId: groupId,
          MsgSeqList: seqs.map((MsgSeq) => ({ MsgSeq })),
        });

      expect(await recall(seq)).toMatchObject({
        ...OK,
        RecallRetList: [{ MsgSeq: seq, RetCode: 0 }],
      });
      expect(await recall(seq, seq + 50)).toMatchObject({
        ...OK,
        RecallRetList: [
          { MsgSeq: seq, RetCode: 10032 },
          { MsgSeq: seq + 50, RetCode: 10030 },
        ],
      });
    });
  });

  describe('2. unread counts stay as set', () => {
    it('set_unread_msg_num right after many group messages is not overwritten by their accounting', async () => {
      const [owner, bob] = await users('owner', 'bob');
      const groupId = await createGroup(owner, [bob]);
      let last = 0;
      for (const wanted of [2, 5, 1]) {
        // a burst acknowledged within a few ms; the group service hears of it up to a second
        // later, so the set lands before that accounting (three rounds: the odds that it
        // lands after it every time are negligible)
        const burst = await Promise.all(Array.from({ length: 20 }, () => sendGroup(groupId)));
        last = Math.max(...burst.map((r) => r.MsgSeq as number));
        expect(
          await group('set_unread_msg_num', {
            GroupId: groupId,
            Member_Account: bob,
            UnreadMsgNum: wanted,
          }),
        ).toMatchObject(OK);
        await accountingDrained(groupId, last);

        expect(await groupSideUnread(bob, groupId)).toBe(wanted);
        expect(await deviceUnread(bob, groupId)).toBe(wanted);
      }
      // later messages add to the count that was set
      last = (await sendGroup(groupId)).MsgSeq as number;
      await accountingDrained(groupId, last);
      expect(await groupSideUnread(bob, groupId)).toBe(2);
      expect(await deviceUnread(bob, groupId)).toBe(2);
    });

    it('set_unread_msg_num counts imported messages in a group filled only by import_group_msg', async () => {
      const [owner, bob] = await users('owner', 'bob');
      const groupId = await importedGroup(owner);
      expect(
        await group('add_group_member', {
          GroupId: groupId,
          MemberList: [{ Member_Account: bob }],
        }),
      ).toMatchObject(OK);
      const last = await importMessages(groupId, owner, 6);

      expect(
        await group('set_unread_msg_num', {
          GroupId: groupId,
          Member_Account: bob,
          UnreadMsgNum: 4,
        }),
      ).toMatchObject(OK);
      await accountingDrained(groupId, last);

      expect(await groupSideUnread(bob, groupId)).toBe(4);
      expect(await deviceUnread(bob, groupId)).toBe(4);
    });

    it('import_group_member right after import_group_msg keeps the member’s UnreadMsgNum', async () => {
      const [owner, bob, carol] = await users('owner', 'bob', 'carol');
      const groupId = await importedGroup(owner);
      const last = await importMessages(groupId, owner, 8);

      expect(
        await group('import_group_member', {
          GroupId: groupId,
          MemberList: [{ Member_Account: bob, UnreadMsgNum: 3 }, { Member_Account: carol }],
        }),
      ).toMatchObject({
        ...OK,
        MemberList: [
          { Member_Account: bob, Result: 1 },
          { Member_Account: carol, Result: 1 },
        ],
      });
      await accountingDrained(groupId, last);

      expect(await groupSideUnread(bob, groupId)).toBe(3);
      expect(await groupSideUnread(carol, groupId)).toBe(0);
      // the message service places the member when it consumes the member-joined fact
      await waitFor(async () => (await deviceUnread(bob, groupId)) === 3, {
        timeoutMs: 10_000,
        intervalMs: 200,
      });
      expect(await deviceUnread(carol, groupId)).toBe(0);
    });
  });

  describe('3. times checked against the group’s creation', () => {
    it('import_group_msg refuses per item a SendTime before the group was created (10004)', async () => {
      const [owner] = await users('owner');
      const createTime = now() - 1000;
      const groupId = (
        await group('import_group', {
          Type: 'Public',
          Name: `imported ${n}`,
          Owner_Account: owner,
          CreateTime: createTime,
        })
      ).GroupId as string;
      const reply = await group('import_group_msg', {
        GroupId: groupId,
        MsgList: [
          { From_Account: owner, SendTime: createTime - 10, Random: rnd(), MsgBody: text('a') },
          { From_Account: owner, SendTime: createTime, Random: rnd(), MsgBody: text('b') },
          { From_Account: owner, SendTime: createTime + 5, Random: rnd(), MsgBody: text('c') },
        ],
      });
      expect(reply).toMatchObject(OK);
      expect((reply.ImportMsgResult as RestEnvelope[]).map((r) => r.Result)).toEqual([10004, 0, 0]);
      const history = await group('group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 20 });
      expect(
        (history.RspMsgList as { MsgBody: MsgElement[] }[]).map(
          (m) => m.MsgBody[0].MsgContent.Text,
        ),
      ).toEqual(['c', 'b']);
    });

    it('import_group_member refuses per item a JoinTime before the group was created or in the future', async () => {
      const [owner, a, b, c, d] = await users('owner', 'a', 'b', 'c', 'd');
      const createTime = now() - 1000;
      const groupId = (
        await group('import_group', {
          Type: 'Public',
          Name: `imported ${n}`,
          Owner_Account: owner,
          CreateTime: createTime,
        })
      ).GroupId as string;

      const reply = await group('import_group_member', {
        GroupId: groupId,
        MemberList: [
          { Member_Account: a, JoinTime: createTime - 1 },
          { Member_Account: b, JoinTime: createTime + 1 },
          { Member_Account: c, JoinTime: now() + 3600 },
          { Member_Account: d },
        ],
      });
      expect(reply).toMatchObject(OK);
      expect(reply.MemberList).toEqual([
        { Member_Account: a, Result: 0 },
        { Member_Account: b, Result: 1 },
        { Member_Account: c, Result: 0 },
        { Member_Account: d, Result: 1 },
      ]);
      const members = await group('get_group_member_info', { GroupId: groupId });
      expect(
        (members.MemberList as { Member_Account: string }[]).map((m) => m.Member_Account).sort(),
      ).toEqual([b, d, owner].sort());
    });
  });
});
