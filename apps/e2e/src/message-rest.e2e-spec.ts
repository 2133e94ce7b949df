import { ConversationIds } from '@im/contracts';
import type { AppReply, MsgElement, SystemNotification } from '@im/contracts';
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
 * Every message REST command of issue 5 over HTTP, as an app backend written for Tencent's API
 * sends it, against the whole platform started as processes (real group, relation, profile and
 * account services): normal use, wrong types, missing fields, the 12 KB body, unknown element
 * types, the limits and their documented codes; what a command changes is checked through other
 * commands and through SDK clients online over WebSocket. Ends with tenant isolation.
 */
describe('message commands over REST', () => {
  let fixture: MessagingFixture;
  let app: AppReply;
  let admin: RestAdminClient;
  let n = 0;

  const call = (service: string, command: string, body: unknown, a = admin) =>
    a.call(service, command, body);
  const openim = (command: string, body: unknown, a = admin) => call('openim', command, body, a);
  const group = (command: string, body: unknown, a = admin) =>
    call('group_open_http_svc', command, body, a);

  /** Fresh user IDs per test, imported (one app for the file). */
  async function users(...names: string[]): Promise<string[]> {
    n++;
    const ids = names.map((name) => `${name}-${n}`);
    await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ids });
    return ids;
  }

  async function createGroup(
    type: string,
    owner: string | undefined,
    members: string[],
    a = admin,
  ): Promise<string> {
    const reply = await call(
      'group_open_http_svc',
      'create_group',
      {
        Type: type,
        Name: `${type} ${n}`,
        ...(owner ? { Owner_Account: owner } : {}),
        MemberList: members.map((m) => ({ Member_Account: m })),
      },
      a,
    );
    expect(reply).toMatchObject(OK);
    return reply.GroupId as string;
  }

  const sendmsg = (from: string, to: string, fields: Record<string, unknown> = {}, a = admin) =>
    openim(
      'sendmsg',
      { From_Account: from, To_Account: to, MsgRandom: rnd(), MsgBody: text('hi'), ...fields },
      a,
    );

  const sendGroup = (groupId: string, fields: Record<string, unknown> = {}, a = admin) =>
    group('send_group_msg', { GroupId: groupId, Random: rnd(), MsgBody: text('x'), ...fields }, a);

  const roam = (operator: string, peer: string, a = admin) =>
    openim(
      'admin_getroammsg',
      { Operator_Account: operator, Peer_Account: peer, MaxCnt: 100, MinTime: 0, MaxTime: now() },
      a,
    );

  const bodiesOf = (reply: RestEnvelope) =>
    (reply.MsgList as { MsgBody: MsgElement[] }[]).map((m) => m.MsgBody[0]?.MsgContent.Text);

  beforeAll(async () => {
    fixture = await MessagingFixture.start({ gateways: 1 });
    app = await fixture.createApp({
      name: 'message-rest-e2e',
      settings: { avChatRoomEnabled: true },
    });
    admin = fixture.admin(app);
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  describe('openim/sendmsg', () => {
    it('sends, answers MsgTime and MsgKey, and reaches the receiver’s online device', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const device = await fixture.device(app, bob);
      const time = now() - 10;

      const reply = await sendmsg(alice, bob, {
        MsgSeq: 77,
        MsgRandom: 1234,
        MsgTimeStamp: time,
        MsgBody: text('hello'),
        CloudCustomData: 'cc',
      });

      expect(reply).toMatchObject({ ...OK, MsgTime: time, MsgKey: `77_1234_${time}` });
      await waitFor(() => device.received.length === 1);
      expect(device.received[0]).toMatchObject({
        convId: ConversationIds.c2c(alice, bob),
        from: alice,
        seq: 1,
        body: text('hello'),
      });
      expect(await roam(bob, alice)).toMatchObject({ MsgCnt: 1 });
    });

    it('sends From_Account = the App admin (an existing account, as Tencent documents the admin)', async () => {
      const [bob] = await users('bob');
      const device = await fixture.device(app, bob);

      const reply = await sendmsg(app.adminIdentifiers[0], bob, { MsgBody: text('from admin') });

      expect(reply).toMatchObject(OK);
      await waitFor(() => device.received.length === 1);
      expect(device.received[0]).toMatchObject({
        from: app.adminIdentifiers[0],
        body: text('from admin'),
      });
    });

    it('carries the sender’s nickname and avatar with the message (MSG-10)', async () => {
      const [alice, bob] = await users('alice', 'bob');
      await admin.ok('profile', 'portrait_set', {
        From_Account: alice,
        ProfileItem: [
          { Tag: 'Tag_Profile_IM_Nick', Value: 'Alice A.' },
          { Tag: 'Tag_Profile_IM_Image', Value: 'https://x/alice.png' },
        ],
      });
      const device = await fixture.device(app, bob);
      expect(await sendmsg(alice, bob)).toMatchObject(OK);
      await waitFor(() => device.received.length === 1);
      expect(device.received[0]).toMatchObject({
        senderNick: 'Alice A.',
        senderFaceUrl: 'https://x/alice.png',
      });
    });

    it('stores a retried send (same sender, MsgRandom) once', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const first = await sendmsg(alice, bob, { MsgRandom: 4242 });
      const again = await sendmsg(alice, bob, { MsgRandom: 4242 });
      expect(again).toMatchObject({ ...OK, MsgKey: first.MsgKey });
      expect(await roam(alice, bob)).toMatchObject({ MsgCnt: 1 });
    });

    it('sends all eight element types in one combined message', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const body = [
        { MsgType: 'TIMTextElem', MsgContent: { Text: 'all' } },
        { MsgType: 'TIMLocationElem', MsgContent: { Desc: 'here', Latitude: 1.5, Longitude: 2 } },
        { MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'smile' } },
        { MsgType: 'TIMCustomElem', MsgContent: { Data: '{"k":1}', Desc: 'd', Ext: 'e' } },
        {
          MsgType: 'TIMSoundElem',
          MsgContent: { Url: 'https://x/s', UUID: 's', Size: 10, Second: 2, Download_Flag: 2 },
        },
        {
          MsgType: 'TIMImageElem',
          MsgContent: {
            UUID: 'i',
            ImageFormat: 1,
            ImageInfoArray: [{ Type: 1, Size: 1, Width: 1, Height: 1, URL: 'https://x/i' }],
          },
        },
        {
          MsgType: 'TIMFileElem',
          MsgContent: { Url: 'https://x/f', UUID: 'f', FileSize: 1, FileName: 'f.txt' },
        },
        {
          MsgType: 'TIMVideoFileElem',
          MsgContent: {
            VideoUrl: 'https://x/v',
            VideoUUID: 'v',
            VideoSize: 1,
            VideoSecond: 1,
            VideoFormat: 'mp4',
            VideoDownloadFlag: 2,
            ThumbUrl: 'https://x/t',
            ThumbUUID: 't',
            ThumbSize: 1,
            ThumbWidth: 1,
            ThumbHeight: 1,
            ThumbFormat: 'JPG',
            ThumbDownloadFlag: 2,
          },
        },
      ];
      expect(await sendmsg(alice, bob, { MsgBody: body })).toMatchObject(OK);
      const stored = (await roam(bob, alice)).MsgList as { MsgBody: unknown[] }[];
      expect(stored[0].MsgBody).toEqual(body);
    });

    it('sends as the App admin without From_Account, even to a user who blacklisted it', async () => {
      const [carol] = await users('carol');
      await admin.ok('sns', 'black_list_add', {
        From_Account: carol,
        To_Account: [app.adminIdentifiers[0]],
      });
      expect(
        await openim('sendmsg', { To_Account: carol, MsgRandom: rnd(), MsgBody: text('notice') }),
      ).toMatchObject(OK);
    });

    it('does not check blacklists (docs/rest-api.md §4.1) nor MsgSettings (AMB-24: an App admin send)', async () => {
      const [alice, bob, quiet] = await users('alice', 'bob', 'quiet');
      await admin.ok('sns', 'black_list_add', { From_Account: bob, To_Account: [alice] });
      expect(await sendmsg(alice, bob)).toMatchObject(OK);
      await admin.ok('profile', 'portrait_set', {
        From_Account: quiet,
        ProfileItem: [{ Tag: 'Tag_Profile_IM_MsgSettings', Value: 1 }],
      });
      const device = await fixture.device(app, quiet);
      const sender = await fixture.device(app, alice);
      // A client's C2C message does not reach a receiver with bit 0 set; the admin's does.
      await expect(sender.chat.sendC2C(quiet, text('unseen'))).resolves.toMatchObject({
        state: 'sent',
      });
      expect(await sendmsg(alice, quiet, { MsgBody: text('admin') })).toMatchObject(OK);
      await waitFor(() => device.received.length === 1);
      expect(device.received.map((m) => m.body)).toEqual([text('admin')]);
    });

    it.each([
      ['no MsgRandom', { MsgRandom: undefined }, 90005],
      ['MsgRandom not an integer', { MsgRandom: 'x' }, 90005],
      ['no MsgBody', { MsgBody: undefined }, 90007],
      ['MsgBody not an array', { MsgBody: { MsgType: 'TIMTextElem' } }, 90007],
      ['MsgBody empty', { MsgBody: [] }, 90002],
      ['an unknown element type', { MsgBody: [{ MsgType: 'TIMNope', MsgContent: {} }] }, 90010],
      [
        'a text element without Text',
        { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: {} }] },
        90010,
      ],
      [
        'an ImageFormat that is not an integer',
        {
          MsgBody: [
            {
              MsgType: 'TIMImageElem',
              MsgContent: { UUID: 'i', ImageFormat: 'bmp', ImageInfoArray: [] },
            },
          ],
        },
        90010,
      ],
      ['no To_Account', { To_Account: undefined }, 90003],
      ['To_Account not a string', { To_Account: 7 }, 90003],
      ['an unknown receiver', { To_Account: 'nobody' }, 90012],
      ['an unknown sender', { From_Account: 'nobody' }, 90008],
      ['SyncOtherMachine not an integer', { SyncOtherMachine: 'x' }, 90031],
      ['MsgLifeTime not an integer', { MsgLifeTime: 'x' }, 90044],
      ['MsgLifeTime negative', { MsgLifeTime: -1 }, 90026],
      ['MsgTimeStamp not an integer', { MsgTimeStamp: 'x' }, 90006],
      ['a body over 12 KB', { MsgBody: text('x'.repeat(12 * 1024)) }, 93000],
      ['a text holding U+0000 (not storable)', { MsgBody: text('a\u0000b') }, 90010],
    ])('refuses %s', async (_what, fields, code) => {
      const [alice, bob] = await users('alice', 'bob');
      expect(await sendmsg(alice, bob, fields)).toMatchObject(failure(code));
    });

    it('accepts a body just under 12 KB', async () => {
      const [alice, bob] = await users('alice', 'bob');
      expect(await sendmsg(alice, bob, { MsgBody: text('x'.repeat(11 * 1024)) })).toMatchObject(OK);
    });

    it('answers 90001 for a body that is not JSON', async () => {
      expect(await admin.call('openim', 'sendmsg', undefined, { rawBody: '{nope' })).toMatchObject(
        failure(90001),
      );
    });

    it('answers 93000 for a request far over the limit, not a transport error', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const reply = await sendmsg(alice, bob, { MsgBody: text('x'.repeat(2 * 1024 * 1024)) });
      expect(reply).toMatchObject({ ActionStatus: 'FAIL' });
      expect([93000, 90001]).toContain(reply.ErrorCode);
    });
  });

  describe('openim/batchsendmsg', () => {
    it('sends one copy per receiver with one MsgKey and lists unknown receivers (70107)', async () => {
      const [alice, bob, carol] = await users('alice', 'bob', 'carol');
      const reply = await openim('batchsendmsg', {
        From_Account: alice,
        To_Account: [bob, carol, 'ghost'],
        MsgRandom: rnd(),
        MsgSeq: 5,
        MsgBody: text('to all'),
      });
      expect(reply).toMatchObject({
        ...OK,
        ErrorList: [{ To_Account: 'ghost', ErrorCode: 70107 }],
      });
      expect(reply.MsgKey).toMatch(/^5_\d+_\d+$/);
      for (const peer of [bob, carol]) {
        const history = await roam(peer, alice);
        expect(history).toMatchObject({ MsgCnt: 1 });
        expect(bodiesOf(history)).toEqual(['to all']);
      }
    });

    it('takes 500 receivers but not 501 (90011), and needs a list (90003)', async () => {
      const [alice] = await users('alice');
      const many = (count: number) => Array.from({ length: count }, (_, i) => `u${i}`);
      const ok500 = await openim('batchsendmsg', {
        From_Account: alice,
        To_Account: many(500),
        MsgRandom: rnd(),
        MsgBody: text('x'),
      });
      expect(ok500).toMatchObject(OK);
      expect((ok500.ErrorList as unknown[]).length).toBe(500);
      expect(
        await openim('batchsendmsg', { To_Account: many(501), MsgRandom: 1, MsgBody: text('x') }),
      ).toMatchObject(failure(90011));
      expect(
        await openim('batchsendmsg', { To_Account: 'bob', MsgRandom: 1, MsgBody: text('x') }),
      ).toMatchObject(failure(90003));
      expect(
        await openim('batchsendmsg', {
          To_Account: ['bob'],
          MsgRandom: 1,
          MsgBody: [{ MsgType: 'TIMWhat', MsgContent: {} }],
        }),
      ).toMatchObject(failure(90010));
    });
  });

  describe('openim/importmsg', () => {
    it('imports history once without unread; a real-time import counts as unread', async () => {
      const [x, y] = await users('x', 'y');
      const msg = {
        From_Account: x,
        To_Account: y,
        MsgRandom: 9,
        MsgTimeStamp: now() - 3600,
        MsgBody: text('old'),
      };
      expect(await openim('importmsg', { SyncFromOldSystem: 2, ...msg })).toMatchObject(OK);
      expect(await openim('importmsg', { SyncFromOldSystem: 2, ...msg })).toMatchObject(OK);
      expect(
        await openim('importmsg', {
          SyncFromOldSystem: 1,
          ...msg,
          MsgRandom: 10,
          MsgTimeStamp: now() - 60,
          MsgBody: text('live'),
        }),
      ).toMatchObject(OK);

      expect(bodiesOf(await roam(y, x))).toEqual(['old', 'live']);
      expect(await openim('get_c2c_unread_msg_num', { To_Account: y })).toMatchObject({
        AllC2CUnreadMsgNum: 1,
      });
    });

    it('needs MsgTimeStamp (90006), a known mode and known accounts', async () => {
      const [x, y] = await users('x', 'y');
      const msg = { From_Account: x, To_Account: y, MsgRandom: 1, MsgBody: text('x') };
      expect(await openim('importmsg', { SyncFromOldSystem: 2, ...msg })).toMatchObject(
        failure(90006),
      );
      expect(
        await openim('importmsg', { SyncFromOldSystem: 3, ...msg, MsgTimeStamp: now() }),
      ).toMatchObject(failure(20001));
      expect(
        await openim('importmsg', {
          SyncFromOldSystem: 2,
          ...msg,
          To_Account: 'ghost',
          MsgTimeStamp: now(),
        }),
      ).toMatchObject({ ActionStatus: 'FAIL' });
    });
  });

  describe('openim/admin_getroammsg', () => {
    it('pages back in time with LastMsgKey, newest part first', async () => {
      const [p, q] = await users('p', 'q');
      const base = now() - 600;
      for (let i = 0; i < 5; i++)
        await sendmsg(i % 2 ? q : p, i % 2 ? p : q, {
          MsgTimeStamp: base + i,
          MsgBody: text(`m${i}`),
        });

      const first = await openim('admin_getroammsg', {
        Operator_Account: p,
        Peer_Account: q,
        MaxCnt: 3,
        MinTime: base,
        MaxTime: now(),
      });
      expect(first).toMatchObject({ ...OK, Complete: 0, MsgCnt: 3, LastMsgTime: base + 2 });
      expect(bodiesOf(first)).toEqual(['m2', 'm3', 'm4']);
      const second = await openim('admin_getroammsg', {
        From_Account: p,
        To_Account: q,
        MaxCnt: 3,
        MinTime: base,
        MaxTime: first.LastMsgTime,
        LastMsgKey: first.LastMsgKey,
      });
      expect(second).toMatchObject({ Complete: 1, MsgCnt: 2 });
      expect(bodiesOf(second)).toEqual(['m0', 'm1']);
    });

    it('needs the operator (90008), a MaxCnt and a time range of the right types', async () => {
      const [p, q] = await users('p', 'q');
      const body = { Operator_Account: p, Peer_Account: q, MaxCnt: 1, MinTime: 0, MaxTime: now() };
      expect(
        await openim('admin_getroammsg', { ...body, Operator_Account: undefined }),
      ).toMatchObject(failure(90008));
      expect(
        await openim('admin_getroammsg', { ...body, Operator_Account: 'ghost' }),
      ).toMatchObject(failure(90008));
      expect(await openim('admin_getroammsg', { ...body, MaxCnt: undefined })).toMatchObject(
        failure(20001),
      );
      expect(await openim('admin_getroammsg', { ...body, MinTime: 'x' })).toMatchObject({
        ActionStatus: 'FAIL',
      });
    });
  });

  describe('openim/admin_msgwithdraw and modify_c2c_msg', () => {
    it('edits and recalls by MsgKey; online clients hear of both', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const device = await fixture.device(app, bob);
      const recalled: number[] = [];
      const modified: string[] = [];
      device.chat.on('message-recalled', (e) => recalled.push(e.seq));
      device.chat.on('message-modified', (m) => modified.push(String(m.body[0]?.MsgContent.Text)));
      const sent = await sendmsg(alice, bob, { MsgBody: text('first') });
      await waitFor(() => device.received.length === 1);

      expect(
        await openim('modify_c2c_msg', {
          From_Account: alice,
          To_Account: bob,
          MsgKey: sent.MsgKey,
          MsgBody: text('second'),
          CloudCustomData: 'c',
        }),
      ).toMatchObject(OK);
      await waitFor(() => modified.length === 1);
      expect(modified).toEqual(['second']);
      expect(bodiesOf(await roam(alice, bob))).toEqual(['second']);

      expect(
        await openim('admin_msgwithdraw', {
          From_Account: alice,
          To_Account: bob,
          MsgKey: sent.MsgKey,
        }),
      ).toMatchObject(OK);
      await waitFor(() => recalled.length === 1);
      expect(recalled).toEqual([1]);
      expect((await roam(bob, alice)).MsgList).toEqual([
        expect.objectContaining({ MsgFlagBits: 8, MsgBody: [], MsgKey: sent.MsgKey }),
      ]);
    });

    it('refuses a key that names no message, a malformed key and an edit without a body', async () => {
      const [alice, bob] = await users('alice', 'bob');
      const sent = await sendmsg(alice, bob);
      const withdraw = (MsgKey: unknown) =>
        openim('admin_msgwithdraw', { From_Account: alice, To_Account: bob, MsgKey });
      expect(await withdraw('1_2_3')).toMatchObject(failure(20022));
      expect(await withdraw('junk')).toMatchObject(failure(90054));
      expect(await withdraw(undefined)).toMatchObject({ ActionStatus: 'FAIL' });
      expect(
        await openim('modify_c2c_msg', {
          From_Account: alice,
          To_Account: bob,
          MsgKey: sent.MsgKey,
        }),
      ).toMatchObject(failure(20001));
      expect(
        await openim('modify_c2c_msg', {
          From_Account: alice,
          To_Account: bob,
          MsgKey: sent.MsgKey,
          MsgBody: text('z'.repeat(12 * 1024)),
        }),
      ).toMatchObject({ ActionStatus: 'FAIL' });
    });
  });

  describe('openim/get_c2c_unread_msg_num and admin_set_msg_read', () => {
    it('counts unread per peer and in total; a read report clears it and reaches the devices', async () => {
      const [me, p1, p2] = await users('me', 'p1', 'p2');
      for (const [from, count] of [
        [p1, 2],
        [p2, 3],
      ] as const)
        for (let i = 0; i < count; i++) await sendmsg(from, me);
      const device = await fixture.device(app, me);
      const convP2 = ConversationIds.c2c(me, p2);
      expect(device.chat.conversation(convP2)).toMatchObject({ unread: 3 });

      expect(
        await openim('get_c2c_unread_msg_num', { To_Account: me, Peer_Account: [p1, 'ghost'] }),
      ).toEqual({
        ...OK,
        AllC2CUnreadMsgNum: 5,
        C2CUnreadMsgNumList: [{ Peer_Account: p1, C2CUnreadMsgNum: 2 }],
        ErrorList: [{ Peer_Account: 'ghost', ErrorCode: 70107 }],
      });
      expect(
        await openim('admin_set_msg_read', { Report_Account: me, Peer_Account: p2 }),
      ).toMatchObject(OK);
      expect(await openim('get_c2c_unread_msg_num', { To_Account: me })).toMatchObject({
        ...OK,
        AllC2CUnreadMsgNum: 2,
      });
      await waitFor(() => device.chat.conversation(convP2)?.unread === 0);
    });

    it('takes at most 10 peers and known accounts', async () => {
      const [me] = await users('me');
      const peers = Array.from({ length: 11 }, (_, i) => `p${i}`);
      expect(
        await openim('get_c2c_unread_msg_num', { To_Account: me, Peer_Account: peers }),
      ).toMatchObject(failure(20001));
      expect(await openim('get_c2c_unread_msg_num', { To_Account: 'ghost' })).toMatchObject(
        failure(90012),
      );
      expect(await openim('get_c2c_unread_msg_num', {})).toMatchObject({ ActionStatus: 'FAIL' });
      expect(
        await openim('admin_set_msg_read', { Report_Account: 'ghost', Peer_Account: me }),
      ).toMatchObject(failure(90012));
      expect(await openim('admin_set_msg_read', { Report_Account: me })).toMatchObject({
        ActionStatus: 'FAIL',
      });
      expect(
        await openim('admin_set_msg_read', { Report_Account: me, Peer_Account: ['x'] }),
      ).toMatchObject({ ActionStatus: 'FAIL' });
      expect(
        await openim('admin_set_msg_read', {
          Report_Account: me,
          Peer_Account: 'p',
          MsgReadTime: 'x',
        }),
      ).toMatchObject({ ActionStatus: 'FAIL' });
    });
  });

  describe('group_open_http_svc/send_group_msg', () => {
    it('sends with consecutive MsgSeqs to every online member; online-only takes no seq', async () => {
      const [owner, bob, carol] = await users('owner', 'bob', 'carol');
      const groupId = await createGroup('Public', owner, [bob, carol]);
      const device = await fixture.device(app, carol);

      const first = await sendGroup(groupId, {
        From_Account: bob,
        MsgBody: text('hello'),
        MsgPriority: 'High',
        GroupAtInfo: [{ GroupAtAllFlag: 1 }],
      });
      expect(first).toMatchObject({ ...OK, MsgSeq: 1, MsgTime: expect.any(Number) });
      expect(await sendGroup(groupId, { MsgBody: text('admin') })).toMatchObject({ MsgSeq: 2 });
      expect(
        await sendGroup(groupId, { MsgBody: text('typing'), MsgOnlineOnlyFlag: 1 }),
      ).toMatchObject({ ...OK, MsgSeq: 0 });

      await waitFor(() => device.received.length === 3);
      expect(device.received.map((m) => [m.seq, m.body[0]?.MsgContent.Text])).toEqual([
        [1, 'hello'],
        [2, 'admin'],
        [0, 'typing'],
      ]);
      expect(device.received[0]).toMatchObject({ from: bob, priority: 'High' });
    });

    it('refuses a muted member (10017); the App admin may name a non-member as sender', async () => {
      const [owner, bob, stranger] = await users('owner', 'bob', 'stranger');
      const groupId = await createGroup('Public', owner, [bob]);
      await admin.ok('group_open_http_svc', 'forbid_send_msg', {
        GroupId: groupId,
        Members_Account: [bob],
        MuteTime: 600,
      });
      expect(await sendGroup(groupId, { From_Account: bob })).toMatchObject(failure(10017));
      expect(await sendGroup(groupId, { From_Account: stranger })).toMatchObject(OK);
      expect(await sendGroup(groupId, { From_Account: owner })).toMatchObject(OK);
    });

    it('filters sensitive words (80001)', async () => {
      const [owner] = await users('owner');
      const groupId = await createGroup('Public', owner, []);
      await admin.ok('openim_dirty_words', 'add', { DirtyWordsList: [`bad${n}`] });
      expect(
        await sendGroup(groupId, { From_Account: owner, MsgBody: text(`so BAD${n}!`) }),
      ).toMatchObject(failure(80001));
      await admin.ok('openim_dirty_words', 'delete', { DirtyWordsList: [`bad${n}`] });
    });

    it.each([
      ['a GroupId that is not a string', { GroupId: 7 }, 10004],
      ['no GroupId', { GroupId: undefined }, 10004],
      ['no Random', { Random: undefined }, 10004],
      ['Random not an integer', { Random: 'r' }, 10004],
      ['MsgBody not an array', { MsgBody: 'hi' }, 10004],
      ['an unknown element type', { MsgBody: [{ MsgType: 'TIMNope', MsgContent: {} }] }, 10004],
      ['a wrong element layout', { MsgBody: [{ MsgType: 'TIMImageElem', MsgContent: {} }] }, 10004],
      ['a body over 12 KB', { MsgBody: text('y'.repeat(12 * 1024)) }, 80002],
      ['an unknown group', { GroupId: 'nope' }, 10010],
      ['an unknown sender', { From_Account: 'ghost' }, 10019],
    ])('answers %s', async (_what, fields, code) => {
      const [owner] = await users('owner');
      const groupId = await createGroup('Public', owner, []);
      expect(await sendGroup(groupId, fields)).toMatchObject(failure(code));
    });

    it('refuses OnlineOnlyFlag in an AVChatRoom, where every message is online only', async () => {
      const [host] = await users('host');
      const groupId = await createGroup('AVChatRoom', host, []);
      expect(await sendGroup(groupId, { OnlineOnlyFlag: 1 })).toMatchObject(failure(10004));
      expect(await sendGroup(groupId, {})).toMatchObject(OK);
    });

    it('answers 10011 for a body that is not JSON', async () => {
      expect(
        await admin.call('group_open_http_svc', 'send_group_msg', undefined, {
          rawBody: 'not json',
        }),
      ).toMatchObject(failure(10011));
    });
  });

  describe('group_open_http_svc/send_group_system_notification', () => {
    it('tells the named members (or all) online, and keeps it for later', async () => {
      const [owner, bob, carol] = await users('owner', 'bob', 'carol');
      const groupId = await createGroup('Public', owner, [bob, carol]);
      const bobDevice = await fixture.device(app, bob);
      const carolDevice = await fixture.device(app, carol);
      const heard = (list: SystemNotification[]) => (s: SystemNotification) =>
        s.kind === 'group.system' && list.push(s);
      const bobNotes: SystemNotification[] = [];
      const carolNotes: SystemNotification[] = [];
      bobDevice.chat.on('notify', heard(bobNotes));
      carolDevice.chat.on('notify', heard(carolNotes));

      expect(
        await group('send_group_system_notification', {
          GroupId: groupId,
          Content: 'only bob',
          ToMembers_Account: [bob],
        }),
      ).toMatchObject(OK);
      expect(
        await group('send_group_system_notification', { GroupId: groupId, Content: 'everyone' }),
      ).toMatchObject(OK);

      await waitFor(() => bobNotes.length === 2 && carolNotes.length === 1);
      expect(bobNotes.map((s) => s.data.content)).toEqual(['only bob', 'everyone']);
      expect(carolNotes[0].data).toMatchObject({ groupId, content: 'everyone' });
    });

    it('refuses more than 500 names, no Content, and an unknown group', async () => {
      const [owner] = await users('owner');
      const groupId = await createGroup('Public', owner, []);
      const many = Array.from({ length: 501 }, (_, i) => `u${i}`);
      expect(
        await group('send_group_system_notification', {
          GroupId: groupId,
          Content: 'x',
          ToMembers_Account: many,
        }),
      ).toMatchObject(failure(10004));
      expect(await group('send_group_system_notification', { GroupId: groupId })).toMatchObject(
        failure(10004),
      );
      expect(
        await group('send_group_system_notification', { GroupId: 'nope', Content: 'x' }),
      ).toMatchObject(failure(10010));
    });
  });

  describe('group_open_http_svc/group_msg_recall, group_msg_get_simple, delete_group_msg_by_sender', () => {
    it('recalls by seq with a result per seq; history shows placeholders', async () => {
      const [owner, spammer] = await users('owner', 'spammer');
      const groupId = await createGroup('Public', owner, [spammer]);
      const device = await fixture.device(app, owner);
      const recalled: number[] = [];
      device.chat.on('message-recalled', (e) => recalled.push(e.seq));
      const seqs: number[] = [];
      for (const [from, words] of [
        [owner, 'one'],
        [spammer, 'buy'],
        [owner, 'two'],
        [owner, 'three'],
      ])
        seqs.push(
          (await sendGroup(groupId, { From_Account: from, MsgBody: text(words) })).MsgSeq as number,
        );
      expect(seqs).toEqual([1, 2, 3, 4]);

      expect(
        await group('group_msg_recall', {
          GroupId: groupId,
          MsgSeqList: [{ MsgSeq: 3 }, { MsgSeq: 99 }],
        }),
      ).toEqual({
        ...OK,
        RecallRetList: [
          { MsgSeq: 3, RetCode: 0 },
          { MsgSeq: 99, RetCode: 10030 },
        ],
      });
      await waitFor(() => recalled.includes(3));
      expect(
        await group('delete_group_msg_by_sender', { GroupId: groupId, Sender_Account: spammer }),
      ).toMatchObject(OK);

      const history = await group('group_msg_get_simple', {
        GroupId: groupId,
        ReqMsgNumber: 20,
        WithRecalledMsg: 1,
      });
      expect(history).toMatchObject({ ...OK, GroupId: groupId, IsFinished: 1 });
      expect(
        (history.RspMsgList as Record<string, unknown>[]).map((m) => [
          m.MsgSeq,
          m.IsPlaceMsg,
          m.MsgBody,
        ]),
      ).toEqual([
        [4, 0, text('three')],
        [3, 2, []],
        [2, 1, []],
        [1, 0, text('one')],
      ]);
      const page = await group('group_msg_get_simple', {
        GroupId: groupId,
        ReqMsgNumber: 2,
        ReqMsgSeq: 4,
      });
      expect(page).toMatchObject({ IsFinished: 0 });
      expect((page.RspMsgList as { MsgSeq: number }[]).map((m) => m.MsgSeq)).toEqual([4]);
    });

    it('refuses more than 10 seqs, more than 20 messages, bad types and deleting in a live room', async () => {
      const [owner, host] = await users('owner', 'host');
      const groupId = await createGroup('Public', owner, []);
      const live = await createGroup('AVChatRoom', host, []);
      const list = Array.from({ length: 11 }, (_, i) => ({ MsgSeq: i + 1 }));
      expect(await group('group_msg_recall', { GroupId: groupId, MsgSeqList: list })).toMatchObject(
        failure(10004),
      );
      expect(
        await group('group_msg_recall', { GroupId: groupId, MsgSeqList: [{ MsgSeq: 'x' }] }),
      ).toMatchObject(failure(10004));
      expect(
        await group('group_msg_recall', { GroupId: 'nope', MsgSeqList: [{ MsgSeq: 1 }] }),
      ).toMatchObject(failure(10010));
      expect(
        await group('group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 21 }),
      ).toMatchObject(failure(10004));
      expect(await group('group_msg_get_simple', { GroupId: groupId })).toMatchObject(
        failure(10004),
      );
      expect(
        await group('delete_group_msg_by_sender', { GroupId: live, Sender_Account: host }),
      ).toMatchObject(failure(10035));
      expect(await group('delete_group_msg_by_sender', { GroupId: groupId })).toMatchObject(
        failure(10004),
      );
      expect(await group('group_msg_get_simple', { GroupId: live, ReqMsgNumber: 5 })).toMatchObject(
        { ...OK, IsFinished: 1, RspMsgList: [] },
      );
    });
  });

  describe('group_open_http_svc/import_group_msg', () => {
    it('imports in order with a result per message, keeping sender and time', async () => {
      const [old, other] = await users('old', 'other');
      const t = now() - 1000;
      // history is not older than its group: a group imported with its original CreateTime
      const groupId = (
        await group('import_group', {
          Type: 'Public',
          Name: `old ${n}`,
          Owner_Account: old,
          CreateTime: t - 60,
        })
      ).GroupId as string;
      await group('add_group_member', {
        GroupId: groupId,
        MemberList: [{ Member_Account: other }],
      });
      const reply = await group('import_group_msg', {
        GroupId: groupId,
        RecentContactFlag: 1,
        MsgList: [
          { From_Account: old, SendTime: t, Random: 1, MsgBody: text('a') },
          { From_Account: old, SendTime: t - 50, Random: 2, MsgBody: text('too early') },
          { From_Account: other, SendTime: t + 1, Random: 3, MsgBody: text('z'.repeat(12 * 1024)) },
          { From_Account: other, SendTime: t + 2, Random: 4, MsgBody: text('b') },
        ],
      });
      expect(reply).toEqual({
        ...OK,
        ImportMsgResult: [
          { MsgSeq: 1, MsgTime: t, Result: 0 },
          { MsgSeq: 0, MsgTime: t - 50, Result: 10004 },
          { MsgSeq: 0, MsgTime: t + 1, Result: 80002 },
          { MsgSeq: 2, MsgTime: t + 2, Result: 0 },
        ],
      });
      const history = await group('group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 10 });
      expect(
        (history.RspMsgList as Record<string, unknown>[]).map((m) => [
          m.From_Account,
          m.MsgTimeStamp,
        ]),
      ).toEqual([
        [other, t + 2],
        [old, t],
      ]);
      // A message sent afterwards continues the seq line.
      expect(await sendGroup(groupId, { From_Account: old })).toMatchObject({ MsgSeq: 3 });
    });

    it('refuses more than 20 messages, an unknown group and types without imports (T25)', async () => {
      const [owner, host] = await users('owner', 'host');
      const groupId = await createGroup('Public', owner, []);
      const live = await createGroup('AVChatRoom', host, []);
      const list = Array.from({ length: 21 }, (_, i) => ({
        From_Account: owner,
        SendTime: now() - 100 + i,
        Random: i,
        MsgBody: text('x'),
      }));
      expect(await group('import_group_msg', { GroupId: groupId, MsgList: list })).toMatchObject(
        failure(10004),
      );
      expect(await group('import_group_msg', { GroupId: groupId, MsgList: 'x' })).toMatchObject(
        failure(10004),
      );
      expect(
        await group('import_group_msg', { GroupId: 'nope', MsgList: list.slice(0, 1) }),
      ).toMatchObject(failure(10010));
      expect(
        await group('import_group_msg', {
          GroupId: live,
          MsgList: [{ ...list[0], From_Account: host }],
        }),
      ).toMatchObject(failure(10007));
    });
  });

  describe('group_open_http_svc/set_unread_msg_num', () => {
    it('sets a member’s unread count, which its device sees', async () => {
      const [m, member] = await users('m', 'n');
      const groupId = await createGroup('Public', m, [member]);
      for (let i = 0; i < 4; i++) await sendGroup(groupId, { MsgBody: text(`${i}`) });
      const convId = ConversationIds.group(groupId);

      expect(
        await group('set_unread_msg_num', {
          GroupId: groupId,
          Member_Account: member,
          UnreadMsgNum: 3,
        }),
      ).toMatchObject(OK);
      const device = await fixture.device(app, member);
      expect(device.chat.conversation(convId)).toMatchObject({ unread: 3 });
      expect(
        await group('set_unread_msg_num', {
          GroupId: groupId,
          Member_Account: member,
          UnreadMsgNum: 0,
        }),
      ).toMatchObject(OK);
      await device.chat.refresh();
      expect(device.chat.conversation(convId)).toMatchObject({ unread: 0 });
    });

    it('refuses non-members, types without unread (T22) and a bad count', async () => {
      const [owner, bob, stranger] = await users('owner', 'bob', 'stranger');
      const groupId = await createGroup('Public', owner, [bob]);
      const chat = await createGroup('ChatRoom', owner, [bob]);
      const set = (GroupId: string, Member_Account: string, UnreadMsgNum: unknown) =>
        group('set_unread_msg_num', { GroupId, Member_Account, UnreadMsgNum });
      expect(await set(groupId, stranger, 1)).toMatchObject(failure(10007));
      expect(await set(chat, bob, 1)).toMatchObject(failure(10007));
      expect(await set(groupId, bob, -1)).toMatchObject(failure(10004));
      expect(await set(groupId, bob, 'x')).toMatchObject(failure(10004));
      expect(await set('nope', bob, 1)).toMatchObject(failure(10010));
    });
  });

  describe('recentcontact', () => {
    it('lists conversations by last message time and deletes them; a new message brings one back', async () => {
      const [me, p1, p2, p3] = await users('me', 'p1', 'p2', 'p3');
      const groupId = await createGroup('Public', me, []);
      const base = now() - 100;
      for (const [i, peer] of [p1, p2, p3].entries())
        await sendmsg(peer, me, { MsgTimeStamp: base + i });
      await sendGroup(groupId, { From_Account: me });

      const first = await call('recentcontact', 'get_list', {
        From_Account: me,
        TimeStamp: 0,
        StartIndex: 0,
        TopTimeStamp: 0,
        TopStartIndex: 0,
        AssistFlags: 1,
      });
      expect(first).toMatchObject({ ...OK, CompleteFlag: 1 });
      expect(first.SessionItem).toEqual([
        { Type: 2, GroupId: groupId, MsgTime: expect.any(Number), TopFlag: 0 },
        { Type: 1, To_Account: p3, MsgTime: base + 2, TopFlag: 0 },
        { Type: 1, To_Account: p2, MsgTime: base + 1, TopFlag: 0 },
        { Type: 1, To_Account: p1, MsgTime: base, TopFlag: 0 },
      ]);

      expect(
        await call('recentcontact', 'delete', { From_Account: me, Type: 1, To_Account: p3 }),
      ).toMatchObject(OK);
      expect(
        await call('recentcontact', 'delete', { From_Account: me, Type: 2, ToGroupid: groupId }),
      ).toMatchObject(OK);
      const after = await call('recentcontact', 'get_list', { From_Account: me, TimeStamp: 0 });
      expect((after.SessionItem as { To_Account: string }[]).map((s) => s.To_Account)).toEqual([
        p2,
        p1,
      ]);
      // Messages stay (MSG-3) and a new one brings the conversation back.
      expect(await roam(me, p3)).toMatchObject({ MsgCnt: 1 });
      await sendmsg(p3, me);
      const back = await call('recentcontact', 'get_list', { From_Account: me, TimeStamp: 0 });
      expect((back.SessionItem as { To_Account?: string }[])[0]).toMatchObject({ To_Account: p3 });
    });

    it('refuses a missing or unknown user (50002, 50001) and a delete without its peer', async () => {
      const [me] = await users('me');
      expect(await call('recentcontact', 'get_list', { TimeStamp: 0 })).toMatchObject(
        failure(50002),
      );
      expect(await call('recentcontact', 'get_list', { From_Account: 'ghost' })).toMatchObject(
        failure(50001),
      );
      expect(
        await call('recentcontact', 'get_list', { From_Account: me, TimeStamp: 'x' }),
      ).toMatchObject(failure(50002));
      expect(await call('recentcontact', 'delete', { From_Account: me, Type: 1 })).toMatchObject(
        failure(50002),
      );
      expect(
        await call('recentcontact', 'delete', { From_Account: me, Type: 3, To_Account: 'x' }),
      ).toMatchObject(failure(50002));
    });
  });

  describe('openim_dirty_words', () => {
    const words = (command: string, body: unknown, a = admin) =>
      call('openim_dirty_words', command, body, a);

    it('adds, lists and deletes words, which then filter C2C messages (80001)', async () => {
      const [s, r] = await users('s', 'r');
      const [w1, w2] = [`spam${n}`, `scam${n}`];
      expect(await words('add', { DirtyWordsList: [w1, w2] })).toMatchObject(OK);
      expect(
        ((await words('get', {})).DirtyWordsList as string[]).filter((w) => w.endsWith(`${n}`)),
      ).toEqual([w2, w1]);
      expect(await sendmsg(s, r, { MsgBody: text(`a ${w2.toUpperCase()}`) })).toMatchObject(
        failure(80001),
      );
      expect(await words('delete', { DirtyWordsList: [w2, w1] })).toMatchObject(OK);
      expect(await sendmsg(s, r, { MsgBody: text(`a ${w2}`) })).toMatchObject(OK);
    });

    it('refuses more than 50 words, words over 200 bytes, a wrong type and a missing list', async () => {
      const many = Array.from({ length: 51 }, (_, i) => `w${i}`);
      expect(await words('add', { DirtyWordsList: many })).toMatchObject(failure(10004));
      expect(await words('add', { DirtyWordsList: ['x'.repeat(201)] })).toMatchObject(
        failure(10004),
      );
      expect(await words('add', { DirtyWordsList: 'spam' })).toMatchObject(failure(10004));
      expect(await words('add', { DirtyWordsList: [7] })).toMatchObject(failure(10004));
      expect(await words('delete', {})).toMatchObject(failure(10004));
    });
  });

  describe('tenant isolation (PLT-2)', () => {
    it('never lets one app read, recall, edit or count another app’s messages with the same IDs', async () => {
      const other = await fixture.createApp({ name: 'message-rest-e2e-other' });
      const otherAdmin = fixture.admin(other);
      const [alice, bob] = await users('alice', 'bob');
      await otherAdmin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: [alice, bob] });
      const groupId = `iso-${n}`;
      for (const a of [admin, otherAdmin])
        await a.ok('group_open_http_svc', 'create_group', {
          Type: 'Public',
          Name: 'same id',
          GroupId: groupId,
          Owner_Account: alice,
          MemberList: [{ Member_Account: bob }],
        });
      const sent = await sendmsg(alice, bob, { MsgBody: text('only in a') });
      await sendGroup(groupId, { From_Account: alice, MsgBody: text('group a') });

      expect(await roam(alice, bob, otherAdmin)).toMatchObject({ ...OK, MsgCnt: 0 });
      expect(await openim('get_c2c_unread_msg_num', { To_Account: bob }, otherAdmin)).toMatchObject(
        { AllC2CUnreadMsgNum: 0 },
      );
      expect(
        (await call('recentcontact', 'get_list', { From_Account: bob }, otherAdmin)).SessionItem,
      ).toEqual([]);
      expect(
        await group('group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 10 }, otherAdmin),
      ).toMatchObject({ RspMsgList: [] });
      expect(
        await openim(
          'admin_msgwithdraw',
          { From_Account: alice, To_Account: bob, MsgKey: sent.MsgKey },
          otherAdmin,
        ),
      ).toMatchObject(failure(20022));
      expect(
        await openim(
          'modify_c2c_msg',
          { From_Account: alice, To_Account: bob, MsgKey: sent.MsgKey, MsgBody: text('hacked') },
          otherAdmin,
        ),
      ).toMatchObject(failure(20001));
      expect(
        await group(
          'group_msg_recall',
          { GroupId: groupId, MsgSeqList: [{ MsgSeq: 1 }] },
          otherAdmin,
        ),
      ).toMatchObject({ RecallRetList: [{ MsgSeq: 1, RetCode: 10030 }] });

      // App A's messages are untouched.
      expect(bodiesOf(await roam(alice, bob))).toEqual(['only in a']);
      const history = await group('group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 10 });
      expect((history.RspMsgList as { MsgBody: unknown }[])[0].MsgBody).toEqual(text('group a'));
      // App B's admin cannot use its key on app A's ID.
      expect(
        await otherAdmin.call('openim', 'admin_getroammsg', {}, { sdkAppId: app.sdkAppId }),
      ).toMatchObject({ ActionStatus: 'FAIL' });
    });
  });
});
