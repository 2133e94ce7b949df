/**
 * Every message REST command of the issue over HTTP, as an app backend written for Tencent's
 * API sends it: the built api-gateway and account services as processes, the message service
 * in this process (fakes stand in for group, profile and relation). Normal use, the documented
 * codes for bad input, and the limits.
 */
import { ConversationIds, GroupRpc, MessageRpc } from '@im/contracts';
import type { RestEnvelope } from '@im/sdk';
import { signUserSig } from '@im/usersig';

import { MessageWorld, rnd, text } from './message.harness';
import type { TestApp } from './message.harness';

jest.setTimeout(90_000);

let world: MessageWorld;
let app: TestApp;

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const failure = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code });
const now = () => Math.floor(Date.now() / 1000);

const call = (service: string, command: string, body: unknown, a = app): Promise<RestEnvelope> =>
  a.rest.call(service, command, body);
const openim = (command: string, body: unknown, a = app) => call('openim', command, body, a);
const group = (command: string, body: unknown, a = app) =>
  call('group_open_http_svc', command, body, a);

async function raw(path: string, body: string): Promise<RestEnvelope> {
  const query = new URLSearchParams({
    sdkappid: String(app.sdkAppId),
    identifier: 'administrator',
    usersig: signUserSig({
      sdkAppId: app.sdkAppId,
      secretKey: app.secretKey,
      identifier: 'administrator',
      expireSeconds: 600,
    }),
    random: '1',
    contenttype: 'json',
  });
  const res = await fetch(`${world.restUrl}/v4/${path}?${query.toString()}`, {
    method: 'POST',
    body,
  });
  return (await res.json()) as RestEnvelope;
}

const sendmsg = (fields: Record<string, unknown> = {}, a = app) =>
  openim(
    'sendmsg',
    { From_Account: 'alice', To_Account: 'bob', MsgRandom: rnd(), MsgBody: text('hi'), ...fields },
    a,
  );

beforeAll(async () => {
  world = await MessageWorld.start({ rest: true });
  app = await world.newApp(['alice', 'bob', 'carol', 'administrator']);
  world.fakes.addGroup(app.sdkAppId, 'team', 'Public', {
    alice: { role: 'Owner' },
    bob: {},
    carol: {},
  });
  world.fakes.addGroup(app.sdkAppId, 'chat', 'ChatRoom', { alice: {}, bob: {} });
  world.fakes.addGroup(app.sdkAppId, 'live', 'AVChatRoom', { alice: {} });
});

afterAll(async () => {
  await world?.stop();
});

describe('openim/sendmsg', () => {
  it('sends and answers MsgTime and MsgKey (MsgSeq_MsgRandom_MsgTime)', async () => {
    const time = now() - 10;
    const reply = await sendmsg({ MsgSeq: 77, MsgRandom: 1234, MsgTimeStamp: time });
    expect(reply).toMatchObject({ ...OK, MsgTime: time });
    expect(reply.MsgKey).toBe(`77_1234_${reply.MsgTime as number}`);
    const pulled = await app.user('bob', MessageRpc.Pull, {
      convId: ConversationIds.c2c('alice', 'bob'),
      fromSeq: 1,
    });
    expect(pulled.messages[0]).toMatchObject({ from: 'alice', msgKey: reply.MsgKey });
  });

  it('sends as the App admin without From_Account, even to a user who blocks it', async () => {
    world.fakes.blacklist.add(`${app.sdkAppId}|carol|administrator`);
    expect(
      await openim('sendmsg', { To_Account: 'carol', MsgRandom: rnd(), MsgBody: text('notice') }),
    ).toMatchObject(OK);
  });

  it.each([
    ['no MsgRandom', { MsgRandom: undefined }, 90005],
    ['MsgRandom not an integer', { MsgRandom: 'x' }, 90005],
    ['MsgBody not an array', { MsgBody: { MsgType: 'TIMTextElem' } }, 90007],
    ['MsgBody empty', { MsgBody: [] }, 90002],
    ['an unknown element type', { MsgBody: [{ MsgType: 'TIMNope', MsgContent: {} }] }, 90010],
    [
      'a wrong element layout',
      { MsgBody: [{ MsgType: 'TIMFaceElem', MsgContent: { Index: 'x' } }] },
      90010,
    ],
    [
      'two custom elements',
      {
        MsgBody: [
          { MsgType: 'TIMCustomElem', MsgContent: { Data: 'a' } },
          { MsgType: 'TIMCustomElem', MsgContent: { Data: 'b' } },
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
    [
      'an OfflinePushInfo of 900 KB (the whole message counts toward 12 KB)',
      { OfflinePushInfo: { PushFlag: 0, Ext: 'x'.repeat(900 * 1024) } },
      93000,
    ],
    [
      'body, CloudCustomData and OfflinePushInfo over 12 KB together',
      {
        MsgBody: text('x'.repeat(4 * 1024)),
        CloudCustomData: 'c'.repeat(4 * 1024),
        OfflinePushInfo: { Desc: 'd'.repeat(4 * 1024) },
      },
      93000,
    ],
  ])('refuses %s', async (_what, fields, code) => {
    expect(await sendmsg(fields)).toMatchObject(failure(code));
  });

  it('clamps MsgLifeTime above 7 days, and 0 sends online only', async () => {
    expect(await sendmsg({ MsgLifeTime: 10_000_000 })).toMatchObject(OK);
    const online = await sendmsg({ MsgLifeTime: 0 });
    expect(online).toMatchObject(OK);
  });

  it('answers 90001 for a body that is not JSON', async () => {
    expect(await raw('openim/sendmsg', '{nope')).toMatchObject(failure(90001));
  });
});

describe('openim/batchsendmsg', () => {
  it('sends one copy per receiver with one MsgKey and lists unknown receivers (70107)', async () => {
    const reply = await openim('batchsendmsg', {
      From_Account: 'alice',
      To_Account: ['bob', 'carol', 'ghost'],
      MsgRandom: rnd(),
      MsgSeq: 5,
      MsgBody: text('to all'),
    });
    expect(reply).toMatchObject({ ...OK, ErrorList: [{ To_Account: 'ghost', ErrorCode: 70107 }] });
    expect(reply.MsgKey).toMatch(/^5_\d+_\d+$/);
    for (const peer of ['bob', 'carol']) {
      const last = await app.user(peer, MessageRpc.Pull, {
        convId: ConversationIds.c2c('alice', peer),
        fromSeq: 1000,
        order: 'desc',
        limit: 1,
      });
      expect(last.messages[0]).toMatchObject({ msgKey: reply.MsgKey, body: text('to all') });
    }
  });

  it('refuses more than 500 receivers (90011) and a bad list (90003)', async () => {
    const many = Array.from({ length: 501 }, (_, i) => `u${i}`);
    expect(
      await openim('batchsendmsg', { To_Account: many, MsgRandom: 1, MsgBody: text('x') }),
    ).toMatchObject(failure(90011));
    expect(
      await openim('batchsendmsg', { To_Account: 'bob', MsgRandom: 1, MsgBody: text('x') }),
    ).toMatchObject(failure(90003));
  });
});

describe('openim/importmsg', () => {
  it('imports history once (no unread), and a real-time import counts as unread', async () => {
    const a = await world.newApp(['x', 'y']);
    const msg = {
      From_Account: 'x',
      To_Account: 'y',
      MsgSeq: 1,
      MsgRandom: 9,
      MsgTimeStamp: now() - 3600,
      MsgBody: text('old'),
    };
    expect(await openim('importmsg', { SyncFromOldSystem: 2, ...msg }, a)).toMatchObject(OK);
    expect(
      await openim(
        'importmsg',
        { SyncFromOldSystem: 2, ...msg, From_Account: 'y', To_Account: 'x' },
        a,
      ),
    ).toMatchObject(OK);
    expect(
      await openim(
        'importmsg',
        { SyncFromOldSystem: 1, ...msg, MsgRandom: 10, MsgBody: text('live') },
        a,
      ),
    ).toMatchObject(OK);

    const history = await a.user('y', MessageRpc.Pull, {
      convId: ConversationIds.c2c('x', 'y'),
      fromSeq: 1,
    });
    expect(history.messages.map((m) => m.body)).toEqual([text('old'), text('live')]);
    expect(await openim('get_c2c_unread_msg_num', { To_Account: 'y' }, a)).toMatchObject({
      AllC2CUnreadMsgNum: 1,
    });
  });

  it('needs MsgTimeStamp (90006) and a known mode', async () => {
    expect(
      await openim('importmsg', {
        SyncFromOldSystem: 2,
        From_Account: 'alice',
        To_Account: 'bob',
        MsgRandom: 1,
        MsgBody: text('x'),
      }),
    ).toMatchObject(failure(90006));
    expect(
      await openim('importmsg', {
        SyncFromOldSystem: 3,
        From_Account: 'alice',
        To_Account: 'bob',
        MsgRandom: 1,
        MsgTimeStamp: now(),
        MsgBody: text('x'),
      }),
    ).toMatchObject(failure(20001));
  });
});

describe('openim/admin_getroammsg', () => {
  it('pages back in time with LastMsgKey, newest part first, accepting From_Account/To_Account', async () => {
    const a = await world.newApp(['p', 'q']);
    const base = now() - 600;
    for (let i = 0; i < 5; i++)
      await openim(
        'sendmsg',
        {
          From_Account: i % 2 ? 'q' : 'p',
          To_Account: i % 2 ? 'p' : 'q',
          MsgRandom: 100 + i,
          MsgTimeStamp: base + i,
          MsgBody: text(`m${i}`),
        },
        a,
      );

    const first = await openim(
      'admin_getroammsg',
      { Operator_Account: 'p', Peer_Account: 'q', MaxCnt: 3, MinTime: base, MaxTime: now() },
      a,
    );
    expect(first).toMatchObject({ ...OK, Complete: 0, MsgCnt: 3, LastMsgTime: base + 2 });
    const list = first.MsgList as Record<string, unknown>[];
    expect(list.map((m) => m.MsgBody)).toEqual([text('m2'), text('m3'), text('m4')]);
    // q read up to its own last message (seq 4): p's m2 is read, m4 not yet.
    expect(list[0]).toMatchObject({
      From_Account: 'p',
      To_Account: 'q',
      MsgTimeStamp: base + 2,
      MsgFlagBits: 0,
      IsPeerRead: 1,
    });
    expect(list[2]).toMatchObject({ From_Account: 'p', IsPeerRead: 0 });

    const second = await openim(
      'admin_getroammsg',
      {
        From_Account: 'p',
        To_Account: 'q',
        MaxCnt: 3,
        MinTime: base,
        MaxTime: first.LastMsgTime,
        LastMsgKey: first.LastMsgKey,
      },
      a,
    );
    expect(second).toMatchObject({ Complete: 1, MsgCnt: 2 });
    const older = second.MsgList as Record<string, unknown>[];
    expect(older.map((m) => m.MsgBody)).toEqual([text('m0'), text('m1')]);
    expect(older[0]).toMatchObject({ From_Account: 'p', IsPeerRead: 1 });
  });

  it('shows recalled messages with MsgFlagBits 8', async () => {
    const a = await world.newApp(['p', 'q']);
    const sent = await openim(
      'sendmsg',
      { From_Account: 'p', To_Account: 'q', MsgRandom: 1, MsgBody: text('gone') },
      a,
    );
    expect(
      await openim(
        'admin_msgwithdraw',
        { From_Account: 'p', To_Account: 'q', MsgKey: sent.MsgKey },
        a,
      ),
    ).toMatchObject(OK);
    const reply = await openim(
      'admin_getroammsg',
      { Operator_Account: 'q', Peer_Account: 'p', MaxCnt: 10, MinTime: 0, MaxTime: now() },
      a,
    );
    expect(reply.MsgList).toEqual([
      expect.objectContaining({ MsgFlagBits: 8, MsgBody: [], MsgKey: sent.MsgKey }),
    ]);
  });

  it('needs the operator (90008) and a MaxCnt', async () => {
    expect(
      await openim('admin_getroammsg', {
        Peer_Account: 'bob',
        MaxCnt: 1,
        MinTime: 0,
        MaxTime: now(),
      }),
    ).toMatchObject(failure(90008));
    expect(
      await openim('admin_getroammsg', {
        Operator_Account: 'ghost',
        Peer_Account: 'bob',
        MaxCnt: 1,
        MinTime: 0,
        MaxTime: now(),
      }),
    ).toMatchObject(failure(90008));
    expect(
      await openim('admin_getroammsg', {
        Operator_Account: 'alice',
        Peer_Account: 'bob',
        MinTime: 0,
        MaxTime: now(),
      }),
    ).toMatchObject(failure(20001));
  });
});

describe('openim/admin_msgwithdraw and modify_c2c_msg', () => {
  it('recalls and edits by MsgKey; refuses a malformed key (90054), one that names no message (20022), a second recall (20023)', async () => {
    const sent = await sendmsg({ MsgBody: text('first') });
    expect(
      await openim('modify_c2c_msg', {
        From_Account: 'alice',
        To_Account: 'bob',
        MsgKey: sent.MsgKey,
        MsgBody: text('second'),
        CloudCustomData: 'c',
      }),
    ).toMatchObject(OK);
    const edited = await app.admin(MessageRpc.Pull, {
      convId: ConversationIds.c2c('alice', 'bob'),
      fromSeq: 1000,
      order: 'desc',
      limit: 1,
    });
    expect(edited.messages[0]).toMatchObject({
      body: text('second'),
      cloudCustomData: 'c',
      editedAt: expect.any(Number),
    });

    expect(
      await openim('admin_msgwithdraw', {
        From_Account: 'alice',
        To_Account: 'bob',
        MsgKey: sent.MsgKey,
      }),
    ).toMatchObject(OK);
    expect(
      await openim('admin_msgwithdraw', {
        From_Account: 'alice',
        To_Account: 'bob',
        MsgKey: '1_2_3',
      }),
    ).toMatchObject(failure(20022));
    expect(
      await openim('admin_msgwithdraw', {
        From_Account: 'alice',
        To_Account: 'bob',
        MsgKey: 'junk',
      }),
    ).toMatchObject(failure(90054));
    expect(
      await openim('admin_msgwithdraw', {
        From_Account: 'alice',
        To_Account: 'bob',
        MsgKey: sent.MsgKey,
      }),
    ).toMatchObject(failure(20023));
    expect(
      await openim('modify_c2c_msg', {
        From_Account: 'alice',
        To_Account: 'bob',
        MsgKey: sent.MsgKey,
      }),
    ).toMatchObject(failure(20001));
  });
});

describe('openim/get_c2c_unread_msg_num and admin_set_msg_read', () => {
  it('counts unread per peer and in total; reading by time clears it', async () => {
    const a = await world.newApp(['me', 'p1', 'p2']);
    for (const [from, n] of [
      ['p1', 2],
      ['p2', 3],
    ] as const)
      for (let i = 0; i < n; i++)
        await openim(
          'sendmsg',
          { From_Account: from, To_Account: 'me', MsgRandom: rnd(), MsgBody: text('x') },
          a,
        );

    expect(
      await openim(
        'get_c2c_unread_msg_num',
        { To_Account: 'me', Peer_Account: ['p1', 'ghost'] },
        a,
      ),
    ).toEqual({
      ...OK,
      AllC2CUnreadMsgNum: 5,
      C2CUnreadMsgNumList: [{ Peer_Account: 'p1', C2CUnreadMsgNum: 2 }],
      ErrorList: [{ Peer_Account: 'ghost', ErrorCode: 70107 }],
    });
    expect(
      await openim('admin_set_msg_read', { Report_Account: 'me', Peer_Account: 'p2' }, a),
    ).toMatchObject(OK);
    expect(await openim('get_c2c_unread_msg_num', { To_Account: 'me' }, a)).toEqual({
      ...OK,
      AllC2CUnreadMsgNum: 2,
      ErrorList: [],
    });
  });

  it('takes at most 10 peers and known accounts', async () => {
    const peers = Array.from({ length: 11 }, (_, i) => `p${i}`);
    expect(
      await openim('get_c2c_unread_msg_num', { To_Account: 'alice', Peer_Account: peers }),
    ).toMatchObject(failure(20001));
    expect(await openim('get_c2c_unread_msg_num', { To_Account: 'ghost' })).toMatchObject(
      failure(90012),
    );
    expect(
      await openim('admin_set_msg_read', { Report_Account: 'ghost', Peer_Account: 'alice' }),
    ).toMatchObject(failure(90012));
  });
});

describe('group_open_http_svc/send_group_msg', () => {
  it('sends and answers MsgTime and MsgSeq; accepts MsgOnlineOnlyFlag', async () => {
    const first = await group('send_group_msg', {
      GroupId: 'team',
      From_Account: 'bob',
      Random: rnd(),
      MsgBody: text('hello'),
      MsgPriority: 'High',
      GroupAtInfo: [{ GroupAtAllFlag: 1 }],
    });
    expect(first).toMatchObject({ ...OK, MsgSeq: expect.any(Number), MsgTime: expect.any(Number) });
    const second = await group('send_group_msg', {
      GroupId: 'team',
      Random: rnd(),
      MsgBody: text('admin'),
    });
    expect(second.MsgSeq).toBe((first.MsgSeq as number) + 1);
    expect(
      await group('send_group_msg', {
        GroupId: 'team',
        Random: rnd(),
        MsgBody: text('typing'),
        MsgOnlineOnlyFlag: 1,
      }),
    ).toMatchObject({ ...OK, MsgSeq: 0 });
    const pulled = await app.user('carol', MessageRpc.Pull, {
      convId: ConversationIds.group('team'),
      fromSeq: first.MsgSeq as number,
    });
    expect(pulled.messages[0]).toMatchObject({
      from: 'bob',
      priority: 'High',
      atInfo: [{ atAll: true }],
    });
  });

  it.each([
    ['a GroupId that is not a string', { GroupId: 7 }, 10004],
    ['no Random', { Random: undefined }, 10004],
    ['MsgBody not an array', { MsgBody: 'hi' }, 10004],
    ['a wrong element layout', { MsgBody: [{ MsgType: 'TIMImageElem', MsgContent: {} }] }, 10004],
    ['a targeted message (To_Account)', { To_Account: ['bob'] }, 10004],
    ['a body over 12 KB', { MsgBody: text('y'.repeat(12 * 1024)) }, 80002],
    ['an OfflinePushInfo of 900 KB', { OfflinePushInfo: { Ext: 'x'.repeat(900 * 1024) } }, 80002],
    ['an unknown group', { GroupId: 'nope' }, 10010],
    ['an unknown sender', { From_Account: 'ghost' }, 10019],
    ['a non-member sender', { From_Account: 'administrator', GroupId: 'chat' }, 0],
    ['OnlineOnlyFlag in an AVChatRoom', { GroupId: 'live', OnlineOnlyFlag: 1 }, 10004],
  ])('answers %s', async (_what, fields, code) => {
    const reply = await group('send_group_msg', {
      GroupId: 'team',
      Random: rnd(),
      MsgBody: text('x'),
      ...fields,
    });
    expect(reply).toMatchObject(code === 0 ? OK : failure(code));
  });

  it('answers 10011 for a body that is not JSON', async () => {
    expect(await raw('group_open_http_svc/send_group_msg', 'not json')).toMatchObject(
      failure(10011),
    );
  });
});

describe('group_open_http_svc/send_group_system_notification', () => {
  it('tells the members and refuses more than 500 names', async () => {
    expect(
      await group('send_group_system_notification', {
        GroupId: 'team',
        Content: 'maintenance',
        ToMembers_Account: ['bob'],
      }),
    ).toMatchObject(OK);
    const notes = await app.user('bob', MessageRpc.GetNotifications, {});
    expect(notes.notifications.map((n) => n.data.content)).toContain('maintenance');
    const many = Array.from({ length: 501 }, (_, i) => `u${i}`);
    expect(
      await group('send_group_system_notification', {
        GroupId: 'team',
        Content: 'x',
        ToMembers_Account: many,
      }),
    ).toMatchObject(failure(10004));
    expect(await group('send_group_system_notification', { GroupId: 'team' })).toMatchObject(
      failure(10004),
    );
  });
});

describe('group_open_http_svc/group_msg_recall, group_msg_get_simple, delete_group_msg_by_sender', () => {
  it('recalls by seq with a result per seq, and history shows recalled and deleted messages as placeholders', async () => {
    const a = await world.newApp(['owner', 'spammer']);
    world.fakes.addGroup(a.sdkAppId, 'h', 'Public', { owner: {}, spammer: {} });
    const seqs: number[] = [];
    for (const [from, words] of [
      ['owner', 'one'],
      ['spammer', 'buy'],
      ['owner', 'two'],
      ['owner', 'three'],
    ])
      seqs.push(
        (
          await group(
            'send_group_msg',
            { GroupId: 'h', From_Account: from, Random: rnd(), MsgBody: text(words) },
            a,
          )
        ).MsgSeq as number,
      );

    expect(
      await group(
        'group_msg_recall',
        { GroupId: 'h', MsgSeqList: [{ MsgSeq: seqs[2] }, { MsgSeq: 99 }] },
        a,
      ),
    ).toEqual({
      ...OK,
      RecallRetList: [
        { MsgSeq: seqs[2], RetCode: 0 },
        { MsgSeq: 99, RetCode: 10030 },
      ],
    });
    expect(
      await group('delete_group_msg_by_sender', { GroupId: 'h', Sender_Account: 'spammer' }, a),
    ).toMatchObject(OK);

    const history = await group(
      'group_msg_get_simple',
      { GroupId: 'h', ReqMsgNumber: 20, WithRecalledMsg: 1 },
      a,
    );
    expect(history).toMatchObject({ ...OK, GroupId: 'h', IsFinished: 1 });
    expect(
      (history.RspMsgList as Record<string, unknown>[]).map((m) => [
        m.MsgSeq,
        m.IsPlaceMsg,
        m.MsgBody,
      ]),
    ).toEqual([
      [seqs[3], 0, text('three')],
      [seqs[2], 2, []],
      [seqs[1], 1, []],
      [seqs[0], 0, text('one')],
    ]);
    const page = await group(
      'group_msg_get_simple',
      { GroupId: 'h', ReqMsgNumber: 2, ReqMsgSeq: seqs[3] },
      a,
    );
    expect(page).toMatchObject({ IsFinished: 0 });
    expect((page.RspMsgList as Record<string, unknown>[]).map((m) => m.MsgSeq)).toEqual([seqs[3]]);
  });

  it('refuses more than 10 seqs, more than 20 messages, and deleting in a live room (10035)', async () => {
    const list = Array.from({ length: 11 }, (_, i) => ({ MsgSeq: i + 1 }));
    expect(await group('group_msg_recall', { GroupId: 'team', MsgSeqList: list })).toMatchObject(
      failure(10004),
    );
    expect(
      await group('group_msg_get_simple', { GroupId: 'team', ReqMsgNumber: 21 }),
    ).toMatchObject(failure(10004));
    expect(
      await group('delete_group_msg_by_sender', { GroupId: 'live', Sender_Account: 'alice' }),
    ).toMatchObject(failure(10035));
    expect(await group('group_msg_get_simple', { GroupId: 'live', ReqMsgNumber: 5 })).toMatchObject(
      { ...OK, IsFinished: 1, RspMsgList: [] },
    );
  });
});

describe('group_open_http_svc/import_group_msg', () => {
  it('imports in order with a result per message', async () => {
    const a = await world.newApp(['old']);
    world.fakes.addGroup(a.sdkAppId, 'i', 'Public', { old: {} });
    const t = now() - 1000;
    const reply = await group(
      'import_group_msg',
      {
        GroupId: 'i',
        RecentContactFlag: 1,
        MsgList: [
          { From_Account: 'old', SendTime: t, Random: 1, MsgBody: text('a') },
          { From_Account: 'old', SendTime: t - 50, Random: 2, MsgBody: text('too early') },
          { From_Account: 'old', SendTime: t + 1, Random: 3, MsgBody: text('z'.repeat(12 * 1024)) },
          { From_Account: 'old', SendTime: t + 2, Random: 4, MsgBody: text('b') },
        ],
      },
      a,
    );
    expect(reply).toEqual({
      ...OK,
      ImportMsgResult: [
        { MsgSeq: 1, MsgTime: t, Result: 0 },
        { MsgSeq: 0, MsgTime: t - 50, Result: 10004 },
        { MsgSeq: 0, MsgTime: t + 1, Result: 80002 },
        { MsgSeq: 2, MsgTime: t + 2, Result: 0 },
      ],
    });
    const sync = await a.user('old', MessageRpc.Sync, { cursor: 0 });
    expect(sync.conversations).toEqual([]);
  });

  it('refuses more than 20 messages and types without imports (T25)', async () => {
    const list = Array.from({ length: 21 }, (_, i) => ({
      From_Account: 'alice',
      SendTime: now() - 100 + i,
      MsgBody: text('x'),
    }));
    expect(await group('import_group_msg', { GroupId: 'team', MsgList: list })).toMatchObject(
      failure(10004),
    );
    expect(
      await group('import_group_msg', { GroupId: 'live', MsgList: list.slice(0, 1) }),
    ).toMatchObject(failure(10007));
  });
});

describe('group_open_http_svc/set_unread_msg_num', () => {
  it('sets a member’s unread count', async () => {
    const a = await world.newApp(['m', 'n']);
    world.fakes.addGroup(a.sdkAppId, 'u', 'Public', { m: {}, n: {} });
    for (let i = 0; i < 4; i++)
      await group('send_group_msg', { GroupId: 'u', Random: rnd(), MsgBody: text(`${i}`) }, a);

    expect(
      await group('set_unread_msg_num', { GroupId: 'u', Member_Account: 'n', UnreadMsgNum: 3 }, a),
    ).toMatchObject(OK);
    const sync = await a.user('n', MessageRpc.Sync, { cursor: 0 });
    expect(sync.conversations[0]).toMatchObject({ unread: 3, readSeq: 1 });
    expect(
      await group('set_unread_msg_num', { GroupId: 'u', Member_Account: 'n', UnreadMsgNum: 0 }, a),
    ).toMatchObject(OK);
    expect((await a.user('n', MessageRpc.Sync, { cursor: 0 })).conversations[0]).toMatchObject({
      unread: 0,
      readSeq: 4,
    });
  });

  it('counts imported messages in a group filled only by import_group_msg, as of its last seq', async () => {
    const a = await world.newApp(['m', 'n']);
    world.fakes.addGroup(a.sdkAppId, 'imp', 'Public', { m: {}, n: {} });
    const base = now() - 100;
    const list = Array.from({ length: 6 }, (_, i) => ({
      From_Account: 'm',
      SendTime: base + i,
      Random: rnd(),
      MsgBody: text(`old ${i}`),
    }));
    expect(await group('import_group_msg', { GroupId: 'imp', MsgList: list }, a)).toMatchObject(OK);

    expect(
      await group(
        'set_unread_msg_num',
        { GroupId: 'imp', Member_Account: 'n', UnreadMsgNum: 4 },
        a,
      ),
    ).toMatchObject(OK);
    expect((await a.user('n', MessageRpc.Sync, { cursor: 0 })).conversations[0]).toMatchObject({
      unread: 4,
      readSeq: 2,
    });
    const mirrored = world.fakes.callsOf(GroupRpc.SetReadSeq).map((c) => c.data);
    expect(mirrored[mirrored.length - 1]).toEqual({
      groupId: 'imp',
      userId: 'n',
      msgSeq: 2,
      asOfSeq: 6,
      mode: 'set',
    });
    // a message after the set counts on top of it
    await group('send_group_msg', { GroupId: 'imp', Random: rnd(), MsgBody: text('new') }, a);
    expect((await a.user('n', MessageRpc.Sync, { cursor: 0 })).conversations[0]).toMatchObject({
      unread: 5,
    });
  });

  it('refuses non-members, types without unread (T22) and a bad count', async () => {
    expect(
      await group('set_unread_msg_num', {
        GroupId: 'team',
        Member_Account: 'administrator',
        UnreadMsgNum: 1,
      }),
    ).toMatchObject(failure(10007));
    expect(
      await group('set_unread_msg_num', {
        GroupId: 'chat',
        Member_Account: 'bob',
        UnreadMsgNum: 1,
      }),
    ).toMatchObject(failure(10007));
    expect(
      await group('set_unread_msg_num', {
        GroupId: 'team',
        Member_Account: 'bob',
        UnreadMsgNum: -1,
      }),
    ).toMatchObject(failure(10004));
  });
});

describe('recentcontact', () => {
  it('lists conversations by last message time in pages and deletes them', async () => {
    const a = await world.newApp(['me', 'p1', 'p2', 'p3']);
    world.fakes.addGroup(a.sdkAppId, 'club', 'Public', { me: {} });
    const base = now() - 100;
    for (const [i, peer] of ['p1', 'p2', 'p3'].entries())
      await openim(
        'sendmsg',
        {
          From_Account: peer,
          To_Account: 'me',
          MsgRandom: rnd(),
          MsgTimeStamp: base + i,
          MsgBody: text('x'),
        },
        a,
      );
    await group(
      'send_group_msg',
      { GroupId: 'club', From_Account: 'me', Random: rnd(), MsgBody: text('g') },
      a,
    );

    const first = await call(
      'recentcontact',
      'get_list',
      {
        From_Account: 'me',
        TimeStamp: 0,
        StartIndex: 0,
        TopTimeStamp: 0,
        TopStartIndex: 0,
        AssistFlags: 1,
      },
      a,
    );
    expect(first).toMatchObject({
      ...OK,
      CompleteFlag: 1,
      TopTimeStamp: 0,
      TopStartIndex: 0,
      ErrorDisplay: '',
    });
    expect(first.SessionItem).toEqual([
      { Type: 2, GroupId: 'club', MsgTime: expect.any(Number), TopFlag: 0 },
      { Type: 1, To_Account: 'p3', MsgTime: base + 2, TopFlag: 0 },
      { Type: 1, To_Account: 'p2', MsgTime: base + 1, TopFlag: 0 },
      { Type: 1, To_Account: 'p1', MsgTime: base, TopFlag: 0 },
    ]);

    expect(
      await call('recentcontact', 'delete', { From_Account: 'me', type: 1, To_Account: 'p3' }, a),
    ).toEqual({ ...OK, ErrorDisplay: '' });
    expect(
      await call(
        'recentcontact',
        'delete',
        { From_Account: 'me', Type: 2, ToGroupid: 'club', ClearRamble: 1 },
        a,
      ),
    ).toMatchObject(OK);
    const after = await call(
      'recentcontact',
      'get_list',
      { From_Account: 'me', TimeStamp: 0, StartIndex: 0 },
      a,
    );
    expect((after.SessionItem as { To_Account: string }[]).map((s) => s.To_Account)).toEqual([
      'p2',
      'p1',
    ]);
    const cleared = await a.user('me', MessageRpc.Pull, {
      convId: ConversationIds.group('club'),
      fromSeq: 1,
    });
    expect(cleared.messages).toEqual([]);
  });

  it('keeps the newest MsgTime when an older C2C message is imported after it', async () => {
    const a = await world.newApp(['me', 'p1']);
    const base = now() - 1000;
    const importmsg = (time: number, text_: string) =>
      openim(
        'importmsg',
        {
          SyncFromOldSystem: 2,
          From_Account: 'p1',
          To_Account: 'me',
          MsgRandom: rnd(),
          MsgTimeStamp: time,
          MsgBody: text(text_),
        },
        a,
      );
    expect(await importmsg(base + 500, 'newer')).toMatchObject(OK);
    expect(await importmsg(base, 'older')).toMatchObject(OK);
    for (const user of ['me', 'p1']) {
      const list = await call('recentcontact', 'get_list', { From_Account: user, TimeStamp: 0 }, a);
      expect(list.SessionItem).toEqual([expect.objectContaining({ Type: 1, MsgTime: base + 500 })]);
    }
    const synced = await a.user('me', MessageRpc.Sync, { cursor: 0 });
    expect(synced.conversations[0]).toMatchObject({ lastTime: base + 500 });
  });

  it('refuses a missing or unknown user (50002, 50001) and a delete without its peer', async () => {
    expect(await call('recentcontact', 'get_list', { TimeStamp: 0 })).toMatchObject(failure(50002));
    expect(await call('recentcontact', 'get_list', { From_Account: 'ghost' })).toMatchObject(
      failure(50001),
    );
    expect(await call('recentcontact', 'delete', { From_Account: 'alice', Type: 1 })).toMatchObject(
      failure(50002),
    );
    expect(
      await call('recentcontact', 'delete', { From_Account: 'alice', Type: 3, To_Account: 'bob' }),
    ).toMatchObject(failure(50002));
  });
});

describe('recentcontact conversation groups and marks', () => {
  const contact = (command: string, body: unknown, a = app) =>
    call('recentcontact', command, body, a);

  it('creates, fills, renames, searches, pages and deletes groups; marks bits and custom marks', async () => {
    const a = await world.newApp(['me', 'p1', 'p2']);
    const created = await contact(
      'create_contact_group',
      {
        From_Account: 'me',
        GroupContactItem: [
          {
            GroupName: 'work',
            ContactItem: [
              { Type: 1, To_Account: 'p1' },
              { Type: 2, ToGroupId: 'club' },
            ],
          },
        ],
      },
      a,
    );
    expect(created).toEqual({
      ...OK,
      ErrorDisplay: '',
      GroupResultItem: [
        {
          GroupItem: { GroupName: 'work', GroupId: 1 },
          ResultItem: [
            { ContactItem: { Type: 1, To_Account: 'p1' }, ResultCode: 0, ResultInfo: '' },
            { ContactItem: { Type: 2, ToGroupId: 'club' }, ResultCode: 0, ResultInfo: '' },
          ],
        },
      ],
    });
    expect(
      await contact(
        'create_contact_group',
        { From_Account: 'me', GroupContactItem: [{ GroupName: 'work', ContactItem: [] }] },
        a,
      ),
    ).toMatchObject(failure(50002));

    const updated = await contact(
      'update_contact_group',
      {
        From_Account: 'me',
        UpdateType: 1,
        UpdateGroup: {
          UpdateGroupType: 2,
          OldGroupName: 'work',
          ContactUpdateItem: [
            { ContactOptType: 1, ContactItem: { Type: 1, To_Account: 'p2' } },
            { ContactOptType: 2, ContactItem: { Type: 2, ToGroupId: 'club' } },
          ],
        },
      },
      a,
    );
    expect(updated).toEqual({
      ...OK,
      ErrorDisplay: '',
      UpdateType: 1,
      UpdateGroupResult: {
        UpdateGroupType: 2,
        GroupName: 'work',
        GroupId: 1,
        OldGroupName: 'work',
        ContactResultItem: [
          {
            ContactOptType: 1,
            ContactItem: { Type: 1, To_Account: 'p2' },
            ResultCode: 0,
            ResultInfo: '',
          },
          {
            ContactOptType: 2,
            ContactItem: { Type: 2, ToGroupId: 'club' },
            ResultCode: 0,
            ResultInfo: '',
          },
        ],
      },
    });
    const renamed = await contact(
      'update_contact_group',
      {
        From_Account: 'me',
        UpdateType: 1,
        UpdateGroup: { UpdateGroupType: 1, OldGroupName: 'work', NewGroupName: 'job' },
      },
      a,
    );
    expect(renamed.UpdateGroupResult).toMatchObject({
      GroupName: 'job',
      OldGroupName: 'work',
      GroupId: 1,
    });

    const marked = await contact(
      'mark_contact',
      {
        From_Account: 'me',
        MarkItem: [
          {
            OptType: 3,
            ContactItem: { Type: 1, To_Account: 'p1' },
            SetMark: [0, 2],
            CustomMark: 'vip',
          },
          { OptType: 1, ContactItem: { Type: 2, ToGroupId: 'club' }, SetMark: [1] },
        ],
      },
      a,
    );
    expect(marked).toEqual({
      ...OK,
      ErrorDisplay: '',
      ResultItem: [
        {
          OptType: 3,
          ContactItem: { Type: 1, To_Account: 'p1' },
          StandardMark: '101',
          CustomMark: 'vip',
          ResultCode: 0,
          ResultInfo: '',
        },
        {
          OptType: 1,
          ContactItem: { Type: 2, ToGroupId: 'club' },
          StandardMark: '10',
          CustomMark: '',
          ResultCode: 0,
          ResultInfo: '',
        },
      ],
    });
    const cleared = await contact(
      'mark_contact',
      {
        From_Account: 'me',
        MarkItem: [{ OptType: 1, ContactItem: { Type: 1, To_Account: 'p1' }, ClearMark: [0] }],
      },
      a,
    );
    expect(cleared.ResultItem).toEqual([
      expect.objectContaining({ StandardMark: '100', CustomMark: 'vip', ResultCode: 0 }),
    ]);

    const page = await contact('get_contact_group', { From_Account: 'me', StartIndex: 0 }, a);
    expect(page).toMatchObject({ ...OK, CompleteFlag: 1, NextStartIndex: 0 });
    expect(page.GroupItem).toEqual([{ GroupName: 'job', GroupId: 1 }]);
    const byPeer = new Map(
      (page.ContactItem as Record<string, unknown>[]).map((c) => [c.To_Account ?? c.ToGroupId, c]),
    );
    expect(byPeer.get('p1')).toEqual({
      Type: 1,
      To_Account: 'p1',
      StandardMark: '100',
      CustomMark: 'vip',
      ContactGroupId: [1],
      Timestamp: expect.any(Number),
    });
    expect(byPeer.get('p2')).toMatchObject({ StandardMark: '0', ContactGroupId: [1] });
    expect(byPeer.get('club')).toMatchObject({ Type: 2, StandardMark: '10', ContactGroupId: [] });

    const found = await contact(
      'search_contact_group',
      {
        From_Account: 'me',
        ContactItem: [
          { Type: 1, To_Account: 'p2' },
          { Type: 1, To_Account: 'nobody' },
        ],
      },
      a,
    );
    expect(found.ContactResultItem).toEqual([
      {
        ContactItem: { Type: 1, To_Account: 'p2' },
        StandardMark: '0',
        CustomMark: '',
        ContactGroupId: [1],
        Timestamp: expect.any(Number),
        ResultCode: 0,
        ResultInfo: '',
      },
      {
        ContactItem: { Type: 1, To_Account: 'nobody' },
        StandardMark: '0',
        CustomMark: '',
        ContactGroupId: [],
        Timestamp: 0,
        ResultCode: 0,
        ResultInfo: '',
      },
    ]);

    // recentcontact/get_list carries the marks and the group names
    await openim(
      'sendmsg',
      { From_Account: 'p1', To_Account: 'me', MsgRandom: rnd(), MsgBody: text('x') },
      a,
    );
    const list = await contact('get_list', { From_Account: 'me', TimeStamp: 0 }, a);
    expect(list.SessionItem).toEqual([
      {
        Type: 1,
        To_Account: 'p1',
        MsgTime: expect.any(Number),
        TopFlag: 0,
        StandardMark: '100',
        CustomMark: 'vip',
        ContactGroupId: [1],
        ContactGroupName: ['job'],
      },
    ]);
    const synced = await a.user('me', MessageRpc.Sync, { cursor: 0 });
    expect(synced.conversations[0]).toMatchObject({
      standardMark: '100',
      customMark: 'vip',
      contactGroups: ['job'],
    });

    expect(
      await contact('del_contact_group', { From_Account: 'me', GroupName: ['job'] }, a),
    ).toEqual({
      ...OK,
      ErrorDisplay: '',
      GroupName: ['job'],
    });
    const after = await contact('get_contact_group', { From_Account: 'me', StartIndex: 0 }, a);
    expect(after.GroupItem).toEqual([]);
    // p2 had only its group: it no longer has data
    expect(
      (after.ContactItem as Record<string, unknown>[])
        .map((c) => c.To_Account ?? c.ToGroupId)
        .sort(),
    ).toEqual(['club', 'p1']);
  });

  it('answers the documented codes: 50001, 50002, 51006, 51009, 51010, 51011', async () => {
    const a = await world.newApp(['me']);
    const create = (name: string, items: unknown[] = []) =>
      contact(
        'create_contact_group',
        { From_Account: 'me', GroupContactItem: [{ GroupName: name, ContactItem: items }] },
        a,
      );
    expect(await create('x'.repeat(33))).toMatchObject(failure(51011));
    expect(
      await create(
        'big',
        Array.from({ length: 101 }, (_, i) => ({ Type: 1, To_Account: `u${i}` })),
      ),
    ).toMatchObject(failure(51006));
    for (let i = 0; i < 20; i++) expect(await create(`g${i}`)).toMatchObject(OK);
    expect(await create('g20')).toMatchObject(failure(51010));
    expect(
      await contact('del_contact_group', { From_Account: 'me', GroupName: ['nope'] }, a),
    ).toMatchObject(failure(51009));
    expect(
      await contact(
        'update_contact_group',
        {
          From_Account: 'me',
          UpdateType: 1,
          UpdateGroup: { UpdateGroupType: 1, OldGroupName: 'nope', NewGroupName: 'y' },
        },
        a,
      ),
    ).toMatchObject(failure(51009));
    expect(await contact('get_contact_group', { From_Account: 'ghost' }, a)).toMatchObject(
      failure(50001),
    );
    expect(await contact('get_contact_group', { StartIndex: 0 }, a)).toMatchObject(failure(50002));
    expect(
      await contact(
        'mark_contact',
        {
          From_Account: 'me',
          MarkItem: [{ OptType: 1, ContactItem: { Type: 1, To_Account: 'p' }, SetMark: [64] }],
        },
        a,
      ),
    ).toMatchObject(failure(50002));
    expect(
      await contact(
        'mark_contact',
        {
          From_Account: 'me',
          MarkItem: [
            { OptType: 2, ContactItem: { Type: 1, To_Account: 'p' }, CustomMark: 'x'.repeat(257) },
          ],
        },
        a,
      ),
    ).toMatchObject(failure(50002));
  });

  it('never shows or changes one app’s groups and marks from another app with the same IDs', async () => {
    const a = await world.newApp(['me', 'p1']);
    const b = await world.newApp(['me', 'p1']);
    await contact(
      'create_contact_group',
      {
        From_Account: 'me',
        GroupContactItem: [{ GroupName: 'secret', ContactItem: [{ Type: 1, To_Account: 'p1' }] }],
      },
      a,
    );
    await contact(
      'mark_contact',
      {
        From_Account: 'me',
        MarkItem: [{ OptType: 2, ContactItem: { Type: 1, To_Account: 'p1' }, CustomMark: 'a' }],
      },
      a,
    );
    const seen = await contact('get_contact_group', { From_Account: 'me', StartIndex: 0 }, b);
    expect(seen).toMatchObject({ ...OK, ContactItem: [], GroupItem: [] });
    expect(
      await contact('del_contact_group', { From_Account: 'me', GroupName: ['secret'] }, b),
    ).toMatchObject(failure(51009));
    const still = await contact('get_contact_group', { From_Account: 'me', StartIndex: 0 }, a);
    expect(still.GroupItem).toEqual([{ GroupName: 'secret', GroupId: 1 }]);
  });
});

describe('im_msg_audit_mgr and im_msg_audit (moderation)', () => {
  const mgr = (command: string, body: unknown, a = app) =>
    call('im_msg_audit_mgr', command, body, a);
  const audit = (command: string, body: unknown, a = app) => call('im_msg_audit', command, body, a);

  it('keeps local and cloud keyword lists per app and moderates text against both', async () => {
    const a = await world.newApp(['alice', 'bob']);
    const id = a.sdkAppId;
    const libs = await mgr(
      'get_cloud_audit_keywords_ids',
      { SdkAppId: id, Offset: 0, Limit: 10 },
      a,
    );
    expect(libs).toMatchObject({ ...OK, TotalCount: 1 });
    expect(libs.RequestId).toEqual(expect.any(String));
    const [lib] = libs.Infos as Record<string, unknown>[];
    expect(lib).toEqual({
      ID: expect.any(String),
      LibName: expect.any(String),
      Describe: '',
      CreateTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      Suggestion: 'Block',
    });
    const LibID = lib.ID as string;

    expect(
      await mgr(
        'add_cloud_audit_keywords',
        {
          SdkAppId: id,
          LibID,
          UserKeywords: [{ Content: 'casino', Label: 'Ad' }, { Content: 'scam' }],
        },
        a,
      ),
    ).toEqual({ ...OK, RequestId: expect.any(String) });
    const words = await mgr(
      'get_cloud_audit_keywords',
      { SdkAppId: id, Offset: 0, Limit: 10, LibID },
      a,
    );
    expect(words).toMatchObject({ ...OK, TotalCount: 2 });
    expect(words.Infos).toEqual([
      { ID: expect.any(String), Content: 'casino', Label: 'Ad', CreateTime: expect.any(String) },
      { ID: expect.any(String), Content: 'scam', Label: 'Custom', CreateTime: expect.any(String) },
    ]);
    const fuzzy = await mgr(
      'get_cloud_audit_keywords',
      { SdkAppId: id, Offset: 0, Limit: 10, LibID, Content: 'SIN' },
      a,
    );
    expect(fuzzy).toMatchObject({ TotalCount: 1, Infos: [{ Content: 'casino' }] });

    expect(
      await mgr(
        'add_local_audit_keywords',
        { SdkAppId: id, UserKeywords: [{ Content: 'darn' }] },
        a,
      ),
    ).toMatchObject(OK);
    const local = await mgr('get_local_audit_keywords', { SdkAppId: id, Offset: 0, Limit: 10 }, a);
    expect(local).toMatchObject({ ...OK, TotalCount: 1 });
    expect(local.Infos).toEqual([{ ID: 'darn', Content: 'darn', CreateTime: expect.any(String) }]);
    // the local list is the app's sensitive-word list: it filters messages too
    expect(await call('openim_dirty_words', 'get', {}, a)).toMatchObject({
      DirtyWordsList: ['darn'],
    });
    expect(
      await openim(
        'sendmsg',
        { From_Account: 'alice', To_Account: 'bob', MsgRandom: rnd(), MsgBody: text('oh darn') },
        a,
      ),
    ).toMatchObject(failure(80001));

    const one = await audit(
      'content_moderation',
      { AuditName: 'C2C', ContentType: 'Text', Content: 'Visit my CASINO', ExtSender: 'alice' },
      a,
    );
    expect(one).toEqual({
      ...OK,
      RequestId: expect.any(String),
      Label: 'Ad',
      Suggestion: 'Block',
      Keywords: ['casino'],
      Score: 100,
    });
    const batch = await audit(
      'batch_content_moderation',
      {
        AuditName: 'Group',
        Contents: [
          { ContentId: 0, ContentType: 'Text', Content: 'hello' },
          { ContentId: 7, ContentType: 'Text', Content: 'darn scam' },
        ],
      },
      a,
    );
    expect(batch).toMatchObject(OK);
    expect(batch.Results).toEqual([
      { ContentId: 0, Label: 'Normal', Suggestion: 'Pass', Keywords: [], Score: 0 },
      {
        ContentId: 7,
        Label: 'Custom',
        Suggestion: 'Block',
        Keywords: ['darn', 'scam'],
        Score: 100,
      },
    ]);

    const [, scam] = words.Infos as { ID: string }[];
    expect(
      await mgr('delete_cloud_audit_keywords', { SdkAppId: id, LibID, KeywordIDs: [scam.ID] }, a),
    ).toMatchObject(OK);
    expect(
      await mgr('delete_local_audit_keywords', { SdkAppId: id, Keywords: ['darn'] }, a),
    ).toMatchObject(OK);
    const after = await audit(
      'content_moderation',
      { AuditName: 'C2C', ContentType: 'Text', Content: 'darn scam' },
      a,
    );
    expect(after).toMatchObject({ Suggestion: 'Pass', Label: 'Normal' });
  });

  it('answers 2002 for other content types, 2003 for bad input, 2016 over 100 keywords per call', async () => {
    const a = await world.newApp([]);
    const id = a.sdkAppId;
    expect(
      await audit(
        'content_moderation',
        { AuditName: 'C2C', ContentType: 'Image', Content: 'https://x/1.png' },
        a,
      ),
    ).toMatchObject(failure(2002));
    expect(
      await audit(
        'content_moderation',
        { AuditName: 'C2C', ContentType: 'Text', Content: 'x'.repeat(8193) },
        a,
      ),
    ).toMatchObject(failure(2003));
    expect(
      await audit('content_moderation', { ContentType: 'Text', Content: 'x' }, a),
    ).toMatchObject(failure(2003));
    expect(
      await audit(
        'batch_content_moderation',
        {
          AuditName: 'C2C',
          Contents: [
            { ContentId: 1, ContentType: 'Text', Content: 'a' },
            { ContentId: 1, ContentType: 'Text', Content: 'b' },
          ],
        },
        a,
      ),
    ).toMatchObject(failure(2003));
    const libs = await mgr(
      'get_cloud_audit_keywords_ids',
      { SdkAppId: id, Offset: 0, Limit: 1 },
      a,
    );
    const LibID = (libs.Infos as { ID: string }[])[0].ID;
    expect(
      await mgr(
        'add_cloud_audit_keywords',
        {
          SdkAppId: id,
          LibID,
          UserKeywords: Array.from({ length: 101 }, (_, i) => ({ Content: `w${i}` })),
        },
        a,
      ),
    ).toMatchObject(failure(2016));
    expect(
      await mgr(
        'add_cloud_audit_keywords',
        { SdkAppId: id, LibID: 'nope', UserKeywords: [{ Content: 'w' }] },
        a,
      ),
    ).toMatchObject(failure(2003));
    expect(
      await mgr('get_cloud_audit_keywords_ids', { SdkAppId: id, Offset: 0, Limit: 101 }, a),
    ).toMatchObject(failure(2003));
  });

  it('never shows or changes one app’s keyword lists from another app', async () => {
    const a = await world.newApp([]);
    const b = await world.newApp([]);
    const libA = (
      (await mgr('get_cloud_audit_keywords_ids', { SdkAppId: a.sdkAppId, Offset: 0, Limit: 1 }, a))
        .Infos as { ID: string }[]
    )[0].ID;
    await mgr(
      'add_cloud_audit_keywords',
      { SdkAppId: a.sdkAppId, LibID: libA, UserKeywords: [{ Content: 'secret' }] },
      a,
    );
    // b names a's app or a's library: refused
    expect(
      await mgr(
        'get_cloud_audit_keywords',
        { SdkAppId: a.sdkAppId, Offset: 0, Limit: 10, LibID: libA },
        b,
      ),
    ).toMatchObject(failure(2003));
    expect(
      await mgr(
        'get_cloud_audit_keywords',
        { SdkAppId: b.sdkAppId, Offset: 0, Limit: 10, LibID: libA },
        b,
      ),
    ).toMatchObject(failure(2003));
    expect(
      await audit(
        'content_moderation',
        { AuditName: 'C2C', ContentType: 'Text', Content: 'secret' },
        b,
      ),
    ).toMatchObject({ Suggestion: 'Pass' });
    expect(
      await mgr(
        'get_cloud_audit_keywords',
        { SdkAppId: a.sdkAppId, Offset: 0, Limit: 10, LibID: libA },
        a,
      ),
    ).toMatchObject({ TotalCount: 1 });
  });
});

describe('openim_dirty_words', () => {
  const words = (command: string, body: unknown, a = app) =>
    call('openim_dirty_words', command, body, a);

  it('adds, lists and deletes words, which then filter messages (80001)', async () => {
    const a = await world.newApp(['s', 'r']);
    expect(await words('add', { DirtyWordsList: ['spam', 'scam'] }, a)).toMatchObject(OK);
    expect(await words('get', {}, a)).toEqual({ ...OK, DirtyWordsList: ['scam', 'spam'] });
    expect(
      await openim(
        'sendmsg',
        { From_Account: 's', To_Account: 'r', MsgRandom: rnd(), MsgBody: text('a SCAM') },
        a,
      ),
    ).toMatchObject(failure(80001));
    expect(await words('delete', { DirtyWordsList: ['scam'] }, a)).toMatchObject(OK);
    expect(await words('get', {}, a)).toEqual({ ...OK, DirtyWordsList: ['spam'] });
  });

  it('refuses more than 50 words, words over 200 bytes and a missing list (10004)', async () => {
    const many = Array.from({ length: 51 }, (_, i) => `w${i}`);
    expect(await words('add', { DirtyWordsList: many })).toMatchObject(failure(10004));
    expect(await words('add', { DirtyWordsList: ['x'.repeat(201)] })).toMatchObject(failure(10004));
    expect(await words('delete', {})).toMatchObject(failure(10004));
  });
});

describe('tenant isolation', () => {
  it('never shows one app’s messages to another app with the same IDs', async () => {
    const a = await world.newApp(['alice', 'bob']);
    const b = await world.newApp(['alice', 'bob']);
    await openim(
      'sendmsg',
      { From_Account: 'alice', To_Account: 'bob', MsgRandom: 1, MsgBody: text('only a') },
      a,
    );

    expect(
      await openim(
        'admin_getroammsg',
        { Operator_Account: 'alice', Peer_Account: 'bob', MaxCnt: 10, MinTime: 0, MaxTime: now() },
        b,
      ),
    ).toMatchObject({ MsgCnt: 0 });
    expect(await openim('get_c2c_unread_msg_num', { To_Account: 'bob' }, b)).toMatchObject({
      AllC2CUnreadMsgNum: 0,
    });
    expect(
      (await call('recentcontact', 'get_list', { From_Account: 'bob' }, b)).SessionItem,
    ).toEqual([]);
  });
});
