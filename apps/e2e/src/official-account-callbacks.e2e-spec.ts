import type { AppReply } from '@im/contracts';
import { ImOfficialAccounts } from '@im/sdk';
import type { RestAdminClient } from '@im/sdk';

import { CallbackBackend } from './callback-backend';
import { shapeProblems } from './reply-shape';
import { startAppsPlatform } from './support/apps-platform.util';
import type { AppsPlatform } from './support/apps-platform.util';

const OA = 'official_account_open_http_svc';

/** Tencent's body of both subscriber callbacks (pages 1047/60800, 60802), by name and type. */
const SUBSCRIBERS_SHAPE = {
  CallbackCommand: 'string',
  Official_Account: 'string',
  Operator_Account: 'string',
  SubscribeAccountList: [{ Subscriber_Account: 'string' }],
  EventTime: 'int',
};

/**
 * Official-account after-callbacks (docs/callbacks.md §3.6, §4.16):
 * `OfficialAccount.CallbackAfterAddSubscriber` and `OfficialAccount.CallbackAfterDeleteSubscriber`
 * reach the app backend for REST add/delete_subscriber and for a client's own subscribe and
 * unsubscribe, and `OfficialAccount.CallbackAfterOfficialAccountFull` when the last place is
 * taken, with Tencent's fields; an app that did not enable them, or another app, gets none.
 * `OfficialAccount.CallbackBeforeAddSubscriber` (page 1047/60799) is asked before a subscription
 * and may refuse it all (ErrorCode 1: 10016) or some users (`RefusedSubscribers_Account`:
 * Result 0); `CallbackAfterCreateOfficialAccount`, `CallbackAfterOfficialAccountInfoChanged`
 * (the values after the change) and `CallbackAfterOfficialAccountDestroyed` (pages 60796–60798)
 * report the App admin's create / modify / destroy.
 */
describe('official-account callbacks', () => {
  let setup: AppsPlatform;
  let backend: CallbackBackend;
  let app: AppReply;
  let quietApp: AppReply;
  let admin: RestAdminClient;
  let quietAdmin: RestAdminClient;

  const clientOf = (userId: string) => setup.sdk.clientOf(app, userId);

  beforeAll(async () => {
    backend = await CallbackBackend.start();
    setup = await startAppsPlatform({
      services: [
        'account',
        'profile',
        'relation',
        'group',
        'message',
        'conn-gateway',
        'callback-dispatcher',
        'api-gateway',
      ],
      apps: [
        {
          name: 'oa-callbacks-e2e',
          settings: {
            callbacks: {
              url: backend.url,
              enabledCommands: [
                'OfficialAccount.CallbackAfterAddSubscriber',
                'OfficialAccount.CallbackAfterDeleteSubscriber',
                'OfficialAccount.CallbackAfterOfficialAccountFull',
                'OfficialAccount.CallbackBeforeAddSubscriber',
                'OfficialAccount.CallbackAfterCreateOfficialAccount',
                'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
                'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
                'OfficialAccount.CallbackAfterSendMsg',
                'OfficialAccount.CallbackBeforeSendMsg',
                'Group.CallbackBeforeSendMsg',
                'Group.CallbackAfterSendMsg',
                'Group.CallbackAfterRecallMsg',
              ],
            },
          },
        },
        // same backend, nothing enabled: proves the app's switches are honoured
        {
          name: 'oa-callbacks-e2e-quiet',
          settings: { callbacks: { url: backend.url, enabledCommands: [] } },
        },
      ],
    });
    [app, quietApp] = setup.apps;
    [admin, quietAdmin] = setup.admins;
    for (const a of [admin, quietAdmin]) {
      await a.ok('im_open_login_svc', 'multiaccount_import', {
        Accounts: ['cb-owner', 'cb-ann', 'cb-bob', 'cb-cat', 'cb-dan'],
      });
      await a.ok(OA, 'create_official_account', {
        OfficialAccountUserID: '@TOA#_cb_news',
        Owner_Account: 'cb-owner',
        Name: 'News',
      });
    }
  }, 180_000);

  afterAll(async () => {
    await setup?.sdk.closeAll();
    await backend?.stop();
    await setup?.stop();
  });

  it('reports REST add_subscriber and delete_subscriber with every documented field', async () => {
    await quietAdmin.ok(OA, 'add_subscriber', {
      Official_Account: '@TOA#_cb_news',
      SubscriberList: [{ Subscriber_Account: 'cb-cat' }],
    });
    await admin.ok(OA, 'add_subscriber', {
      Official_Account: '@TOA#_cb_news',
      SubscriberList: [{ Subscriber_Account: 'cb-ann' }, { Subscriber_Account: 'cb-bob' }],
    });

    const added = await backend.next('OfficialAccount.CallbackAfterAddSubscriber');
    expect(added.params.SdkAppid).toBe(String(app.sdkAppId));
    expect(added.params.CallbackCommand).toBe('OfficialAccount.CallbackAfterAddSubscriber');
    expect(shapeProblems(added.body, SUBSCRIBERS_SHAPE)).toEqual([]);
    expect(added.body).toMatchObject({
      CallbackCommand: 'OfficialAccount.CallbackAfterAddSubscriber',
      Official_Account: '@TOA#_cb_news',
      Operator_Account: app.adminIdentifiers[0],
      SubscribeAccountList: [{ Subscriber_Account: 'cb-ann' }, { Subscriber_Account: 'cb-bob' }],
    });

    await admin.ok(OA, 'delete_subscriber', {
      Official_Account: '@TOA#_cb_news',
      SubscriberList: [{ Subscriber_Account: 'cb-bob' }],
    });
    const deleted = await backend.next('OfficialAccount.CallbackAfterDeleteSubscriber');
    expect(shapeProblems(deleted.body, SUBSCRIBERS_SHAPE)).toEqual([]);
    expect(deleted.body).toMatchObject({
      CallbackCommand: 'OfficialAccount.CallbackAfterDeleteSubscriber',
      Official_Account: '@TOA#_cb_news',
      Operator_Account: app.adminIdentifiers[0],
      SubscribeAccountList: [{ Subscriber_Account: 'cb-bob' }],
    });
    // the quiet app's subscription, made first, produced nothing
    expect(backend.received.filter((r) => r.params.SdkAppid === String(quietApp.sdkAppId))).toEqual(
      [],
    );
  });

  it('reports a client’s own subscribe and unsubscribe with the user as operator', async () => {
    const cat = new ImOfficialAccounts(await clientOf('cb-cat'));

    expect(await cat.subscribe('@TOA#_cb_news')).toBe(true);
    const added = await backend.next('OfficialAccount.CallbackAfterAddSubscriber', (b) =>
      JSON.stringify(b.SubscribeAccountList).includes('cb-cat'),
    );
    expect(added.body).toMatchObject({
      Official_Account: '@TOA#_cb_news',
      Operator_Account: 'cb-cat',
      SubscribeAccountList: [{ Subscriber_Account: 'cb-cat' }],
    });
    expect(added.params.OptPlatform).not.toBe('RESTAPI');

    expect(await cat.unsubscribe('@TOA#_cb_news')).toBe(true);
    const deleted = await backend.next('OfficialAccount.CallbackAfterDeleteSubscriber', (b) =>
      JSON.stringify(b.SubscribeAccountList).includes('cb-cat'),
    );
    expect(deleted.body).toMatchObject({
      Operator_Account: 'cb-cat',
      SubscribeAccountList: [{ Subscriber_Account: 'cb-cat' }],
    });
  });

  it('reports nothing when nothing changed (a second add of a subscriber)', async () => {
    const before = backend.all('OfficialAccount.CallbackAfterAddSubscriber').length;
    await admin.ok(OA, 'add_subscriber', {
      Official_Account: '@TOA#_cb_news',
      SubscriberList: [{ Subscriber_Account: 'cb-ann' }],
    });
    // a later, real change arrives; the repeated add before it produced nothing
    await admin.ok(OA, 'add_subscriber', {
      Official_Account: '@TOA#_cb_news',
      SubscriberList: [{ Subscriber_Account: 'cb-bob' }],
    });
    await backend.next(
      'OfficialAccount.CallbackAfterAddSubscriber',
      (b) => JSON.stringify(b.SubscribeAccountList) === '[{"Subscriber_Account":"cb-bob"}]',
    );
    const after = backend.all('OfficialAccount.CallbackAfterAddSubscriber');
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.body.SubscribeAccountList).toEqual([{ Subscriber_Account: 'cb-bob' }]);
  });

  it('reports OfficialAccount.CallbackAfterOfficialAccountFull once the last place is taken', async () => {
    await admin.ok(OA, 'create_official_account', {
      OfficialAccountUserID: '@TOA#_cb_small',
      Owner_Account: 'cb-owner',
      Name: 'Small',
      MaxSubscriberNum: 2,
    });
    await admin.ok(OA, 'add_subscriber', {
      Official_Account: '@TOA#_cb_small',
      SubscriberList: [{ Subscriber_Account: 'cb-ann' }],
    });
    await backend.next(
      'OfficialAccount.CallbackAfterAddSubscriber',
      (b) => b.Official_Account === '@TOA#_cb_small',
    );
    // not full yet: the first add produced no Full callback (checked after the second arrives)
    await admin.ok(OA, 'add_subscriber', {
      Official_Account: '@TOA#_cb_small',
      SubscriberList: [{ Subscriber_Account: 'cb-bob' }, { Subscriber_Account: 'cb-cat' }],
    });

    const full = await backend.next('OfficialAccount.CallbackAfterOfficialAccountFull');
    expect(full.params.CallbackCommand).toBe('OfficialAccount.CallbackAfterOfficialAccountFull');
    expect(
      shapeProblems(full.body, {
        CallbackCommand: 'string',
        Official_Account: 'string',
        EventTime: 'int',
      }),
    ).toEqual([]);
    expect(full.body.Official_Account).toBe('@TOA#_cb_small');
    const added = await backend.next(
      'OfficialAccount.CallbackAfterAddSubscriber',
      (b) => b.Official_Account === '@TOA#_cb_small' && JSON.stringify(b).includes('cb-bob'),
    );
    // only cb-bob got the last place
    expect(added.body.SubscribeAccountList).toEqual([{ Subscriber_Account: 'cb-bob' }]);
    expect(backend.all('OfficialAccount.CallbackAfterOfficialAccountFull')).toHaveLength(1);
  });
  it('reports create_official_account with every documented field (60796), not for another app', async () => {
    const created = await backend.next(
      'OfficialAccount.CallbackAfterCreateOfficialAccount',
      (b) => b.Official_Account === '@TOA#_cb_news',
    );
    expect(created.params.SdkAppid).toBe(String(app.sdkAppId));
    expect(
      shapeProblems(created.body, {
        CallbackCommand: 'string',
        Official_Account: 'string',
        Operator_Account: 'string',
        Owner_Account: 'string',
        Name: 'string',
        EventTime: 'int',
      }),
    ).toEqual([]);
    expect(created.body).toMatchObject({
      CallbackCommand: 'OfficialAccount.CallbackAfterCreateOfficialAccount',
      Official_Account: '@TOA#_cb_news',
      Operator_Account: app.adminIdentifiers[0],
      Owner_Account: 'cb-owner',
      Name: 'News',
    });
    // both apps created '@TOA#_cb_news'; only the enabled app was told
    expect(
      backend.received.filter(
        (r) =>
          r.params.SdkAppid === String(quietApp.sdkAppId) &&
          r.command === 'OfficialAccount.CallbackAfterCreateOfficialAccount',
      ),
    ).toEqual([]);
  });

  it('reports modify_official_account with the values after the change (60797)', async () => {
    await admin.ok(OA, 'create_official_account', {
      OfficialAccountUserID: '@TOA#_cb_info',
      Owner_Account: 'cb-owner',
      Name: 'Before',
      Introduction: 'old intro',
      FaceUrl: 'http://face/old',
      Organization: 'Org',
    });
    await admin.ok(OA, 'modify_official_account_base_info', {
      Official_Account: '@TOA#_cb_info',
      Name: 'After',
      FaceUrl: 'http://face/new',
    });
    const changed = await backend.next(
      'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
      (b) => b.Official_Account === '@TOA#_cb_info',
    );
    expect(
      shapeProblems(changed.body, {
        CallbackCommand: 'string',
        Official_Account: 'string',
        Operator_Account: 'string',
        Introduction: 'string',
        Name: 'string',
        FaceUrl: 'string',
        Organization: 'string',
        EventTime: 'int',
      }),
    ).toEqual([]);
    expect(changed.body).toMatchObject({
      CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
      Official_Account: '@TOA#_cb_info',
      Operator_Account: app.adminIdentifiers[0],
      Name: 'After',
      Introduction: 'old intro',
      FaceUrl: 'http://face/new',
      Organization: 'Org',
    });
  });

  it('reports destroy_official_account once, with owner and name (60798), even with no subscribers', async () => {
    await admin.ok(OA, 'create_official_account', {
      OfficialAccountUserID: '@TOA#_cb_gone',
      Owner_Account: 'cb-owner',
      Name: 'Gone',
    });
    await admin.ok(OA, 'destroy_official_account', { Official_Account: '@TOA#_cb_gone' });
    const destroyed = await backend.next(
      'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
      (b) => b.Official_Account === '@TOA#_cb_gone',
    );
    expect(
      shapeProblems(destroyed.body, {
        CallbackCommand: 'string',
        Official_Account: 'string',
        Owner_Account: 'string',
        Name: 'string',
        EventTime: 'int',
      }),
    ).toEqual([]);
    expect(destroyed.body).toMatchObject({
      CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
      Official_Account: '@TOA#_cb_gone',
      Owner_Account: 'cb-owner',
      Name: 'Gone',
    });
  });

  it('asks OfficialAccount.CallbackBeforeAddSubscriber (60799): refuses some, or all with 10016', async () => {
    await admin.ok(OA, 'create_official_account', {
      OfficialAccountUserID: '@TOA#_cb_guard',
      Owner_Account: 'cb-owner',
      Name: 'Guarded',
    });
    backend.answer = (command, body) => {
      if (command !== 'OfficialAccount.CallbackBeforeAddSubscriber') return undefined;
      if (body.Operator_Account === 'cb-cat')
        return { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'no cats' };
      return {
        ActionStatus: 'OK',
        ErrorCode: 0,
        ErrorInfo: '',
        RefusedSubscribers_Account: ['cb-dan'],
      };
    };
    try {
      const reply = await admin.ok(OA, 'add_subscriber', {
        Official_Account: '@TOA#_cb_guard',
        SubscriberList: [{ Subscriber_Account: 'cb-ann' }, { Subscriber_Account: 'cb-dan' }],
      });
      expect(reply.SubscriberList).toEqual([
        { Subscriber_Account: 'cb-ann', Result: 1 },
        { Subscriber_Account: 'cb-dan', Result: 0 },
      ]);
      const asked = await backend.next(
        'OfficialAccount.CallbackBeforeAddSubscriber',
        (b) => b.Official_Account === '@TOA#_cb_guard',
      );
      expect(asked.params.SdkAppid).toBe(String(app.sdkAppId));
      expect(shapeProblems(asked.body, SUBSCRIBERS_SHAPE)).toEqual([]);
      expect(asked.body).toMatchObject({
        CallbackCommand: 'OfficialAccount.CallbackBeforeAddSubscriber',
        Official_Account: '@TOA#_cb_guard',
        Operator_Account: app.adminIdentifiers[0],
        SubscribeAccountList: [{ Subscriber_Account: 'cb-ann' }, { Subscriber_Account: 'cb-dan' }],
      });
      // only cb-ann was added (and reported after)
      const added = await backend.next(
        'OfficialAccount.CallbackAfterAddSubscriber',
        (b) => b.Official_Account === '@TOA#_cb_guard',
      );
      expect(added.body.SubscribeAccountList).toEqual([{ Subscriber_Account: 'cb-ann' }]);

      // a client's own subscribe refused whole: the client sees 10016, nothing is stored
      const cat = new ImOfficialAccounts(await clientOf('cb-cat'));
      await expect(cat.subscribe('@TOA#_cb_guard')).rejects.toMatchObject({ code: 10016 });
      const page = await admin.ok(OA, 'get_subscriber_info', {
        Official_Account: '@TOA#_cb_guard',
        Limit: 10,
      });
      expect(
        (page.SubscriberList as { Subscriber_Account: string }[]).map((s) => s.Subscriber_Account),
      ).toEqual(['cb-ann']);
    } finally {
      backend.answer = () => undefined;
    }
  });
  it('asks OfficialAccount.CallbackBeforeSendMsg (60803) with every documented field: 1 refuses with 10016 and nothing is sent', async () => {
    await admin.ok(OA, 'create_official_account', {
      OfficialAccountUserID: '@TOA#_cb_gate',
      Owner_Account: 'cb-owner',
      Name: 'Gated',
    });
    backend.answer = (command, body) =>
      command === 'OfficialAccount.CallbackBeforeSendMsg' &&
      JSON.stringify(body.MsgBody).includes('forbidden')
        ? { ActionStatus: 'OK', ErrorCode: 1, ErrorInfo: 'not on this channel' }
        : undefined;
    const msg = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
    try {
      const refused = await admin.call(OA, 'send_official_account_msg', {
        Official_Account: '@TOA#_cb_gate',
        Random: 91,
        MsgBody: msg('forbidden words'),
      });
      expect(refused).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10016 });
      const asked = await backend.next(
        'OfficialAccount.CallbackBeforeSendMsg',
        (b) => b.Official_Account === '@TOA#_cb_gate',
      );
      expect(asked.params.SdkAppid).toBe(String(app.sdkAppId));
      expect(
        shapeProblems(asked.body, {
          CallbackCommand: 'string',
          Official_Account: 'string',
          OnlineOnlyFlag: 'int',
          MsgBody: [{ MsgType: 'string', MsgContent: { Text: 'string' } }],
          CloudCustomData: 'string',
          EventTime: 'int',
        }),
      ).toEqual([]);
      expect(asked.body).toMatchObject({
        CallbackCommand: 'OfficialAccount.CallbackBeforeSendMsg',
        Official_Account: '@TOA#_cb_gate',
        OnlineOnlyFlag: 0,
        MsgBody: msg('forbidden words'),
      });

      // an allowed one goes out (and is reported after); the refused one never was
      const sent = await admin.ok(OA, 'send_official_account_msg', {
        Official_Account: '@TOA#_cb_gate',
        Random: 92,
        MsgBody: msg('fine words'),
      });
      const after = await backend.next(
        'OfficialAccount.CallbackAfterSendMsg',
        (b) => b.Official_Account === '@TOA#_cb_gate',
      );
      expect(after.body.MsgKey).toBe(sent.MsgKey);
      expect(
        backend.all('OfficialAccount.CallbackAfterSendMsg', (b) =>
          JSON.stringify(b.MsgBody).includes('forbidden'),
        ),
      ).toEqual([]);
      expect(
        backend.all(
          'OfficialAccount.CallbackBeforeSendMsg',
          (b) => b.Official_Account === '@TOA#_cb_gate',
        ),
      ).toHaveLength(2);
    } finally {
      backend.answer = () => undefined;
    }
  });

  it('an official account message fires OfficialAccount.CallbackAfterSendMsg (60804), no group callback', async () => {
    const sent = await admin.ok(OA, 'send_official_account_msg', {
      Official_Account: '@TOA#_cb_news',
      Random: 77,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'breaking' } }],
      CloudCustomData: 'cd',
    });
    const after = await backend.next(
      'OfficialAccount.CallbackAfterSendMsg',
      (b) => b.Official_Account === '@TOA#_cb_news',
    );
    expect(after.params.SdkAppid).toBe(String(app.sdkAppId));
    expect(
      shapeProblems(after.body, {
        CallbackCommand: 'string',
        Official_Account: 'string',
        MsgKey: 'string',
        MsgTime: 'int',
        OnlineOnlyFlag: 'int',
        MsgBody: [{ MsgType: 'string', MsgContent: { Text: 'string' } }],
        CloudCustomData: 'string',
        EventTime: 'int',
      }),
    ).toEqual([]);
    expect(after.body).toMatchObject({
      CallbackCommand: 'OfficialAccount.CallbackAfterSendMsg',
      Official_Account: '@TOA#_cb_news',
      MsgKey: sent.MsgKey,
      MsgTime: sent.MsgTime,
      OnlineOnlyFlag: 0,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'breaking' } }],
      CloudCustomData: 'cd',
    });
    await admin.ok(OA, 'official_account_msg_recall', {
      Official_Account: '@TOA#_cb_news',
      MsgKeyList: [sent.MsgKey],
    });

    // an ordinary group's message and recall, sent later, are reported; the account's never were
    await admin.ok('group_open_http_svc', 'create_group', {
      Owner_Account: 'cb-owner',
      Type: 'Public',
      GroupId: 'cb_plain',
      Name: 'plain',
    });
    const plain = await admin.ok('group_open_http_svc', 'send_group_msg', {
      GroupId: 'cb_plain',
      Random: 78,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'plain' } }],
    });
    await backend.next('Group.CallbackAfterSendMsg', (b) => b.GroupId === 'cb_plain');
    await admin.ok('group_open_http_svc', 'group_msg_recall', {
      GroupId: 'cb_plain',
      MsgSeqList: [{ MsgSeq: plain.MsgSeq }],
    });
    await backend.next('Group.CallbackAfterRecallMsg', (b) => b.GroupId === 'cb_plain');
    expect(
      backend.find('Group.CallbackBeforeSendMsg', (b) => b.GroupId === 'cb_plain'),
    ).toBeDefined();
    const aboutAccount = backend.received.filter(
      (r) => r.command.startsWith('Group.') && String(r.body.GroupId).startsWith('@TOA#_'),
    );
    expect(aboutAccount).toEqual([]);
  });
});
