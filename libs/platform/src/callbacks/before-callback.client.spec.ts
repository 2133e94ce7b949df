import { CallbackDispatcherRpc, ErrorCode, RemoteError } from '@im/contracts';
import type {
  AppCredentialsReply,
  AppSettings,
  BeforeCallbackReply,
  C2cBeforeSendMsgBody,
} from '@im/contracts';

import { createLogger } from '../logging/logger';
import { runWithRequestContext } from '../logging/request-context';
import type { NatsBus, RequestOptions } from '../nats/nats-bus';
import { RpcUnavailableError } from '../nats/rpc-unavailable.error';
import { BeforeCallbackClient } from './before-callback.client';

const APP = 1400000001;

const appWith = (settings: AppSettings): AppCredentialsReply => ({
  sdkAppId: APP,
  status: 'active',
  secretKey: 'k',
  keyVersion: 1,
  adminIdentifiers: ['administrator'],
  settings,
});

const ENABLED = appWith({
  callbacks: { url: 'http://h/cb', enabledCommands: ['C2C.CallbackBeforeSendMsg'] },
});

const BODY: C2cBeforeSendMsgBody = {
  From_Account: 'alice',
  To_Account: 'bob',
  MsgSeq: 1,
  MsgRandom: 2,
  MsgTime: 3,
  MsgKey: '1_2_3',
  OnlineOnlyFlag: 0,
  MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
};

/** Records requests and answers them as told. */
class FakeBus {
  readonly requests: { subject: string; payload: unknown; options?: RequestOptions }[] = [];
  answer: () => Promise<unknown> = () => Promise.resolve({ decision: 'allow' });

  request(subject: string, payload: unknown, options?: RequestOptions): Promise<unknown> {
    this.requests.push({ subject, payload, options });
    return this.answer();
  }
}

describe(BeforeCallbackClient.name, () => {
  let bus: FakeBus;
  let app: AppCredentialsReply | undefined;
  let settingsDown: boolean;
  let sut: BeforeCallbackClient;

  beforeEach(() => {
    bus = new FakeBus();
    app = ENABLED;
    settingsDown = false;
    sut = new BeforeCallbackClient(
      bus as unknown as NatsBus,
      {
        get: () =>
          settingsDown
            ? Promise.reject(new RpcUnavailableError('account.rpc.get-app-credentials', 'timeout'))
            : Promise.resolve(app),
      },
      createLogger('test', 'test', 'silent'),
      { callerId: 'message' },
    );
  });

  const inRequest = <T>(work: () => Promise<T>) =>
    runWithRequestContext(
      { requestId: 'req-1', sdkAppId: APP, role: 'user', callerId: 'alice' },
      work,
    );

  it('allows without a request, without building the body, when the app has no callback URL', async () => {
    app = appWith({ callbacks: { enabledCommands: ['C2C.CallbackBeforeSendMsg'] } });
    const build = jest.fn(() => BODY);

    await expect(inRequest(() => sut.check('C2C.CallbackBeforeSendMsg', build))).resolves.toEqual({
      decision: 'allow',
    });
    expect(build).not.toHaveBeenCalled();
    expect(bus.requests).toEqual([]);
  });

  it('allows without a request when the command is not enabled or the app is unknown', async () => {
    await expect(
      inRequest(() =>
        sut.check('Group.CallbackBeforeCreateGroup', {
          Operator_Account: 'a',
          Owner_Account: 'a',
          Type: 'Public',
          Name: 'g',
          CreateGroupNum: 0,
          MemberList: [],
        }),
      ),
    ).resolves.toEqual({ decision: 'allow' });
    app = undefined;
    await expect(inRequest(() => sut.check('C2C.CallbackBeforeSendMsg', BODY))).resolves.toEqual({
      decision: 'allow',
    });
    expect(bus.requests).toEqual([]);
  });

  it('asks the dispatcher as the current caller and returns its decision', async () => {
    const reject: BeforeCallbackReply = { decision: 'reject', code: ErrorCode.C2cCallbackRejected };
    bus.answer = () => Promise.resolve(reject);

    await expect(
      inRequest(() =>
        sut.check('C2C.CallbackBeforeSendMsg', () => BODY, {
          platform: 'Android',
          clientIp: '10.0.0.7',
        }),
      ),
    ).resolves.toEqual(reject);
    expect(bus.requests).toEqual([
      {
        subject: CallbackDispatcherRpc.Before,
        payload: {
          command: 'C2C.CallbackBeforeSendMsg',
          body: BODY,
          platform: 'Android',
          clientIp: '10.0.0.7',
        },
        options: {
          timeoutMs: 2500,
          context: { sdkAppId: APP, role: 'user', callerId: 'alice' },
        },
      },
    ]);
  });

  it('outside a request, acts as the service for the given app', async () => {
    await sut.check('C2C.CallbackBeforeSendMsg', BODY, { sdkAppId: APP });

    expect(bus.requests[0].options?.context).toEqual({
      sdkAppId: APP,
      role: 'service',
      callerId: 'message',
    });
  });

  it.each([
    [
      'the dispatcher times out',
      new RpcUnavailableError(CallbackDispatcherRpc.Before, 'timeout'),
      'timeout',
    ],
    [
      'nobody serves the subject',
      new RpcUnavailableError(CallbackDispatcherRpc.Before, 'no-responders'),
      'unavailable',
    ],
    [
      'the dispatcher answers an error',
      new RemoteError(60002, 'bad', CallbackDispatcherRpc.Before),
      'unavailable',
    ],
  ])('fails open when %s', async (_name, error, reason) => {
    bus.answer = () => Promise.reject(error);

    await expect(inRequest(() => sut.check('C2C.CallbackBeforeSendMsg', BODY))).resolves.toEqual({
      decision: 'allow',
      failedOpen: reason,
    });
  });

  it('fails open when the app settings cannot be read, or without an app', async () => {
    settingsDown = true;

    await expect(inRequest(() => sut.check('C2C.CallbackBeforeSendMsg', BODY))).resolves.toEqual({
      decision: 'allow',
      failedOpen: 'unavailable',
    });
    await expect(sut.check('C2C.CallbackBeforeSendMsg', BODY)).resolves.toEqual({
      decision: 'allow',
    });
    expect(bus.requests).toEqual([]);
  });

  it('fails open on an answer without a decision', async () => {
    bus.answer = () => Promise.resolve({});

    await expect(inRequest(() => sut.check('C2C.CallbackBeforeSendMsg', BODY))).resolves.toEqual({
      decision: 'allow',
      failedOpen: 'invalid-reply',
    });
  });
});
