/**
 * Before-callbacks end to end on real servers: `callback-dispatcher.rpc.before` (and the
 * platform's BeforeCallbackClient the owning services use) against a local HTTP receiver
 * standing in for the app backend: allow, reject (documented and app-defined codes), rewrite,
 * fail open (slow, failing, unreachable backend), and apps that do not wait for each other.
 */
import { ErrorCode } from '@im/contracts';
import type { C2cBeforeSendMsgBody } from '@im/contracts';
import {
  AppRegistryCache,
  BeforeCallbackClient,
  createLogger,
  runWithRequestContext,
} from '@im/platform';
import { waitFor } from '@im/testing';

import { byAdmin, byUser, CallbackWorld } from './callback.harness';
import { CallbackReceiver, expectedSign, OK_ANSWER } from './callback-receiver';

let world: CallbackWorld;
let receiver: CallbackReceiver;

beforeAll(async () => {
  world = await CallbackWorld.start();
  receiver = await CallbackReceiver.start();
}, 120_000);

afterAll(async () => {
  await receiver?.stop();
  await world?.stop();
});

beforeEach(() => {
  receiver.respond = () => ({ body: OK_ANSWER });
});

const TOKEN = 'before-token';
const C2C = 'C2C.CallbackBeforeSendMsg' as const;
const BODY: C2cBeforeSendMsgBody = {
  From_Account: 'alice',
  To_Account: 'bob',
  MsgSeq: 0,
  MsgRandom: 12345,
  MsgTime: 1714557600,
  MsgKey: '0_12345_1714557600',
  OnlineOnlyFlag: 0,
  MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }],
  CloudCustomData: 'original',
};
const answer = (ErrorCode: number, extra: Record<string, unknown> = {}) => ({
  body: { ActionStatus: 'OK', ErrorCode, ErrorInfo: 'app says no', ...extra },
});

/** An app whose backend is `r`, with every before-callback enabled. */
function appOf(r: CallbackReceiver, token?: string): Promise<number> {
  return world.newApp({
    url: r.url,
    ...(token && { authentication: { token } }),
    enabledCommands: [
      'C2C.CallbackBeforeSendMsg',
      'Group.CallbackBeforeSendMsg',
      'Group.CallbackBeforeCreateGroup',
      'Group.CallbackBeforeApplyJoinGroup',
      'Group.CallbackBeforeInviteJoinGroup',
      'Sns.CallbackPrevFriendAdd',
      'Sns.CallbackPrevFriendResponse',
    ],
  });
}

describe('before-callbacks', () => {
  let app: number;

  beforeAll(async () => {
    app = await appOf(receiver, TOKEN);
  });

  it('allows on ErrorCode 0, after a request with the documented query, body and Sign', async () => {
    const reply = await world.before(app, {
      command: C2C,
      body: BODY,
      platform: 'Android',
      clientIp: '10.1.2.3',
    });

    expect(reply).toEqual({ decision: 'allow' });
    const [cb] = receiver.of(C2C, app);
    expect(cb.query.map(([k]) => k)).toEqual([
      'SdkAppid',
      'CallbackCommand',
      'contenttype',
      'ClientIP',
      'OptPlatform',
      'Sign',
      'RequestTime',
    ]);
    expect(cb.params).toMatchObject({
      SdkAppid: String(app),
      CallbackCommand: C2C,
      contenttype: 'json',
      ClientIP: '10.1.2.3',
      OptPlatform: 'Android',
    });
    expect(cb.params.Sign).toBe(expectedSign(TOKEN, cb.params.RequestTime));
    expect(cb.headers['content-type']).toBe('application/json');
    expect(Object.keys(cb.body)[0]).toBe('CallbackCommand');
    expect(cb.body).toEqual({ CallbackCommand: C2C, ...BODY, EventTime: expect.any(Number) });
  });

  it('names RESTAPI as the platform of an admin request by default', async () => {
    await world.before(app, { command: C2C, body: { ...BODY, MsgRandom: 2 } }, byAdmin);

    const cb = await receiver.next(C2C, (c) => c.body.MsgRandom === 2);
    expect(cb.params.OptPlatform).toBe('RESTAPI');
    expect(cb.params.ClientIP).toBe('');
  });

  it('rejects a C2C message with 20006 on ErrorCode 1 and passes ErrorInfo', async () => {
    receiver.respond = () => answer(1);

    await expect(world.before(app, { command: C2C, body: BODY })).resolves.toEqual({
      decision: 'reject',
      code: ErrorCode.C2cCallbackRejected,
      info: 'app says no',
    });
  });

  it('rejects with the app-defined code of the command’s range', async () => {
    receiver.respond = (cb) => answer(cb.command === C2C ? 120123 : 10150);

    await expect(world.before(app, { command: C2C, body: BODY })).resolves.toMatchObject({
      decision: 'reject',
      code: 120123,
    });
    await expect(
      world.before(app, {
        command: 'Group.CallbackBeforeApplyJoinGroup',
        body: { GroupId: '@TGS#1', Type: 'Public', Requestor_Account: 'carol' },
      }),
    ).resolves.toMatchObject({ decision: 'reject', code: 10150 });
  });

  it('rejects a group creation with 10016 on ErrorCode 1', async () => {
    receiver.respond = () => answer(1);

    await expect(
      world.before(app, {
        command: 'Group.CallbackBeforeCreateGroup',
        body: {
          Operator_Account: 'alice',
          Owner_Account: 'alice',
          Type: 'Public',
          Name: 'G',
          CreateGroupNum: 0,
          MemberList: [{ Member_Account: 'bob' }],
        },
      }),
    ).resolves.toEqual({
      decision: 'reject',
      code: ErrorCode.GroupCallbackRejected,
      info: 'app says no',
    });
  });

  it('rewrites the message body and custom data', async () => {
    const MsgBody = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'filtered' } }];
    receiver.respond = () => answer(0, { MsgBody, CloudCustomData: 'rewritten' });

    await expect(
      world.before(app, {
        command: 'Group.CallbackBeforeSendMsg',
        body: {
          GroupId: '@TGS#1',
          Type: 'Public',
          From_Account: 'alice',
          Operator_Account: 'alice',
          Random: 1,
          OnlineOnlyFlag: 0,
          MsgBody: BODY.MsgBody,
        },
      }),
    ).resolves.toEqual({ decision: 'rewrite', rewrite: { MsgBody, CloudCustomData: 'rewritten' } });
  });

  it('passes the members an invitation refused and per-friend results', async () => {
    receiver.respond = (cb) =>
      cb.command === 'Group.CallbackBeforeInviteJoinGroup'
        ? answer(0, { RefusedMembers_Account: ['dave'] })
        : answer(0, { ResultItem: [{ To_Account: 'bob', ResultCode: 38001, ResultInfo: 'no' }] });

    await expect(
      world.before(app, {
        command: 'Group.CallbackBeforeInviteJoinGroup',
        body: {
          GroupId: '@TGS#1',
          Type: 'Public',
          Operator_Account: 'alice',
          DestinationMembers: [{ Member_Account: 'carol' }, { Member_Account: 'dave' }],
        },
      }),
    ).resolves.toEqual({ decision: 'allow', refusedMembers: ['dave'] });
    await expect(
      world.before(app, {
        command: 'Sns.CallbackPrevFriendAdd',
        body: {
          Requester_Account: 'alice',
          From_Account: 'alice',
          FriendItem: [
            {
              To_Account: 'bob',
              Remark: '',
              GroupName: '',
              AddSource: 'AddSource_Type_Web',
              AddWording: '',
            },
          ],
          AddType: 'Add_Type_Both',
          ForceAddFlags: 0,
        },
      }),
    ).resolves.toEqual({
      decision: 'allow',
      friendResults: [{ toAccount: 'bob', code: 38001, info: 'no' }],
    });
  });

  it('allows without any request when the command is not enabled or the app has no URL', async () => {
    const narrow = await world.newApp({
      url: receiver.url,
      enabledCommands: ['State.StateChange'],
    });
    const none = await world.newApp();
    const before = receiver.received.length;

    await expect(world.before(narrow, { command: C2C, body: BODY })).resolves.toEqual({
      decision: 'allow',
    });
    await expect(world.before(none, { command: C2C, body: BODY })).resolves.toEqual({
      decision: 'allow',
    });
    expect(receiver.received.length).toBe(before);
  });

  describe('fails open', () => {
    it('when the backend takes longer than 2 s', async () => {
      receiver.respond = () => ({ hang: true });

      await expect(world.before(app, { command: C2C, body: BODY })).resolves.toEqual({
        decision: 'allow',
        failedOpen: 'timeout',
      });
      receiver.release();
    });

    it.each([
      ['a 5xx status', { status: 503, body: { ActionStatus: 'OK', ErrorCode: 1 } }, 'http-status'],
      ['a body that is not JSON', { body: '<html>busy</html>' }, 'invalid-reply'],
      [
        'ActionStatus FAIL',
        { body: { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: '' } },
        'invalid-reply',
      ],
    ])('on %s', async (_name, reply, reason) => {
      receiver.respond = () => reply;

      await expect(world.before(app, { command: C2C, body: BODY })).resolves.toEqual({
        decision: 'allow',
        failedOpen: reason,
      });
    });

    it('when the backend is unreachable', async () => {
      const gone = await CallbackReceiver.start();
      const sdkAppId = await appOf(gone);
      await gone.stop();

      await expect(world.before(sdkAppId, { command: C2C, body: BODY })).resolves.toEqual({
        decision: 'allow',
        failedOpen: 'connect-failed',
      });
    });
  });

  it('a slow backend does not hold up another app’s before-callbacks', async () => {
    const slow = await CallbackReceiver.start();
    const fast = await CallbackReceiver.start();
    try {
      const slowApp = await appOf(slow);
      const fastApp = await appOf(fast);
      slow.respond = () => ({ hang: true });
      let slowHeldWhenFastArrived = -1;
      fast.respond = () => {
        slowHeldWhenFastArrived = slow.holding;
        return answer(1);
      };

      const slowReplies = [1, 2, 3].map(() => world.before(slowApp, { command: C2C, body: BODY }));
      await waitFor(() => slow.holding === 3, { message: 'the slow backend holds 3 requests' });
      const fastReply = await world.before(fastApp, { command: C2C, body: BODY });

      expect(fastReply.decision).toBe('reject');
      expect(slowHeldWhenFastArrived).toBe(3);
      for (const reply of await Promise.all(slowReplies))
        expect(reply).toEqual({ decision: 'allow', failedOpen: 'timeout' });
    } finally {
      await slow.stop();
      await fast.stop();
    }
  });

  it('BeforeCallbackClient: what the owning services call', async () => {
    const logger = createLogger('callback-test', 'client', 'silent');
    const credentials = new AppRegistryCache(world.bus, logger, {
      ttlMs: 30_000,
      negativeTtlMs: 1000,
      maxEntries: 100,
      callerId: 'message',
    });
    const client = new BeforeCallbackClient(world.bus, credentials, logger, {
      callerId: 'message',
    });
    receiver.respond = () => answer(120001);
    const none = await world.newApp();

    const verdict = await runWithRequestContext(
      { requestId: 'r-client', sdkAppId: app, ...byUser('alice') },
      () => client.check(C2C, () => BODY, { platform: 'Web' }),
    );
    const off = await runWithRequestContext(
      { requestId: 'r-client-2', sdkAppId: none, ...byUser('alice') },
      () => client.check(C2C, BODY),
    );

    expect(verdict).toEqual({ decision: 'reject', code: 120001, info: 'app says no' });
    expect(off).toEqual({ decision: 'allow' });
  });
});
