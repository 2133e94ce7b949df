import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { AfterCallbackCommands } from '@im/contracts';
import type { AppReply } from '@im/contracts';
import { ImChat } from '@im/sdk';
import type { RestAdminClient } from '@im/sdk';
import { waitFor } from '@im/testing';

import { startAppsPlatform } from './support/apps-platform.util';
import type { AppsPlatform } from './support/apps-platform.util';

/** One callback request as the app backend received it. */
interface Received {
  params: Record<string, string>;
  keys: string[];
  eventId: string;
  body: Record<string, unknown>;
}

/** A local HTTP server standing in for an app backend: records callbacks, answers OK. */
class Backend {
  private constructor(
    private readonly server: http.Server,
    readonly received: Received[],
  ) {}

  static async start(): Promise<Backend> {
    const received: Received[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://backend');
        received.push({
          params: Object.fromEntries(url.searchParams),
          keys: [...url.searchParams.keys()],
          eventId: String(req.headers['x-im-event-id'] ?? ''),
          body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<
            string,
            unknown
          >,
        });
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new Backend(server, received);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/callback`;
  }

  /** Waits for a callback of the command whose body matches `predicate`. */
  next(command: string, predicate: (body: Record<string, unknown>) => boolean = () => true) {
    return waitFor(
      () =>
        this.received.find((r) => r.params.CallbackCommand === command && predicate(r.body)) ??
        null,
      { timeoutMs: 15_000, message: `callback ${command}` },
    );
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const TOKEN = 'e2e-callback-token';
const SOURCE = 'AddSource_Type_Web';
const G = 'group_open_http_svc';

/**
 * Third-party after-callbacks through the whole platform (services as processes): REST
 * commands and a WebSocket login of an app reach the app's backend (a local HTTP server) with
 * docs/callbacks.md's query, Sign and body; another app's backend gets none of them.
 */
describe('third-party callbacks end to end', () => {
  let setup: AppsPlatform;
  let backend: Backend;
  let otherBackend: Backend;
  let app: AppReply;
  let otherApp: AppReply;
  let admin: RestAdminClient;
  let otherAdmin: RestAdminClient;

  const expectSigned = (r: Received, sdkAppId: number) => {
    expect(r.keys).toEqual([
      'SdkAppid',
      'CallbackCommand',
      'contenttype',
      'ClientIP',
      'OptPlatform',
      'Sign',
      'RequestTime',
    ]);
    expect(r.params.SdkAppid).toBe(String(sdkAppId));
    expect(r.params.contenttype).toBe('json');
    expect(r.params.Sign).toBe(
      createHash('sha256').update(`${TOKEN}${r.params.RequestTime}`).digest('hex'),
    );
    expect(r.body.CallbackCommand).toBe(r.params.CallbackCommand);
    expect(r.eventId).toMatch(/^[0-9a-f-]{36}$/);
  };

  beforeAll(async () => {
    backend = await Backend.start();
    otherBackend = await Backend.start();
    setup = await startAppsPlatform({
      services: [
        'account',
        'profile',
        'relation',
        'group',
        'conn-gateway',
        'message',
        'callback-dispatcher',
        'api-gateway',
      ],
      apps: [
        {
          name: 'callbacks-e2e',
          settings: {
            callbacks: {
              url: backend.url,
              authentication: { token: TOKEN },
              enabledCommands: [...AfterCallbackCommands],
            },
          },
        },
        {
          name: 'callbacks-e2e-other',
          settings: {
            callbacks: { url: otherBackend.url, enabledCommands: [...AfterCallbackCommands] },
          },
        },
      ],
    });
    [app, otherApp] = setup.apps;
    [admin, otherAdmin] = setup.admins;
    for (const a of [admin, otherAdmin])
      await a.ok('im_open_login_svc', 'multiaccount_import', {
        Accounts: ['alice', 'bob', 'carol'],
      });
  }, 180_000);

  afterAll(async () => {
    await setup?.sdk.closeAll();
    await backend?.stop();
    await otherBackend?.stop();
    await setup?.stop();
  });

  it('State.StateChange for a WebSocket login', async () => {
    await setup.sdk.clientOf(app, 'carol');

    const login = await backend.next(
      'State.StateChange',
      (b) => (b.Info as { To_Account: string }).To_Account === 'carol',
    );
    expectSigned(login, app.sdkAppId);
    expect(login.body).toMatchObject({ Info: { Action: 'Login', Reason: 'Register' } });
    expect(login.body.EventTime).toEqual(expect.any(Number));
  });

  it('Profile.CallbackPortraitSet for portrait_set', async () => {
    await admin.ok('profile', 'portrait_set', {
      From_Account: 'alice',
      ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Alice' }],
    });

    const cb = await backend.next('Profile.CallbackPortraitSet', (b) => b.From_Account === 'alice');
    expectSigned(cb, app.sdkAppId);
    expect(cb.params.OptPlatform).toBe('RESTAPI');
    expect(cb.body).toMatchObject({
      Operator_Account: 'administrator',
      ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Alice' }],
    });
  });

  it('Sns callbacks for friend_add, black_list_add and black_list_delete', async () => {
    for (const user of ['alice', 'bob'])
      await admin.ok('profile', 'portrait_set', {
        From_Account: user,
        ProfileItem: [{ Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_AllowAny' }],
      });
    await admin.ok('sns', 'friend_add', {
      From_Account: 'alice',
      AddFriendItem: [{ To_Account: 'bob', AddSource: SOURCE }],
    });
    await admin.ok('sns', 'black_list_add', { From_Account: 'alice', To_Account: ['carol'] });
    await admin.ok('sns', 'black_list_delete', { From_Account: 'alice', To_Account: ['carol'] });

    const added = await backend.next('Sns.CallbackFriendAdd', (b) =>
      JSON.stringify(b.PairList).includes('"From_Account":"alice","To_Account":"bob"'),
    );
    expectSigned(added, app.sdkAppId);
    expect(added.body).toMatchObject({ ClientCmd: 'friend_add', Admin_Account: 'administrator' });
    const blocked = await backend.next('Sns.CallbackBlackListAdd');
    expect(blocked.body.PairList).toEqual([{ From_Account: 'alice', To_Account: 'carol' }]);
    const unblocked = await backend.next('Sns.CallbackBlackListDelete');
    expect(unblocked.body.PairList).toEqual([{ From_Account: 'alice', To_Account: 'carol' }]);
  });

  it('group lifecycle callbacks for create_group, add_group_member and destroy_group', async () => {
    const created = await admin.ok(G, 'create_group', {
      Type: 'Public',
      Name: 'callbacks',
      Owner_Account: 'alice',
      MemberList: [{ Member_Account: 'bob' }],
    });
    const GroupId = created.GroupId as string;
    await admin.ok(G, 'add_group_member', { GroupId, MemberList: [{ Member_Account: 'carol' }] });
    await admin.ok(G, 'destroy_group', { GroupId });

    const create = await backend.next(
      'Group.CallbackAfterCreateGroup',
      (b) => b.GroupId === GroupId,
    );
    expectSigned(create, app.sdkAppId);
    expect(create.body).toMatchObject({
      Type: 'Public',
      Name: 'callbacks',
      Owner_Account: 'alice',
      MemberList: expect.arrayContaining([{ Member_Account: 'alice' }, { Member_Account: 'bob' }]),
    });
    const joined = await backend.next(
      'Group.CallbackAfterNewMemberJoin',
      (b) => b.GroupId === GroupId,
    );
    expect(joined.body).toMatchObject({
      JoinType: 'Invited',
      NewMemberList: [{ Member_Account: 'carol' }],
    });
    const destroyed = await backend.next(
      'Group.CallbackAfterGroupDestroyed',
      (b) => b.GroupId === GroupId,
    );
    expect(destroyed.body).toMatchObject({ Type: 'Public', Name: 'callbacks' });
  });

  it('C2C.CallbackAfterSendMsg for a message sent from the SDK', async () => {
    const client = await setup.sdk.clientOf(app, 'alice');
    const chat = new ImChat(client);
    const MsgBody = [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: 'hello callbacks' } }];
    const sent = await chat.sendC2C('bob', MsgBody);

    const cb = await backend.next('C2C.CallbackAfterSendMsg', (b) => b.MsgSeq === sent.seq);
    expectSigned(cb, app.sdkAppId);
    expect(cb.body).toMatchObject({
      From_Account: 'alice',
      To_Account: 'bob',
      MsgBody,
      SendMsgResult: 0,
    });
  });

  it('Group.CallbackAfterReadReceipt for group_msg_receipt', async () => {
    const created = await admin.ok(G, 'create_group', {
      Type: 'Private',
      Name: 'receipts',
      Owner_Account: 'alice',
      MemberList: [{ Member_Account: 'bob' }, { Member_Account: 'carol' }],
    });
    const GroupId = created.GroupId as string;
    const sent = await admin.ok(G, 'send_group_msg', {
      GroupId,
      From_Account: 'alice',
      Random: 7,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'read me' } }],
    });
    const MsgSeq = sent.MsgSeq as number;
    await admin.ok(G, 'group_msg_receipt', {
      GroupId,
      Operator_Account: 'bob',
      MsgSeqList: [{ MsgSeq }],
    });

    const cb = await backend.next('Group.CallbackAfterReadReceipt', (b) => b.GroupId === GroupId);
    expectSigned(cb, app.sdkAppId);
    expect(cb.body).toMatchObject({
      Type: 'Private',
      GroupMsgReceiptList: [
        { MsgSeq, ReadNum: 1, UnreadNum: 1, ReadReceiptMembers: [{ Member_Account: 'bob' }] },
      ],
    });
  });

  it('C2C.CallbackAfterC2CMsgExtension for set_key_values', async () => {
    const sent = await admin.ok('openim', 'sendmsg', {
      From_Account: 'alice',
      To_Account: 'bob',
      MsgRandom: 4242,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'vote' } }],
    });
    const MsgKey = sent.MsgKey as string;
    await admin.ok('openim_msg_ext_http_svc', 'set_key_values', {
      From_Account: 'alice',
      To_Account: 'bob',
      MsgKey,
      OperateType: 1,
      ExtensionList: [{ Key: 'bob', Value: 'yes', Seq: 0 }],
    });

    const cb = await backend.next('C2C.CallbackAfterC2CMsgExtension', (b) => b.MsgKey === MsgKey);
    expectSigned(cb, app.sdkAppId);
    expect(cb.body).toMatchObject({
      From_Account: 'alice',
      To_Account: 'bob',
      OperateType: 1,
      ExtensionList: [{ Key: 'bob', Value: 'yes', Seq: 1 }],
      Seq: 1,
    });
  });

  it('another app’s backend gets none of it, and gets its own', async () => {
    await otherAdmin.ok('sns', 'black_list_add', { From_Account: 'bob', To_Account: ['carol'] });

    const own = await otherBackend.next('Sns.CallbackBlackListAdd');
    expect(own.params.SdkAppid).toBe(String(otherApp.sdkAppId));
    expect(own.params).not.toHaveProperty('Sign');
    expect(
      otherBackend.received.every((r) => r.params.SdkAppid === String(otherApp.sdkAppId)),
    ).toBe(true);
    expect(backend.received.every((r) => r.params.SdkAppid === String(app.sdkAppId))).toBe(true);
  });
});
