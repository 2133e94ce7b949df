import type { AppReply, ChatMessage } from '@im/contracts';
import { ImChat, ImOfficialAccounts, officialAccountConversationId } from '@im/sdk';
import type { RestAdminClient, RestEnvelope } from '@im/sdk';
import { waitFor } from '@im/testing';

import { startAppsPlatform } from './support/apps-platform.util';
import type { AppsPlatform } from './support/apps-platform.util';

const OA = 'official_account_open_http_svc';
const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

type Item = Record<string, unknown>;

/** Every documented field of an official account, by name and type. */
function expectAccountFields(a: Item): void {
  expect(typeof a.Official_Account).toBe('string');
  expect(typeof a.Name).toBe('string');
  expect(typeof a.Owner_Account).toBe('string');
  expect(typeof a.Introduction).toBe('string');
  expect(typeof a.FaceUrl).toBe('string');
  expect(typeof a.Organization).toBe('string');
  expect(typeof a.CustomString).toBe('string');
  expect(Number.isInteger(a.CreateTime)).toBe(true);
  expect(Number.isInteger(a.LastMsgTime)).toBe(true);
  expect(Number.isInteger(a.SubscriberNum)).toBe(true);
}

/**
 * `official_account_open_http_svc` over HTTP as an app backend sends it, with Tencent's field
 * names: an official account's life (create, info, modify, destroy), its subscribers (add,
 * modify, page, delete), a user's subscribed list, and apps kept apart.
 */
describe('official accounts over REST', () => {
  let setup: AppsPlatform;
  let app: AppReply;
  let admin: RestAdminClient;
  let otherAdmin: RestAdminClient;

  const clientOf = (userId: string) => setup.sdk.clientOf(app, userId);

  const call = (command: string, body: unknown, client = admin): Promise<RestEnvelope> =>
    client.call(OA, command, body);

  beforeAll(async () => {
    setup = await startAppsPlatform({
      services: [
        'account',
        'profile',
        'relation',
        'group',
        'message',
        'conn-gateway',
        'api-gateway',
      ],
      apps: [{ name: 'official-accounts-e2e' }, { name: 'official-accounts-e2e-other' }],
    });
    [app] = setup.apps;
    [admin, otherAdmin] = setup.admins;
    await admin.ok('im_open_login_svc', 'multiaccount_import', {
      Accounts: ['oa-owner', 'oa-ann', 'oa-bob', 'oa-cat', 'oa-dan'],
    });
    await otherAdmin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ['oa-owner'] });
  }, 180_000);

  afterAll(() => setup?.stop());

  it('creates an official account with a chosen ID and reads every field back', async () => {
    const before = Math.floor(Date.now() / 1000);
    const created = await call('create_official_account', {
      OfficialAccountUserID: '@TOA#_news',
      Owner_Account: 'oa-owner',
      CustomString: 'custom',
      FaceUrl: 'https://example.com/news.png',
      Introduction: 'Daily news',
      MaxSubscriberNum: 1000,
      Name: 'News',
      Organization: 'Example Org',
    });
    expect(created).toEqual({ ...OK, OfficialAccountUserID: '@TOA#_news' });
    expect(typeof created.OfficialAccountUserID).toBe('string');

    const info = await call('get_official_account_info', {
      OfficialAccountIdList: [
        { Official_Account: '@TOA#_news' },
        { Official_Account: '@TOA#_none' },
      ],
    });
    expect(info.ActionStatus).toBe('OK');
    const [news, none] = info.OfficialAccountInfoList as Item[];
    expectAccountFields(news);
    expect(news).toEqual({
      Official_Account: '@TOA#_news',
      Name: 'News',
      Owner_Account: 'oa-owner',
      Introduction: 'Daily news',
      FaceUrl: 'https://example.com/news.png',
      Organization: 'Example Org',
      CustomString: 'custom',
      MaxSubscriberNum: 1000,
      SubscriberNum: 0,
      LastMsgTime: 0,
      CreateTime: expect.any(Number),
      ErrorCode: 0,
      ErrorInfo: '',
    });
    expect(news.CreateTime as number).toBeGreaterThanOrEqual(before);
    expect(none).toMatchObject({ Official_Account: '@TOA#_none', ErrorCode: 10010 });
    expect(typeof none.ErrorInfo).toBe('string');

    const filtered = await call('get_official_account_info', {
      OfficialAccountIdList: [{ Official_Account: '@TOA#_news' }],
      ResponseFilter: { OfficialAccountBaseInfoFilter: ['Name', 'SubscriberNum'] },
    });
    expect(filtered.OfficialAccountInfoList).toEqual([
      {
        Official_Account: '@TOA#_news',
        Name: 'News',
        SubscriberNum: 0,
        ErrorCode: 0,
        ErrorInfo: '',
      },
    ]);
  });

  it('generates an @TOA#_ ID when none is given and refuses bad input with Tencent’s codes', async () => {
    const created = await call('create_official_account', {
      Owner_Account: 'oa-owner',
      Name: 'Gen',
    });
    expect(created.ActionStatus).toBe('OK');
    expect(created.OfficialAccountUserID).toMatch(/^@TOA#_/);

    const fail = (code: number): unknown =>
      expect.objectContaining({ ActionStatus: 'FAIL', ErrorCode: code }) as unknown;
    // the ID is taken
    expect(
      await call('create_official_account', {
        OfficialAccountUserID: '@TOA#_news',
        Owner_Account: 'oa-owner',
        Name: 'Again',
      }),
    ).toEqual(fail(10021));
    // the owner is not an imported account
    expect(
      await call('create_official_account', { Owner_Account: 'oa-ghost', Name: 'Ghost' }),
    ).toEqual(fail(10019));
    // no @TOA#_ prefix, over 48 bytes, Name over 150 bytes, no Name
    expect(
      await call('create_official_account', {
        OfficialAccountUserID: 'news2',
        Owner_Account: 'oa-owner',
        Name: 'x',
      }),
    ).toEqual(fail(10004));
    expect(
      await call('create_official_account', {
        OfficialAccountUserID: `@TOA#_${'a'.repeat(43)}`,
        Owner_Account: 'oa-owner',
        Name: 'x',
      }),
    ).toEqual(fail(10004));
    expect(
      await call('create_official_account', { Owner_Account: 'oa-owner', Name: '新'.repeat(51) }),
    ).toEqual(fail(10004));
    expect(await call('create_official_account', { Owner_Account: 'oa-owner' })).toEqual(
      fail(10004),
    );
    // 51 IDs in one get
    expect(
      await call('get_official_account_info', {
        OfficialAccountIdList: Array.from({ length: 51 }, (_, i) => ({
          Official_Account: `@TOA#_${i}`,
        })),
      }),
    ).toEqual(fail(10004));
  });

  it('modifies the base info; MaxSubscriberNum may not fall below the subscribers', async () => {
    expect(
      await call('modify_official_account_base_info', {
        Official_Account: '@TOA#_news',
        CustomString: 'modified',
        FaceUrl: 'https://example.com/news2.png',
        Introduction: 'Hourly news',
        Name: 'News 2',
        Organization: 'Other Org',
        MaxSubscriberNum: 3,
      }),
    ).toEqual(OK);
    const info = await call('get_official_account_info', {
      OfficialAccountIdList: [{ Official_Account: '@TOA#_news' }],
    });
    expect((info.OfficialAccountInfoList as Item[])[0]).toMatchObject({
      Name: 'News 2',
      Introduction: 'Hourly news',
      FaceUrl: 'https://example.com/news2.png',
      Organization: 'Other Org',
      CustomString: 'modified',
      MaxSubscriberNum: 3,
      Owner_Account: 'oa-owner',
    });
    expect(
      await call('modify_official_account_base_info', {
        Official_Account: '@TOA#_none',
        Name: 'x',
      }),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10010 });
  });

  it('adds subscribers up to MaxSubscriberNum (Result 1 added, 2 already, 0 failed) and pages them', async () => {
    const added = await call('add_subscriber', {
      Official_Account: '@TOA#_news',
      SubscriberList: [{ Subscriber_Account: 'oa-ann' }, { Subscriber_Account: 'oa-bob' }],
    });
    expect(added).toEqual({
      ...OK,
      SubscriberList: [
        { Subscriber_Account: 'oa-ann', Result: 1 },
        { Subscriber_Account: 'oa-bob', Result: 1 },
      ],
    });
    const again = await call('add_subscriber', {
      Official_Account: '@TOA#_news',
      SubscriberList: [
        { Subscriber_Account: 'oa-ann' },
        { Subscriber_Account: 'oa-ghost' },
        { Subscriber_Account: 'oa-cat' },
        { Subscriber_Account: 'oa-dan' },
      ],
    });
    // MaxSubscriberNum is 3: cat takes the last place, dan finds none
    expect(again.SubscriberList).toEqual([
      { Subscriber_Account: 'oa-ann', Result: 2 },
      { Subscriber_Account: 'oa-ghost', Result: 0 },
      { Subscriber_Account: 'oa-cat', Result: 1 },
      { Subscriber_Account: 'oa-dan', Result: 0 },
    ]);
    for (const r of again.SubscriberList as Item[]) {
      expect(typeof r.Subscriber_Account).toBe('string');
      expect(Number.isInteger(r.Result)).toBe(true);
    }

    expect(
      await call('modify_subscriber_info', {
        Official_Account: '@TOA#_news',
        Subscriber_Account: 'oa-bob',
        CustomString: 'bob-custom',
      }),
    ).toEqual(OK);

    const first = await call('get_subscriber_info', {
      Official_Account: '@TOA#_news',
      Limit: 2,
      Next: '',
    });
    expect(first.ActionStatus).toBe('OK');
    expect(first.SubscriberNum).toBe(3);
    expect(typeof first.Next).toBe('string');
    expect(first.Next).not.toBe('');
    const page1 = first.SubscriberList as Item[];
    expect(page1.map((s) => s.Subscriber_Account)).toEqual(['oa-ann', 'oa-bob']);
    for (const s of page1) {
      expect(typeof s.Subscriber_Account).toBe('string');
      expect(Number.isInteger(s.SubscribeTime)).toBe(true);
      expect(typeof s.CustomString).toBe('string');
      expect(s.MsgFlag).toBe('AcceptAndNotify');
      expect(Number.isInteger(s.LastSendMsgTime)).toBe(true);
    }
    expect(page1[1].CustomString).toBe('bob-custom');
    const second = await call('get_subscriber_info', {
      Official_Account: '@TOA#_news',
      Limit: 2,
      Next: first.Next,
    });
    expect((second.SubscriberList as Item[]).map((s) => s.Subscriber_Account)).toEqual(['oa-cat']);
    expect(second.Next).toBe('');

    const info = await call('get_official_account_info', {
      OfficialAccountIdList: [{ Official_Account: '@TOA#_news' }],
    });
    expect((info.OfficialAccountInfoList as Item[])[0].SubscriberNum).toBe(3);
  });

  it('refuses subscriber commands on a missing account, a non-subscriber or too many users', async () => {
    expect(
      await call('add_subscriber', {
        Official_Account: '@TOA#_none',
        SubscriberList: [{ Subscriber_Account: 'oa-ann' }],
      }),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10010 });
    expect(
      await call('add_subscriber', {
        Official_Account: '@TOA#_news',
        SubscriberList: Array.from({ length: 101 }, (_, i) => ({ Subscriber_Account: `u${i}` })),
      }),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10005 });
    expect(
      await call('modify_subscriber_info', {
        Official_Account: '@TOA#_news',
        Subscriber_Account: 'oa-dan',
        CustomString: 'x',
      }),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10007 });
    expect(
      await call('get_subscriber_info', { Official_Account: '@TOA#_news', Limit: 201, Next: '' }),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10004 });
    expect(
      await call('get_subscriber_info', { Official_Account: '@TOA#_none', Next: '' }),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10010 });
    expect(
      await call('modify_official_account_base_info', {
        Official_Account: '@TOA#_news',
        MaxSubscriberNum: 2,
      }),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10004 });
  });

  it('lists the official accounts a user subscribed to, with the user’s own fields', async () => {
    await call('create_official_account', {
      OfficialAccountUserID: '@TOA#_sports',
      Owner_Account: 'oa-owner',
      Name: 'Sports',
    });
    await call('add_subscriber', {
      Official_Account: '@TOA#_sports',
      SubscriberList: [{ Subscriber_Account: 'oa-bob' }],
    });
    const list = await call('get_subscribed_official_account_list', {
      Subscriber_Account: 'oa-bob',
      Limit: 200,
      Offset: 0,
    });
    expect(list.ActionStatus).toBe('OK');
    expect(list.TotalCount).toBe(2);
    const items = list.OfficialAccountInfoList as Item[];
    expect(items.map((i) => i.Official_Account).sort()).toEqual(['@TOA#_news', '@TOA#_sports']);
    for (const i of items) {
      expectAccountFields(i);
      const self = i.SelfInfo as Item;
      expect(Number.isInteger(self.SubscribeTime)).toBe(true);
      expect(typeof self.CustomString).toBe('string');
      expect(self.MsgFlag).toBe('AcceptAndNotify');
    }
    expect(items.find((i) => i.Official_Account === '@TOA#_news')!.SelfInfo).toMatchObject({
      CustomString: 'bob-custom',
    });

    const filtered = await call('get_subscribed_official_account_list', {
      Subscriber_Account: 'oa-bob',
      Limit: 1,
      Offset: 1,
      ResponseFilter: { OfficialAccountBaseInfoFilter: ['Name'], SelfInfoFilter: ['CustomString'] },
    });
    expect(filtered.TotalCount).toBe(2);
    expect(filtered.OfficialAccountInfoList).toHaveLength(1);
    expect(Object.keys((filtered.OfficialAccountInfoList as Item[])[0]).sort()).toEqual([
      'Name',
      'Official_Account',
      'SelfInfo',
    ]);
    expect(Object.keys((filtered.OfficialAccountInfoList as Item[])[0].SelfInfo as Item)).toEqual([
      'CustomString',
    ]);
  });

  it('deletes subscribers (Result 1 removed, 0 not a subscriber) and destroys an account with them', async () => {
    const deleted = await call('delete_subscriber', {
      Official_Account: '@TOA#_news',
      SubscriberList: [{ Subscriber_Account: 'oa-ann' }, { Subscriber_Account: 'oa-dan' }],
    });
    expect(deleted).toEqual({
      ...OK,
      SubscriberList: [
        { Subscriber_Account: 'oa-ann', Result: 1 },
        { Subscriber_Account: 'oa-dan', Result: 0 },
      ],
    });
    const page = await call('get_subscriber_info', { Official_Account: '@TOA#_news', Next: '' });
    expect(page.SubscriberNum).toBe(2);

    expect(await call('destroy_official_account', { Official_Account: '@TOA#_sports' })).toEqual(
      OK,
    );
    expect(
      await call('destroy_official_account', { Official_Account: '@TOA#_sports' }),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10010 });
    const list = await call('get_subscribed_official_account_list', {
      Subscriber_Account: 'oa-bob',
    });
    expect((list.OfficialAccountInfoList as Item[]).map((i) => i.Official_Account)).toEqual([
      '@TOA#_news',
    ]);
    // the ID is free again
    expect(
      (
        await call('create_official_account', {
          OfficialAccountUserID: '@TOA#_sports',
          Owner_Account: 'oa-owner',
          Name: 'Sports again',
        })
      ).ActionStatus,
    ).toBe('OK');
  });

  it('keeps apps apart: another app neither sees nor changes this app’s official accounts', async () => {
    const seen = await call(
      'get_official_account_info',
      { OfficialAccountIdList: [{ Official_Account: '@TOA#_news' }] },
      otherAdmin,
    );
    expect((seen.OfficialAccountInfoList as Item[])[0]).toMatchObject({ ErrorCode: 10010 });
    for (const [command, body] of [
      ['modify_official_account_base_info', { Official_Account: '@TOA#_news', Name: 'Hijacked' }],
      ['destroy_official_account', { Official_Account: '@TOA#_news' }],
      [
        'add_subscriber',
        { Official_Account: '@TOA#_news', SubscriberList: [{ Subscriber_Account: 'oa-owner' }] },
      ],
      [
        'delete_subscriber',
        { Official_Account: '@TOA#_news', SubscriberList: [{ Subscriber_Account: 'oa-bob' }] },
      ],
      [
        'modify_subscriber_info',
        { Official_Account: '@TOA#_news', Subscriber_Account: 'oa-bob', CustomString: 'x' },
      ],
      ['get_subscriber_info', { Official_Account: '@TOA#_news', Next: '' }],
    ] as const) {
      expect(await call(command, body, otherAdmin)).toMatchObject({
        ActionStatus: 'FAIL',
        ErrorCode: 10010,
      });
    }
    expect(
      (
        await call(
          'get_subscribed_official_account_list',
          { Subscriber_Account: 'oa-bob' },
          otherAdmin,
        )
      ).OfficialAccountInfoList,
    ).toEqual([]);
    // the same ID is free in the other app
    expect(
      await call(
        'create_official_account',
        { OfficialAccountUserID: '@TOA#_news', Owner_Account: 'oa-owner', Name: 'Theirs' },
        otherAdmin,
      ),
    ).toEqual({ ...OK, OfficialAccountUserID: '@TOA#_news' });
    const ours = await call('get_official_account_info', {
      OfficialAccountIdList: [{ Official_Account: '@TOA#_news' }],
    });
    expect((ours.OfficialAccountInfoList as Item[])[0]).toMatchObject({
      Name: 'News 2',
      SubscriberNum: 2,
    });
  });

  it('lets a user subscribe, list, read and unsubscribe through the SDK; the admin sees the change', async () => {
    await call('create_official_account', {
      OfficialAccountUserID: '@TOA#_weather',
      Owner_Account: 'oa-owner',
      Name: 'Weather',
    });
    const dan = await clientOf('oa-dan');
    const accounts = new ImOfficialAccounts(dan);
    const kinds: { kind: string; data: Item }[] = [];
    dan.on('push', (cmd, data) => {
      if (cmd === 'notify') kinds.push(data as { kind: string; data: Item });
    });
    const notified = (kind: string) =>
      waitFor(() => kinds.find((k) => k.kind === kind) ?? null, { message: kind });

    expect(await accounts.subscribe('@TOA#_weather')).toBe(true);
    expect(await accounts.subscribe('@TOA#_weather')).toBe(false);
    expect((await notified('group.official-account-subscribed')).data).toMatchObject({
      groupId: '@TOA#_weather',
      userIds: ['oa-dan'],
      byAppAdmin: false,
    });
    expect(
      await call('modify_official_account_base_info', {
        Official_Account: '@TOA#_weather',
        Name: 'Weather 2',
        FaceUrl: 'https://example.com/w.png',
      }),
    ).toEqual(OK);
    expect((await notified('group.official-account-info-changed')).data).toMatchObject({
      groupId: '@TOA#_weather',
      changedFields: ['Name', 'FaceUrl'],
      byAppAdmin: true,
    });
    const page = await call('get_subscriber_info', { Official_Account: '@TOA#_weather', Next: '' });
    expect((page.SubscriberList as Item[]).map((x) => x.Subscriber_Account)).toEqual(['oa-dan']);

    const subscribed = await accounts.getSubscribed();
    expect(subscribed.totalCount).toBe(1);
    expect(subscribed.items[0]).toMatchObject({
      account: { officialAccountId: '@TOA#_weather', name: 'Weather 2', subscriberNum: 1 },
      self: { userId: 'oa-dan', msgFlag: 'AcceptAndNotify' },
    });
    expect(await accounts.getInfo(['@TOA#_weather', '@TOA#_none'])).toEqual([
      expect.objectContaining({ officialAccountId: '@TOA#_weather', ownerAccount: 'oa-owner' }),
    ]);
    expect(officialAccountConversationId('@TOA#_weather')).toBe('c2c_@TOA#_weather');

    // a user acts only for themselves
    await expect(
      dan.command('officialaccount.subscribe', {
        officialAccountId: '@TOA#_weather',
        userId: 'oa-ann',
      }),
    ).rejects.toMatchObject({ code: 10007 });
    await expect(
      dan.command('officialaccount.get-subscribed', { userId: 'oa-bob' }),
    ).rejects.toMatchObject({ code: 10007 });
    await expect(accounts.subscribe('@TOA#_none')).rejects.toMatchObject({ code: 10010 });

    expect(await accounts.unsubscribe('@TOA#_weather')).toBe(true);
    expect(await accounts.unsubscribe('@TOA#_weather')).toBe(false);
    expect((await notified('group.official-account-unsubscribed')).data).toMatchObject({
      userIds: ['oa-dan'],
    });
    expect((await accounts.getSubscribed()).totalCount).toBe(0);
    const after = await call('get_subscriber_info', {
      Official_Account: '@TOA#_weather',
      Next: '',
    });
    expect(after.SubscriberNum).toBe(0);
  });

  it('lets a subscriber set their own MsgFlag through the SDK: Discard stops delivery to them only', async () => {
    const text = (t: string) => [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: t } }];
    await call('create_official_account', {
      OfficialAccountUserID: '@TOA#_flags',
      Owner_Account: 'oa-owner',
      Name: 'Flags',
    });
    await call('add_subscriber', {
      Official_Account: '@TOA#_flags',
      SubscriberList: [{ Subscriber_Account: 'oa-ann' }, { Subscriber_Account: 'oa-bob' }],
    });
    const annClient = await clientOf('oa-ann');
    const bobClient = await clientOf('oa-bob');
    const annGot: ChatMessage[] = [];
    const bobGot: ChatMessage[] = [];
    new ImChat(annClient).on('message', (m) => annGot.push(m));
    new ImChat(bobClient).on('message', (m) => bobGot.push(m));
    const bob = new ImOfficialAccounts(bobClient);

    await bob.setMsgFlag('@TOA#_flags', 'Discard');
    const page = await call('get_subscriber_info', { Official_Account: '@TOA#_flags', Next: '' });
    expect((page.SubscriberList as Item[]).map((x) => [x.Subscriber_Account, x.MsgFlag])).toEqual([
      ['oa-ann', 'AcceptAndNotify'],
      ['oa-bob', 'Discard'],
    ]);
    const bobs = (await bob.getSubscribed()).items.find(
      (i) => i.account.officialAccountId === '@TOA#_flags',
    );
    expect(bobs?.self).toMatchObject({ userId: 'oa-bob', msgFlag: 'Discard' });

    const sent = await call('send_official_account_msg', {
      Official_Account: '@TOA#_flags',
      Random: 1,
      MsgBody: text('flagged'),
    });
    expect(sent).toMatchObject(OK);
    await waitFor(() => (annGot.length > 0 ? annGot : null), { message: 'ann gets the broadcast' });
    // a C2C message sent after the broadcast reaches bob; the broadcast never did
    await admin.ok('openim', 'sendmsg', { To_Account: 'oa-bob', MsgRandom: 9, MsgBody: text('m') });
    await waitFor(() => (bobGot.length > 0 ? bobGot : null), { message: 'bob gets the marker' });
    expect(bobGot.map((m) => m.convId)).not.toContain('group:@TOA#_flags');

    // not a subscriber 10007, no such account 10010, a flag Tencent does not name refused
    const ann = new ImOfficialAccounts(annClient);
    await expect(ann.setMsgFlag('@TOA#_weather', 'Discard')).rejects.toMatchObject({
      code: 10007,
    });
    await expect(ann.setMsgFlag('@TOA#_none', 'Discard')).rejects.toMatchObject({ code: 10010 });
    await expect(
      annClient.command('officialaccount.set-msg-flag', {
        officialAccountId: '@TOA#_flags',
        msgFlag: 'Mute' as never,
      }),
    ).rejects.toMatchObject({ code: expect.any(Number) });
    // a user sets only their own flag
    await expect(
      annClient.command('officialaccount.set-msg-flag', {
        officialAccountId: '@TOA#_flags',
        msgFlag: 'Discard',
        userId: 'oa-bob',
      } as never),
    ).rejects.toMatchObject({ code: 10007 });

    // another app's user of the same ID cannot reach this app's account
    const otherBob = await setup.sdk.clientOf(setup.apps[1], 'oa-owner');
    await expect(
      new ImOfficialAccounts(otherBob).setMsgFlag('@TOA#_flags', 'AcceptAndNotify'),
    ).rejects.toMatchObject({ code: 10010 });
    const still = await call('get_subscriber_info', { Official_Account: '@TOA#_flags', Next: '' });
    expect((still.SubscriberList as Item[]).map((x) => x.MsgFlag)).toEqual([
      'AcceptAndNotify',
      'Discard',
    ]);
  });

  it('delivers the App admin’s message to subscribers only, keeps its history, and recalls it everywhere', async () => {
    await call('create_official_account', {
      OfficialAccountUserID: '@TOA#_live',
      Owner_Account: 'oa-owner',
      Name: 'Live',
    });
    await call('add_subscriber', {
      Official_Account: '@TOA#_live',
      SubscriberList: [{ Subscriber_Account: 'oa-cat' }],
    });
    const convId = 'group:@TOA#_live';
    const catClient = await clientOf('oa-cat');
    const catNotified: string[] = [];
    catClient.on('push', (cmd, data) => {
      if (cmd === 'notify') catNotified.push((data as { kind: string }).kind);
    });
    const cat = new ImChat(catClient);
    const catGot: ChatMessage[] = [];
    const recalled: { convId: string; seq: number }[] = [];
    cat.on('message', (m) => catGot.push(m));
    cat.on('message-recalled', (r) => recalled.push(r));
    const eveClient = await clientOf('oa-owner');
    const eve = new ImChat(eveClient);
    const eveGot: ChatMessage[] = [];
    eve.on('message', (m) => eveGot.push(m));

    const text = (t: string) => [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: t } }];
    const first = await call('send_official_account_msg', {
      Official_Account: '@TOA#_live',
      Random: 1,
      MsgBody: text('first'),
      CloudCustomData: 'cc',
    });
    expect(first).toMatchObject(OK);
    expect(Number.isInteger(first.MsgTime)).toBe(true);
    expect(Number.isInteger(first.MsgSeq)).toBe(true);
    expect(first.MsgKey).toBe(`${first.MsgSeq as number}_1_${first.MsgTime as number}`);
    // one message a second per account (page 1047/60810): retried until its second has come
    const second = await waitFor(
      async () => {
        const reply = await call('send_official_account_msg', {
          Official_Account: '@TOA#_live',
          Random: 2,
          MsgBody: text('second'),
        });
        return reply.ErrorCode === 10023 ? null : reply;
      },
      { message: 'the second send, in a later second' },
    );

    const got = await waitFor(() => (catGot.length === 2 ? catGot : null), {
      timeoutMs: 10_000,
      message: 'the subscriber receives both messages',
    });
    expect(got.map((m) => [m.convId, m.seq, m.body])).toEqual([
      [convId, first.MsgSeq, text('first')],
      [convId, second.MsgSeq, text('second')],
    ]);
    // the owner does not subscribe: a C2C message sent after the broadcasts arrives, they never did
    await admin.ok('openim', 'sendmsg', {
      To_Account: 'oa-owner',
      MsgRandom: 3,
      MsgBody: text('marker'),
    });
    await waitFor(() => (eveGot.length > 0 ? eveGot : null), { message: 'the marker' });
    expect(eveGot.map((m) => m.convId)).not.toContain(convId);

    // a subscriber may not post
    await expect(cat.sendGroup('@TOA#_live', text('hi'))).rejects.toMatchObject({ code: 10007 });

    // REST history, newest first, paged by LastMsgKey
    const page1 = await call('official_account_msg_get_simple', {
      Official_Account: '@TOA#_live',
      ReqMsgNumber: 1,
    });
    expect(page1.ActionStatus).toBe('OK');
    expect(page1.Official_Account).toBe('@TOA#_live');
    expect(page1.IsFinished).toBe(0);
    expect(page1.LastMsgKey).toBe(second.MsgKey);
    const [newest] = page1.RspMsgList as Item[];
    expect(newest).toEqual({
      From_Account: expect.any(String),
      IsPlaceMsg: 0,
      MsgBody: text('second'),
      MsgKey: second.MsgKey,
      MsgRandom: 2,
      MsgSeq: second.MsgSeq,
      MsgTimeStamp: second.MsgTime,
    });
    const page2 = await call('official_account_msg_get_simple', {
      Official_Account: '@TOA#_live',
      ReqMsgNumber: 1,
      LastMsgKey: page1.LastMsgKey,
    });
    expect((page2.RspMsgList as Item[]).map((m) => [m.MsgKey, m.CloudCustomData])).toEqual([
      [first.MsgKey, 'cc'],
    ]);

    // the subscriber roams the history
    const roamed = await cat.getHistory(convId, { fromSeq: second.MsgSeq as number });
    expect(roamed.messages.map((m) => m.seq)).toEqual([first.MsgSeq, second.MsgSeq]);

    // LastMsgTime follows the line
    await waitFor(
      async () => {
        const info = await call('get_official_account_info', {
          OfficialAccountIdList: [{ Official_Account: '@TOA#_live' }],
        });
        const t = (info.OfficialAccountInfoList as Item[])[0].LastMsgTime as number;
        return t >= (second.MsgTime as number) ? t : null;
      },
      { message: 'LastMsgTime' },
    );

    // recall: the answer per MsgKey, the subscriber told
    const recall = await call('official_account_msg_recall', {
      Official_Account: '@TOA#_live',
      MsgKeyList: [first.MsgKey],
    });
    expect(recall).toEqual({ ...OK, RecallRetList: [{ MsgKey: first.MsgKey, RetCode: 0 }] });
    await waitFor(() => (recalled.length > 0 ? recalled : null), { message: 'recall push' });
    expect(recalled).toEqual([{ convId, seq: first.MsgSeq }]);

    // errors: unknown account 10010, bad MsgKey 10004; another app cannot send to it
    expect(
      await call('send_official_account_msg', {
        Official_Account: '@TOA#_none',
        Random: 4,
        MsgBody: text('x'),
      }),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10010 });
    expect(
      await call('official_account_msg_recall', {
        Official_Account: '@TOA#_live',
        MsgKeyList: ['nope'],
      }),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10004 });
    expect(
      await call(
        'send_official_account_msg',
        { Official_Account: '@TOA#_live', Random: 5, MsgBody: text('x') },
        otherAdmin,
      ),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10010 });

    // destroyed: the subscribers are told
    expect(await call('destroy_official_account', { Official_Account: '@TOA#_live' })).toEqual(OK);
    await waitFor(
      () => (catNotified.includes('group.official-account-destroyed') ? catNotified : null),
      { message: 'destroyed notification' },
    );
  });

  it('holds Tencent’s send limits (page 1047/60810): duplicates dropped, 2 broadcasts an hour, per app', async () => {
    const text = (t: string) => [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: t } }];
    for (const client of [admin, otherAdmin])
      expect(
        await call(
          'create_official_account',
          { OfficialAccountUserID: '@TOA#_limits', Owner_Account: 'oa-owner', Name: 'Limits' },
          client,
        ),
      ).toMatchObject(OK);
    const send = (body: ReturnType<typeof text>, random: number, client = admin) =>
      call(
        'send_official_account_msg',
        { Official_Account: '@TOA#_limits', Random: random, MsgBody: body },
        client,
      );

    const first = await send(text('news'), 1);
    expect(first).toMatchObject(OK);
    expect(first.MsgSeq).toBeGreaterThan(0);
    // the same content again (another Random) within 5 minutes: dropped, the sender sees success
    const repeat = await send(text('news'), 2);
    expect(repeat).toMatchObject(OK);
    expect(repeat.MsgSeq).toBe(0);
    // a different content: 1 a second, so tried until its second has come
    const second = await waitFor(
      async () => {
        const reply = await send(text('more news'), 3);
        return reply.ErrorCode === 10023 ? null : reply;
      },
      { message: 'the second broadcast, in a later second' },
    );
    expect(second).toMatchObject(OK);
    expect(second.MsgSeq).toBe((first.MsgSeq as number) + 1);
    // a third broadcast within the hour: refused with 10023, whenever it is sent
    const third = await send(text('even more news'), 4);
    expect(third).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10023 });
    expect(typeof third.ErrorInfo).toBe('string');

    // only the two broadcasts are stored
    const history = await call('official_account_msg_get_simple', {
      Official_Account: '@TOA#_limits',
      ReqMsgNumber: 20,
    });
    expect(
      (history.RspMsgList as { MsgSeq: number }[]).map((m) => m.MsgSeq).sort((a, b) => a - b),
    ).toEqual([first.MsgSeq, second.MsgSeq]);

    // another app's account of the same ID has its own counters and content marks
    const other = await send(text('news'), 1, otherAdmin);
    expect(other).toMatchObject(OK);
    expect(other.MsgSeq).toBeGreaterThan(0);
  });

  it('holds MaxSubscriberNum under concurrent add_subscriber calls', async () => {
    await call('create_official_account', {
      OfficialAccountUserID: '@TOA#_tiny',
      Owner_Account: 'oa-owner',
      Name: 'Tiny',
      MaxSubscriberNum: 2,
    });
    const users = ['oa-ann', 'oa-bob', 'oa-cat', 'oa-dan', 'oa-owner'];
    const answers = await Promise.all(
      users.map((u) =>
        call('add_subscriber', {
          Official_Account: '@TOA#_tiny',
          SubscriberList: [{ Subscriber_Account: u }],
        }),
      ),
    );
    const results = answers.map((a) => (a.SubscriberList as Item[])[0].Result);
    expect(results.filter((r) => r === 1)).toHaveLength(2);
    expect(results.filter((r) => r === 0)).toHaveLength(3);
    const page = await call('get_subscriber_info', { Official_Account: '@TOA#_tiny', Next: '' });
    expect(page.SubscriberNum).toBe(2);
    expect(page.SubscriberList).toHaveLength(2);
  });
});
