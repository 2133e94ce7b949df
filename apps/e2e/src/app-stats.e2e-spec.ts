import { AfterCallbackCommands, ErrorCode } from '@im/contracts';
import type { AppReply } from '@im/contracts';
import type { RestAdminClient, RestEnvelope } from '@im/sdk';
import { waitFor } from '@im/testing';

import { CallbackBackend } from './callback-backend';
import { MessagingFixture } from './messaging.fixture';

const EGRESS_IPS = ['203.0.113.7', '2001:db8::7'];

const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const random = () => Math.floor(Math.random() * 2 ** 32);

/** `YYYYMMDD` of a UTC day `back` days before today. */
function utcDate(back = 0): string {
  const d = new Date(Date.now() - back * 86_400_000);
  return d.toISOString().slice(0, 10).replaceAll('-', '');
}

type Day = Record<string, string>;

/**
 * `openconfigsvr/getappinfo` (per-day statistics, docs/rest-api.md §9.3) and `ConfigSvc/GetIPList`
 * (§9.5) over HTTP, against every service started as a process: real traffic (imports, SDK
 * logins over WebSocket, C2C and group messages, friends, groups created, joined, left and
 * dismissed, callbacks to the app's backend) and today's numbers counted exactly from it; one
 * app's traffic never shows in another's.
 */
describe('statistics and egress addresses over REST', () => {
  let fixture: MessagingFixture;
  let backend: CallbackBackend;
  let appA: AppReply;
  let appB: AppReply;
  let adminA: RestAdminClient;
  let adminB: RestAdminClient;

  const appInfo = (admin: RestAdminClient, body: unknown = {}) =>
    admin.call('openconfigsvr', 'getappinfo', body);

  async function today(admin: RestAdminClient): Promise<Day> {
    const envelope = await appInfo(admin);
    expect(envelope).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    const days = envelope.Result as Day[];
    return days[days.length - 1];
  }

  /** Waits until today's row has the expected values (the counting is asynchronous). */
  async function settled(admin: RestAdminClient, expected: Day): Promise<Day> {
    let last: Day = {};
    await waitFor(
      async () => {
        last = await today(admin);
        return Object.entries(expected).every(([k, v]) => last[k] === v);
      },
      { timeoutMs: 20_000, message: 'statistics' },
    ).catch(() => undefined);
    return last;
  }

  beforeAll(async () => {
    backend = await CallbackBackend.start();
    fixture = await MessagingFixture.start({
      gateways: 1,
      extraEnv: {
        'callback-dispatcher': {
          CALLBACK_DISPATCHER_EGRESS_IPS: EGRESS_IPS.join(','),
          CALLBACK_DISPATCHER_TALLY_INTERVAL_MS: '300',
        },
      },
    });
    appA = await fixture.createApp({
      name: 'stats-a',
      settings: {
        callbacks: { url: backend.url, enabledCommands: [...AfterCallbackCommands] },
      },
    });
    appB = await fixture.createApp({ name: 'stats-b' });
    adminA = fixture.admin(appA);
    adminB = fixture.admin(appB);
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
    await backend?.stop();
  });

  it('answers 30 days, oldest first, ending today, every value a string, empty days zero', async () => {
    const envelope = await appInfo(adminB);

    expect(envelope).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    const days = envelope.Result as Day[];
    expect(days).toHaveLength(30);
    expect(days.map((d) => d.Date)).toEqual(Array.from({ length: 30 }, (_, i) => utcDate(29 - i)));
    for (const day of days) {
      expect(Object.keys(day)).toHaveLength(32);
      for (const value of Object.values(day)) expect(typeof value).toBe('string');
      expect(day).toMatchObject({
        AppName: 'stats-b',
        AppId: String(appB.sdkAppId),
        Company: '',
        UpMsgNum: '0',
        LoginTimes: '0',
        RegistUserNumTotal: '0',
        GroupAllGroupNum: '0',
      });
    }
  });

  it('counts today exactly what the app did, and nothing of another app', async () => {
    const a = ['a1', 'a2', 'a3', 'a4'];
    await adminA.ok('im_open_login_svc', 'multiaccount_import', { Accounts: a });
    // App B: its own traffic, with the same user IDs, must not reach A's numbers.
    await adminB.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ['a1', 'a2'] });
    await adminB.ok('openim', 'sendmsg', {
      From_Account: 'a1',
      To_Account: 'a2',
      MsgRandom: random(),
      MsgBody: text('b'),
    });
    await adminB.ok('group_open_http_svc', 'create_group', { Type: 'Public', Name: 'b' });
    await fixture.device(appB, 'a2');

    // a1 logs in twice (two platforms): two logins, one user online.
    await fixture.device(appA, 'a1', { platform: 'Web' });
    await fixture.device(appA, 'a1', { platform: 'Android' });

    // C2C: a1 → a2 (offline) twice, a3 → a1 (online) once.
    for (const [from, to] of [
      ['a1', 'a2'],
      ['a1', 'a2'],
      ['a3', 'a1'],
    ])
      await adminA.ok('openim', 'sendmsg', {
        From_Account: from,
        To_Account: to,
        MsgRandom: random(),
        MsgBody: text('hi'),
      });

    // Friends: every entry written is counted; one direction deleted.
    await adminA.ok('sns', 'friend_import', {
      From_Account: 'a1',
      AddFriendItem: [
        { To_Account: 'a2', AddSource: 'AddSource_Type_Web' },
        { To_Account: 'a3', AddSource: 'AddSource_Type_Web' },
      ],
    });
    const entries = await friendEntries(a);
    expect(entries).toBeGreaterThanOrEqual(2);
    await adminA.ok('sns', 'friend_delete', {
      From_Account: 'a1',
      To_Account: ['a3'],
      DeleteType: 'Delete_Type_Single',
    });

    // Groups: one kept (a4 joins, then is removed), one dismissed; two group messages by a1.
    const created = await adminA.ok('group_open_http_svc', 'create_group', {
      Type: 'Public',
      Name: 'kept',
      Owner_Account: 'a1',
      MemberList: [{ Member_Account: 'a2' }, { Member_Account: 'a3' }],
    });
    const groupId = created.GroupId as string;
    await adminA.ok('group_open_http_svc', 'add_group_member', {
      GroupId: groupId,
      MemberList: [{ Member_Account: 'a4' }],
    });
    for (let i = 0; i < 2; i++)
      await adminA.ok('group_open_http_svc', 'send_group_msg', {
        GroupId: groupId,
        From_Account: 'a1',
        Random: random(),
        MsgBody: text(`g${i}`),
      });
    await adminA.ok('group_open_http_svc', 'delete_group_member', {
      GroupId: groupId,
      MemberToDel_Account: ['a4'],
    });
    const gone = await adminA.ok('group_open_http_svc', 'create_group', {
      Type: 'Public',
      Name: 'gone',
      Owner_Account: 'a2',
    });
    await adminA.ok('group_open_http_svc', 'destroy_group', { GroupId: gone.GroupId });

    // a2 comes online last (two users online at once), then leaves again.
    const a2 = await fixture.device(appA, 'a2');
    await a2.chat.close();

    const expected: Day = {
      RegistUserNumOneDay: '4',
      RegistUserNumTotal: '4',
      LoginTimes: '3',
      LoginUserNum: '2',
      ActiveUserNum: '3', // a1, a2 logged in; a3 sent
      MaxOnlineNum: '2',
      UpMsgNum: '5',
      C2CUpMsgNum: '3',
      GroupUpMsgNum: '2',
      DownMsgNum: '9', // 3 C2C + 2 × 3 members other than the sender
      C2CDownMsgNum: '3',
      GroupDownMsgNum: '6',
      SendMsgUserNum: '2',
      C2CSendMsgUserNum: '2',
      GroupSendMsgUserNum: '1',
      GroupSendMsgGroupNum: '1',
      APNSMsgNum: '8', // a2 offline twice; a2, a3, a4 offline for both group messages
      C2CAPNSMsgNum: '2',
      GroupAPNSMsgNum: '6',
      ChainIncrease: String(entries),
      ChainDecrease: '1',
      GroupNewGroupNum: '2',
      GroupDestroyGroupNum: '1',
      GroupAllGroupNum: '1',
      GroupJoinGroupTimes: '1',
      GroupQuitGroupTimes: '1',
      AppName: 'stats-a',
      AppId: String(appA.sdkAppId),
      Date: utcDate(),
    };
    const day = await settled(adminA, expected);
    expect(day).toMatchObject(expected);

    // Callbacks: every request the backend received, every one answered.
    await waitFor(async () => {
      const d = await today(adminA);
      return d.CallBackReq === String(backend.received.length) && backend.received.length > 0;
    });
    const withCallbacks = await today(adminA);
    expect(withCallbacks.CallBackRsp).toBe(withCallbacks.CallBackReq);
    expect(Number(withCallbacks.CallBackReq)).toBe(backend.received.length);

    // App B saw only its own: 2 accounts, 1 message, 1 group, 1 login, no callbacks.
    expect(
      await settled(adminB, { UpMsgNum: '1', LoginTimes: '1', GroupNewGroupNum: '1' }),
    ).toMatchObject({
      RegistUserNumOneDay: '2',
      UpMsgNum: '1',
      C2CUpMsgNum: '1',
      LoginTimes: '1',
      GroupNewGroupNum: '1',
      GroupAllGroupNum: '1',
      ChainIncrease: '0',
      CallBackReq: '0',
    });
  });

  /** Friend-table entries of the users (all fresh: every one was written today). */
  async function friendEntries(userIds: string[]): Promise<number> {
    let total = 0;
    for (const userId of userIds) {
      const envelope = await adminA.ok('sns', 'friend_get', {
        From_Account: userId,
        StartIndex: 0,
      });
      total += ((envelope.UserDataItem as unknown[] | undefined) ?? []).length;
    }
    return total;
  }

  it('keeps only the fields RequestField names, and Date', async () => {
    const full = await today(adminA);
    const envelope = await appInfo(adminA, { RequestField: ['UpMsgNum', 'AppId'] });

    expect(envelope.ErrorCode).toBe(0);
    const days = envelope.Result as Day[];
    expect(days).toHaveLength(30);
    for (const day of days) expect(Object.keys(day).sort()).toEqual(['AppId', 'Date', 'UpMsgNum']);
    expect(days[29]).toEqual({
      AppId: String(appA.sdkAppId),
      UpMsgNum: full.UpMsgNum,
      Date: utcDate(),
    });
    expect((await appInfo(adminA, { RequestField: [] })).Result as Day[]).toHaveLength(30);
  });

  it('refuses a body that is not JSON with 130001 and an unknown or malformed RequestField', async () => {
    const notJson = await adminA.call('openconfigsvr', 'getappinfo', undefined, {
      rawBody: '{nope',
    });
    expect(notJson).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: ErrorCode.ConfigBodyNotJson });

    const bad = (body: unknown): Promise<RestEnvelope> => appInfo(adminA, body);
    for (const body of [
      { RequestField: ['UpMsgNum', 'NoSuchField'] },
      { RequestField: 'UpMsgNum' },
      { RequestField: [7] },
    ]) {
      const envelope = await bad(body);
      expect(envelope).toMatchObject({ ActionStatus: 'FAIL' });
      expect(envelope.ErrorCode).toBe(ErrorCode.ConfigAccountInvalid);
      expect(envelope.Result).toBeUndefined();
    }
  });

  it('ConfigSvc/GetIPList answers the configured callback egress addresses', async () => {
    const envelope = await adminA.call('ConfigSvc', 'GetIPList', {});

    expect(envelope).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, IPList: EGRESS_IPS });
    expect((await adminA.call('configsvc', 'GetIPList', {})).ErrorCode).toBe(
      ErrorCode.ResourcePathWrong,
    );
  });
});
