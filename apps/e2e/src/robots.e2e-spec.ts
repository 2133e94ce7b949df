import type { AppReply, ChatMessage } from '@im/contracts';
import { ImChat } from '@im/sdk';
import type { RestAdminClient, RestEnvelope } from '@im/sdk';
import { waitFor } from '@im/testing';

import { CallbackBackend } from './callback-backend';
import { startAppsPlatform } from './support/apps-platform.util';
import type { AppsPlatform } from './support/apps-platform.util';

const ROBOT = 'openim_robot_http_svc';
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

/**
 * `openim_robot_http_svc` (create_robot, get_all_robots, delete_robot) over HTTP as an app backend
 * sends it, with Tencent's field names and codes, and a robot's conversation end to end: a user's
 * message to the robot reaches the backend as `Bot.OnC2CMessage`, the backend's `sendmsg` as the
 * robot reaches the user's SDK as the robot's message.
 */
describe('robots over REST and the SDK', () => {
  let setup: AppsPlatform;
  let backend: CallbackBackend;
  let app: AppReply;
  let admin: RestAdminClient;
  let otherAdmin: RestAdminClient;

  const call = (command: string, body: unknown, client = admin): Promise<RestEnvelope> =>
    client.call(ROBOT, command, body);

  async function chatOf(userId: string): Promise<{ chat: ImChat; received: ChatMessage[] }> {
    const client = setup.sdk.create(app, userId);
    const chat = new ImChat(client);
    const received: ChatMessage[] = [];
    chat.on('message', (m) => received.push(m));
    await client.connect();
    return { chat, received };
  }

  beforeAll(async () => {
    backend = await CallbackBackend.start();
    setup = await startAppsPlatform({
      services: [
        'account',
        'profile',
        'relation',
        'conn-gateway',
        'message',
        'callback-dispatcher',
        'api-gateway',
      ],
      apps: [
        {
          name: 'robots-e2e',
          settings: { callbacks: { url: backend.url, enabledCommands: ['Bot.OnC2CMessage'] } },
        },
        { name: 'robots-e2e-other' },
      ],
    });
    [app] = setup.apps;
    [admin, otherAdmin] = setup.admins;
    await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ['r-ann'] });
  }, 180_000);

  afterAll(async () => {
    await setup?.sdk.closeAll();
    await backend?.stop();
    await setup?.stop();
  });

  it('creates a robot once per UserID, with its profile, and lists it', async () => {
    const body = {
      UserID: '@RBT#jarvis',
      Nick: 'Jarvis',
      FaceUrl: 'https://example.com/jarvis.png',
      SelfSignature: 'hello, world',
    };
    const created = await call('create_robot', body);
    const again = await call('create_robot', body);
    const listed = await call('get_all_robots', {});

    expect(created).toEqual(OK);
    expect(typeof created.ActionStatus).toBe('string');
    expect(typeof created.ErrorCode).toBe('number');
    expect(typeof created.ErrorInfo).toBe('string');
    expect(again).toEqual(OK);
    expect(listed).toEqual({ ...OK, Robot_Account: ['@RBT#jarvis'] });
    expect(
      await admin.call('im_open_login_svc', 'account_check', {
        CheckItem: [{ UserID: '@RBT#jarvis' }],
      }),
    ).toMatchObject({ ResultItem: [{ UserID: '@RBT#jarvis', AccountStatus: 'Imported' }] });
    const profile = await waitFor(
      async () => {
        const r = await admin.call('profile', 'portrait_get', {
          To_Account: ['@RBT#jarvis'],
          TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image', 'Tag_Profile_IM_SelfSignature'],
        });
        const items = (r.UserProfileItem as { ProfileItem: unknown[] }[] | undefined)?.[0]
          ?.ProfileItem;
        return items?.length === 3 ? items : null;
      },
      { timeoutMs: 10_000, message: 'robot profile' },
    );
    expect(profile).toEqual(
      expect.arrayContaining([
        { Tag: 'Tag_Profile_IM_Nick', Value: 'Jarvis' },
        { Tag: 'Tag_Profile_IM_Image', Value: 'https://example.com/jarvis.png' },
        { Tag: 'Tag_Profile_IM_SelfSignature', Value: 'hello, world' },
      ]),
    );
  });

  it('hands a user’s message to the robot to the backend (Bot.OnC2CMessage) and delivers the backend’s reply as the robot’s', async () => {
    await call('create_robot', { UserID: '@RBT#echo' });
    const ann = await chatOf('r-ann');
    const MsgBody = [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: 'what time is it?' } }];
    const sent = await ann.chat.sendC2C('@RBT#echo', MsgBody);

    const cb = await backend.next('Bot.OnC2CMessage', (b) => b.MsgSeq === sent.seq);
    expect(cb.params.CallbackCommand).toBe('Bot.OnC2CMessage');
    expect(cb.body).toEqual({
      CallbackCommand: 'Bot.OnC2CMessage',
      From_Account: 'r-ann',
      To_Account: '@RBT#echo',
      MsgSeq: sent.seq,
      MsgRandom: expect.any(Number),
      MsgTime: expect.any(Number),
      MsgKey: expect.any(String),
      OnlineOnlyFlag: 0,
      SendMsgResult: 0,
      ErrorInfo: 'send msg succeed',
      MsgBody,
      CloudCustomData: '',
      EventTime: expect.any(Number),
    });

    const reply = await admin.call('openim', 'sendmsg', {
      From_Account: '@RBT#echo',
      To_Account: 'r-ann',
      MsgRandom: 515,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'noon' } }],
    });
    expect(reply).toMatchObject(OK);
    const answer = await waitFor(
      () => ann.received.find((m) => m.from === '@RBT#echo' && m.random === 515) ?? null,
      { timeoutMs: 10_000, message: 'the robot’s reply' },
    );
    expect(answer.body).toEqual([{ MsgType: 'TIMTextElem', MsgContent: { Text: 'noon' } }]);
  });

  it('delete_robot leaves an ordinary account: no longer listed, no more Bot.OnC2CMessage', async () => {
    await call('create_robot', { UserID: '@RBT#gone' });
    const ann = await chatOf('r-ann');

    expect(await call('delete_robot', { Robot_Account: '@RBT#gone' })).toEqual(OK);
    const listed = await call('get_all_robots', {});
    expect(listed.Robot_Account).not.toContain('@RBT#gone');
    expect(
      await admin.call('im_open_login_svc', 'account_check', {
        CheckItem: [{ UserID: '@RBT#gone' }],
      }),
    ).toMatchObject({ ResultItem: [{ AccountStatus: 'Imported' }] });

    // a message to the deleted robot, then one to a live robot: the live one's callback
    // arrives, the deleted one's never does
    const toGone = await ann.chat.sendC2C('@RBT#gone', [
      { MsgType: 'TIMTextElem', MsgContent: { Text: 'anyone?' } },
    ]);
    const toEcho = await ann.chat.sendC2C('@RBT#echo', [
      { MsgType: 'TIMTextElem', MsgContent: { Text: 'still there?' } },
    ]);
    await backend.next(
      'Bot.OnC2CMessage',
      (b) => b.MsgSeq === toEcho.seq && b.To_Account === '@RBT#echo',
    );
    expect(
      backend.find(
        'Bot.OnC2CMessage',
        (b) => b.To_Account === '@RBT#gone' && b.MsgSeq === toGone.seq,
      ),
    ).toBeUndefined();
  });

  it.each([
    ['a UserID without @RBT#', 'create_robot', { UserID: 'jarvis' }, 10004],
    ['a UserID of 33 bytes', 'create_robot', { UserID: `@RBT#${'x'.repeat(28)}` }, 10004],
    ['no UserID', 'create_robot', { Nick: 'n' }, 10004],
    [
      'a SelfSignature of 501 bytes',
      'create_robot',
      { UserID: '@RBT#s', SelfSignature: 's'.repeat(501) },
      10004,
    ],
    ['a Robot_Account that is no robot', 'delete_robot', { Robot_Account: '@RBT#never' }, 10004],
    ['a Robot_Account without @RBT#', 'delete_robot', { Robot_Account: 'r-ann' }, 10004],
    ['no Robot_Account', 'delete_robot', {}, 10004],
  ])('answers %s (%s) with %i', async (_case, command, body, code) => {
    expect(await call(command, body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
  });

  it('refuses a 21st robot with 10008', async () => {
    const have = ((await call('get_all_robots', {})).Robot_Account as string[]).length;
    for (let i = have; i < 20; i++) {
      expect(await call('create_robot', { UserID: `@RBT#fill${i}` })).toEqual(OK);
    }

    expect(await call('create_robot', { UserID: '@RBT#one-too-many' })).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: 10008,
    });
    expect((await call('get_all_robots', {})).Robot_Account).toHaveLength(20);
    expect(await call('create_robot', { UserID: '@RBT#jarvis' })).toEqual(OK);
  });

  it('keeps apps apart: another app sees none of the robots and cannot delete them', async () => {
    expect(await call('get_all_robots', {}, otherAdmin)).toEqual({ ...OK, Robot_Account: [] });
    expect(await call('delete_robot', { Robot_Account: '@RBT#jarvis' }, otherAdmin)).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: 10004,
    });
    expect((await call('get_all_robots', {})).Robot_Account).toContain('@RBT#jarvis');
  });
});
