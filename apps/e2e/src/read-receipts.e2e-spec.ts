import { ConversationIds } from '@im/contracts';
import type { AppReply, MsgElement } from '@im/contracts';
import type { MessageReceiptEvent, RestAdminClient, RestEnvelope } from '@im/sdk';
import { waitFor } from '@im/testing';

import type { Device } from './messaging.fixture';
import { MessagingFixture } from './messaging.fixture';

const text = (t: string): MsgElement[] => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const failure = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
let nextRandom = 1;
const rnd = () => nextRandom++;

/** The envelope every answer carries, checked by name and type. */
function expectEnvelope(reply: RestEnvelope): void {
  expect(reply.ActionStatus).toBe('OK');
  expect(reply.ErrorCode).toBe(0);
  expect(typeof reply.ErrorInfo).toBe('string');
}

/**
 * Read receipts of single messages over REST as an app backend written for Tencent's API sends
 * them (openim/c2c_msg_read_receipt, group_open_http_svc/group_msg_receipt,
 * get_group_msg_receipt, get_group_msg_receipt_detail), and as SDK clients see them: the
 * sender's devices get `message-receipt`, readers send receipts with `sendReceipts`, senders
 * page through who read. No cap on the group's size. Ends with tenant isolation.
 */
describe('read receipts', () => {
  let fixture: MessagingFixture;
  let app: AppReply;
  let admin: RestAdminClient;
  let n = 0;

  const openim = (command: string, body: unknown, a = admin) => a.call('openim', command, body);
  const group = (command: string, body: unknown, a = admin) =>
    a.call('group_open_http_svc', command, body);

  async function users(...names: string[]): Promise<string[]> {
    n++;
    const ids = names.map((name) => `${name}-${n}`);
    for (let i = 0; i < ids.length; i += 100)
      await admin.ok('im_open_login_svc', 'multiaccount_import', {
        Accounts: ids.slice(i, i + 100),
      });
    return ids;
  }

  async function createGroup(type: string, owner: string, members: string[]): Promise<string> {
    const reply = await admin.ok('group_open_http_svc', 'create_group', {
      Type: type,
      Name: `${type} ${n}`,
      Owner_Account: owner,
      MemberList: members.slice(0, 100).map((m) => ({ Member_Account: m })),
    });
    const groupId = reply.GroupId as string;
    for (let i = 100; i < members.length; i += 100)
      await admin.ok('group_open_http_svc', 'add_group_member', {
        GroupId: groupId,
        Silence: 1,
        MemberList: members.slice(i, i + 100).map((m) => ({ Member_Account: m })),
      });
    return groupId;
  }

  async function sendGroup(groupId: string, from: string): Promise<number> {
    const reply = await admin.ok('group_open_http_svc', 'send_group_msg', {
      GroupId: groupId,
      From_Account: from,
      Random: rnd(),
      MsgBody: text('x'),
    });
    return reply.MsgSeq as number;
  }

  function receipts(device: Device): MessageReceiptEvent[] {
    const got: MessageReceiptEvent[] = [];
    device.chat.on('message-receipt', (e) => got.push(e));
    return got;
  }

  beforeAll(async () => {
    fixture = await MessagingFixture.start({ gateways: 1 });
    app = await fixture.createApp({
      name: 'read-receipts-e2e',
      settings: { avChatRoomEnabled: true },
    });
    admin = fixture.admin(app);
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  describe('openim/c2c_msg_read_receipt', () => {
    it('records the receipt and pushes it to the sender’s device', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const device = await fixture.device(app, alice);
      const got = receipts(device);
      const sent = await openim('sendmsg', {
        From_Account: alice,
        To_Account: bob,
        MsgRandom: rnd(),
        MsgBody: text('hi'),
      });
      const msgKey = sent.MsgKey as string;

      const reply = await openim('c2c_msg_read_receipt', {
        Operator_Account: bob,
        Peer_Account: alice,
        C2CMsgInfo: [{ From_Account: alice, To_Account: bob, MsgKey: msgKey }],
      });

      expectEnvelope(reply);
      await waitFor(() => got.length === 1);
      expect(got[0]).toEqual({
        convId: ConversationIds.c2c(alice, bob),
        userId: bob,
        seqs: [1],
        time: expect.any(Number),
      });
    });

    it('answers the documented codes for wrong requests', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const sent = await openim('sendmsg', {
        From_Account: alice,
        To_Account: bob,
        MsgRandom: rnd(),
        MsgBody: text('hi'),
      });
      const info = { From_Account: alice, To_Account: bob, MsgKey: sent.MsgKey as string };
      const body = { Operator_Account: bob, Peer_Account: alice, C2CMsgInfo: [info] };
      // From_Account must be Peer_Account, To_Account Operator_Account
      expect(
        await openim('c2c_msg_read_receipt', {
          ...body,
          C2CMsgInfo: [{ ...info, From_Account: bob, To_Account: alice }],
        }),
      ).toMatchObject(failure(20001));
      // a MsgKey that is not one, and one that names no message
      expect(
        await openim('c2c_msg_read_receipt', {
          ...body,
          C2CMsgInfo: [{ ...info, MsgKey: 'nope' }],
        }),
      ).toMatchObject(failure(20001));
      expect(
        await openim('c2c_msg_read_receipt', {
          ...body,
          C2CMsgInfo: [{ ...info, MsgKey: '1_2_3' }],
        }),
      ).toMatchObject(failure(20001));
      // the sender cannot send a receipt for its own message
      expect(
        await openim('c2c_msg_read_receipt', {
          Operator_Account: alice,
          Peer_Account: bob,
          C2CMsgInfo: [{ From_Account: bob, To_Account: alice, MsgKey: info.MsgKey }],
        }),
      ).toMatchObject(failure(20001));
      // accounts never imported
      expect(
        await openim('c2c_msg_read_receipt', {
          Operator_Account: 'ghost',
          Peer_Account: alice,
          C2CMsgInfo: [{ ...info, To_Account: 'ghost' }],
        }),
      ).toMatchObject(failure(90012));
      // missing list, more than 100 messages
      expect(
        (await openim('c2c_msg_read_receipt', { Operator_Account: bob, Peer_Account: alice }))
          .ActionStatus,
      ).toBe('FAIL');
      expect(
        (
          await openim('c2c_msg_read_receipt', {
            ...body,
            C2CMsgInfo: Array.from({ length: 101 }, () => info),
          })
        ).ActionStatus,
      ).toBe('FAIL');
    });

    it('lets a reader send receipts from the SDK; its own messages are skipped', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const sender = await fixture.device(app, alice);
      const reader = await fixture.device(app, bob);
      const got = receipts(sender);
      const convId = ConversationIds.c2c(alice, bob);
      await sender.chat.sendC2C(bob, text('one'));
      await reader.chat.sendC2C(alice, text('mine'));

      expect(await reader.chat.sendReceipts(convId, [1, 2, 99])).toEqual([1]);
      await waitFor(() => got.length === 1);
      expect(got[0]).toMatchObject({ convId, userId: bob, seqs: [1] });
      // a repeated receipt is taken again but pushes nothing new: the next fresh one comes first
      expect(await reader.chat.sendReceipts(convId, [1])).toEqual([1]);
      await sender.chat.sendC2C(bob, text('two'));
      expect(await reader.chat.sendReceipts(convId, [3])).toEqual([3]);
      await waitFor(() => got.length === 2);
      expect(got[1]).toMatchObject({ seqs: [3] });
    });
  });

  describe('group receipts', () => {
    it('group_msg_receipt, get_group_msg_receipt and get_group_msg_receipt_detail', async () => {
      const [owner, bob, carol, dave] = await users('owner', 'bob', 'carol', 'dave');
      const groupId = await createGroup('Private', owner, [bob, carol, dave]);
      const device = await fixture.device(app, owner);
      const got = receipts(device);
      const seq = await sendGroup(groupId, owner);

      const reply = await group('group_msg_receipt', {
        GroupId: groupId,
        Operator_Account: bob,
        MsgSeqList: [{ MsgSeq: seq }],
      });
      expectEnvelope(reply);
      await waitFor(() => got.length === 1);
      expect(got[0]).toEqual({
        convId: ConversationIds.group(groupId),
        userId: bob,
        seqs: [seq],
        time: expect.any(Number),
        counts: [{ seq, readNum: 1, unreadNum: 2 }],
      });
      expectEnvelope(
        await group('group_msg_receipt', {
          GroupId: groupId,
          Operator_Account: carol,
          MsgSeqList: [{ MsgSeq: seq }],
        }),
      );

      const counts = await group('get_group_msg_receipt', {
        GroupId: groupId,
        MsgSeqList: [{ MsgSeq: seq }, { MsgSeq: 999 }],
      });
      expectEnvelope(counts);
      expect(counts.GroupMsgReceiptList).toEqual([{ MsgSeq: seq, ReadNum: 2, UnreadNum: 1 }]);
      for (const item of counts.GroupMsgReceiptList as Record<string, unknown>[])
        for (const field of ['MsgSeq', 'ReadNum', 'UnreadNum'])
          expect(typeof item[field]).toBe('number');

      const read = await group('get_group_msg_receipt_detail', {
        GroupId: groupId,
        MsgSeq: seq,
        Filter: 0,
        Cursor: '',
        Count: 100,
      });
      expectEnvelope(read);
      expect(read).toMatchObject({
        GroupId: groupId,
        MsgSeq: seq,
        ReadNum: 2,
        UnreadNum: 1,
        ReadList: [{ Member_Account: bob }, { Member_Account: carol }],
        Cursor: '',
        IsFinish: 1,
      });
      expect(read.UnreadList).toBeUndefined();
      const unread = await group('get_group_msg_receipt_detail', {
        GroupId: groupId,
        MsgSeq: seq,
        Filter: 1,
        Cursor: '',
        Count: 100,
      });
      expect(unread).toMatchObject({
        UnreadList: [{ Member_Account: dave }],
        IsFinish: 1,
        Cursor: '',
      });

      // paged by Count and Cursor
      const first = await group('get_group_msg_receipt_detail', {
        GroupId: groupId,
        MsgSeq: seq,
        Filter: 0,
        Cursor: '',
        Count: 1,
      });
      expect(first).toMatchObject({ ReadList: [{ Member_Account: bob }], IsFinish: 0 });
      expect(typeof first.Cursor).toBe('string');
      const second = await group('get_group_msg_receipt_detail', {
        GroupId: groupId,
        MsgSeq: seq,
        Filter: 0,
        Cursor: first.Cursor,
        Count: 1,
      });
      expect(second).toMatchObject({ ReadList: [{ Member_Account: carol }], IsFinish: 1 });
    });

    it('answers the documented codes for wrong requests', async () => {
      const [owner, bob, stranger] = await users('owner', 'bob', 'stranger');
      const groupId = await createGroup('Public', owner, [bob]);
      const seq = await sendGroup(groupId, owner);
      const room = await createGroup('AVChatRoom', owner, []);
      const receipt = (fields: Record<string, unknown>) =>
        group('group_msg_receipt', {
          GroupId: groupId,
          Operator_Account: bob,
          MsgSeqList: [{ MsgSeq: seq }],
          ...fields,
        });
      const detail = (fields: Record<string, unknown>) =>
        group('get_group_msg_receipt_detail', {
          GroupId: groupId,
          MsgSeq: seq,
          Filter: 0,
          Cursor: '',
          Count: 10,
          ...fields,
        });

      expect(await receipt({ Operator_Account: stranger })).toMatchObject(failure(10007));
      expect(await receipt({ GroupId: 'no-such-group' })).toMatchObject(failure(10010));
      expect(await receipt({ MsgSeqList: [] })).toMatchObject(failure(10004));
      expect(
        await group('get_group_msg_receipt', { GroupId: room, MsgSeqList: [{ MsgSeq: 1 }] }),
      ).toMatchObject(failure(10004));
      expect(
        await group('get_group_msg_receipt', {
          GroupId: 'no-such-group',
          MsgSeqList: [{ MsgSeq: 1 }],
        }),
      ).toMatchObject(failure(10010));
      expect(await detail({ MsgSeq: 999 })).toMatchObject(failure(10004));
      expect(await detail({ Count: 201 })).toMatchObject(failure(10004));
      expect(await detail({ Filter: 2 })).toMatchObject(failure(10004));
      expect(await detail({ GroupId: 'no-such-group' })).toMatchObject(failure(10010));
    });

    it('pages through the unread members of a group of 450, past Tencent’s 200', async () => {
      const [owner, ...members] = await users(
        'owner',
        ...Array.from({ length: 450 }, (_, i) => `m${String(i).padStart(3, '0')}`),
      );
      const groupId = await createGroup('Public', owner, members);
      const seq = await sendGroup(groupId, owner);
      for (const reader of members.slice(0, 3))
        await admin.ok('group_open_http_svc', 'group_msg_receipt', {
          GroupId: groupId,
          Operator_Account: reader,
          MsgSeqList: [{ MsgSeq: seq }],
        });

      const seen: string[] = [];
      let cursor = '';
      for (let page = 0; page < 10; page++) {
        const reply = await group('get_group_msg_receipt_detail', {
          GroupId: groupId,
          MsgSeq: seq,
          Filter: 1,
          Cursor: cursor,
          Count: 200,
        });
        expect(reply).toMatchObject({ ReadNum: 3, UnreadNum: 447 });
        seen.push(
          ...(reply.UnreadList as { Member_Account: string }[]).map((m) => m.Member_Account),
        );
        cursor = reply.Cursor as string;
        if (reply.IsFinish === 1) break;
      }
      expect(seen).toEqual([...members.slice(3)].sort());
    }, 120_000);

    it('lets members send receipts and the sender read counts and members from the SDK', async () => {
      const [owner, bob, carol] = await users('owner', 'bob', 'carol');
      const groupId = await createGroup('Private', owner, [bob, carol]);
      const convId = ConversationIds.group(groupId);
      const sender = await fixture.device(app, owner);
      const reader = await fixture.device(app, bob);
      const got = receipts(sender);
      const sent = await sender.chat.sendGroup(groupId, text('hi'));
      const seq = sent.seq as number;

      expect(await reader.chat.sendReceipts(convId, [seq])).toEqual([seq]);
      await waitFor(() => got.length === 1);
      expect(got[0]).toMatchObject({ userId: bob, counts: [{ seq, readNum: 1, unreadNum: 1 }] });
      expect(await sender.chat.getGroupReceipts(groupId, [seq])).toEqual([
        { seq, readNum: 1, unreadNum: 1 },
      ]);
      expect(await sender.chat.getGroupReceiptMembers(groupId, seq, 'unread')).toEqual({
        members: [carol],
        cursor: '',
        isFinished: true,
        readNum: 1,
        unreadNum: 1,
      });
      // the member list of another member's message is the sender's
      await expect(reader.chat.getGroupReceiptMembers(groupId, seq, 'read')).rejects.toMatchObject({
        code: 10007,
      });
    });
  });

  describe('tenant isolation (PLT-2)', () => {
    it('never lets one app read or add receipts of another app’s messages with the same IDs', async () => {
      const [owner, bob, carol] = await users('owner', 'bob', 'carol');
      const groupId = await createGroup('Private', owner, [bob, carol]);
      const seq = await sendGroup(groupId, owner);
      const c2c = await openim('sendmsg', {
        From_Account: owner,
        To_Account: bob,
        MsgRandom: rnd(),
        MsgBody: text('hi'),
      });
      await admin.ok('group_open_http_svc', 'group_msg_receipt', {
        GroupId: groupId,
        Operator_Account: bob,
        MsgSeqList: [{ MsgSeq: seq }],
      });

      const other = await fixture.createApp({ name: 'read-receipts-e2e-other' });
      const otherAdmin = fixture.admin(other);
      await otherAdmin.ok('im_open_login_svc', 'multiaccount_import', {
        Accounts: [owner, bob, carol],
      });
      expect(
        await group(
          'get_group_msg_receipt',
          { GroupId: groupId, MsgSeqList: [{ MsgSeq: seq }] },
          otherAdmin,
        ),
      ).toMatchObject(failure(10010));
      expect(
        await group(
          'get_group_msg_receipt_detail',
          { GroupId: groupId, MsgSeq: seq, Filter: 0, Cursor: '', Count: 10 },
          otherAdmin,
        ),
      ).toMatchObject(failure(10010));
      expect(
        await group(
          'group_msg_receipt',
          { GroupId: groupId, Operator_Account: carol, MsgSeqList: [{ MsgSeq: seq }] },
          otherAdmin,
        ),
      ).toMatchObject(failure(10010));
      expect(
        await openim(
          'c2c_msg_read_receipt',
          {
            Operator_Account: bob,
            Peer_Account: owner,
            C2CMsgInfo: [{ From_Account: owner, To_Account: bob, MsgKey: c2c.MsgKey }],
          },
          otherAdmin,
        ),
      ).toMatchObject(failure(20001));

      // app A's receipts are unchanged
      expect(
        await group('get_group_msg_receipt', { GroupId: groupId, MsgSeqList: [{ MsgSeq: seq }] }),
      ).toMatchObject({ GroupMsgReceiptList: [{ MsgSeq: seq, ReadNum: 1, UnreadNum: 1 }] });
    });
  });
});
