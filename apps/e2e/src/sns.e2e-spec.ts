import type { AppReply } from '@im/contracts';
import { ErrorCode } from '@im/contracts';
import type { RestAdminClient, RestEnvelope } from '@im/sdk';

import { PlatformFixture } from './platform.fixture';

/**
 * The `sns` commands over HTTP as an app backend sends them, against every service started as a
 * process: normal use, every documented per-item code, wrong types, oversize values, unknown tags.
 */
describe('sns (relation chain) over REST', () => {
  let fixture: PlatformFixture;
  let app: AppReply;
  let admin: RestAdminClient;
  let n = 0;

  const SOURCE = 'AddSource_Type_Web';
  const sns = (command: string, body: unknown) => admin.call('sns', command, body);

  /** Fresh user IDs per test (one app for the file). */
  function users(...names: string[]): string[] {
    n++;
    return names.map((name) => `${name}-${n}`);
  }

  async function importUsers(...ids: string[]): Promise<void> {
    await admin.ok('im_open_login_svc', 'multiaccount_import', { Accounts: ids });
  }

  async function allowType(userId: string, value: string): Promise<void> {
    await admin.ok('profile', 'portrait_set', {
      From_Account: userId,
      ProfileItem: [{ Tag: 'Tag_Profile_IM_AllowType', Value: value }],
    });
  }

  async function importFriend(from: string, to: string): Promise<void> {
    await admin.ok('sns', 'friend_import', {
      From_Account: from,
      AddFriendItem: [{ To_Account: to, AddSource: SOURCE }],
    });
  }

  const resultCodes = (envelope: RestEnvelope) =>
    Object.fromEntries(
      (envelope.ResultItem as { To_Account: string; ResultCode: number }[]).map((i) => [
        i.To_Account,
        i.ResultCode,
      ]),
    );

  beforeAll(async () => {
    fixture = await PlatformFixture.start();
    app = await fixture.apps.create({
      name: 'sns-e2e',
      settings: {
        friendLimit: 3,
        blacklistLimit: 2,
        snsCustomFields: [{ key: 'Tag_SNS_Custom_Tier', type: 'string' }],
      },
    });
    admin = fixture.admin(app);
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  describe('friend_add', () => {
    it('adds an AllowAny target at once and leaves a pending request for NeedConfirm', async () => {
      const [a, open, closed, denied] = users('a', 'open', 'closed', 'denied');
      await importUsers(a, open, closed, denied);
      await allowType(open, 'AllowType_Type_AllowAny');
      await allowType(denied, 'AllowType_Type_DenyAny');

      const envelope = await sns('friend_add', {
        From_Account: a,
        AddFriendItem: [
          { To_Account: open, AddSource: SOURCE, Remark: 'o', GroupName: 'pals', AddWording: 'hi' },
          { To_Account: closed, AddSource: SOURCE },
          { To_Account: denied, AddSource: SOURCE },
        ],
        AddType: 'Add_Type_Both',
      });

      expect(envelope).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
      expect(resultCodes(envelope)).toEqual({
        [open]: 0,
        [closed]: ErrorCode.FriendRequestPending,
        [denied]: ErrorCode.TargetDeniesAll,
      });
      expect(envelope.Fail_Account).toEqual([denied]);
      expect(envelope.ErrorDisplay).toBe('');
      const check = await sns('friend_check', {
        From_Account: a,
        To_Account: [open, closed],
        CheckType: 'CheckResult_Type_Both',
      });
      expect(check.InfoItem).toEqual([
        { To_Account: open, Relation: 'CheckResult_Type_BothWay', ResultCode: 0, ResultInfo: '' },
        {
          To_Account: closed,
          Relation: 'CheckResult_Type_NoRelation',
          ResultCode: 0,
          ResultInfo: '',
        },
      ]);
    });

    it('forces an add past DenyAny with ForceAddFlags and adds one way with Add_Type_Single', async () => {
      const [a, denied, b] = users('a', 'denied', 'b');
      await importUsers(a, denied, b);
      await allowType(denied, 'AllowType_Type_DenyAny');
      await allowType(b, 'AllowType_Type_AllowAny');

      const forced = await sns('friend_add', {
        From_Account: a,
        AddFriendItem: [{ To_Account: denied, AddSource: SOURCE }],
        ForceAddFlags: 1,
      });
      const single = await sns('friend_add', {
        From_Account: a,
        AddFriendItem: [{ To_Account: b, AddSource: SOURCE }],
        AddType: 'Add_Type_Single',
      });

      expect(resultCodes(forced)).toEqual({ [denied]: 0 });
      expect(resultCodes(single)).toEqual({ [b]: 0 });
      const check = await sns('friend_check', {
        From_Account: a,
        To_Account: [denied, b],
        CheckType: 'CheckResult_Type_Both',
      });
      expect((check.InfoItem as { Relation: string }[]).map((i) => i.Relation)).toEqual([
        'CheckResult_Type_BothWay',
        'CheckResult_Type_AWithB',
      ]);
    });

    it('reports 30009, 30515, 30525, 30010, 30014, 30003 and "already a friend" per item', async () => {
      const [a, b, c, d, full, e, banned] = users('a', 'b', 'c', 'd', 'full', 'e', 'banned');
      await importUsers(a, b, c, d, full, e, banned);
      for (const u of [b, c, d, full, e]) await allowType(u, 'AllowType_Type_AllowAny');
      await admin.ok('profile', 'portrait_set', {
        From_Account: banned,
        ProfileItem: [{ Tag: 'Tag_Profile_IM_AdminForbidType', Value: 'AdminForbid_Type_SendOut' }],
      });
      await sns('black_list_add', { From_Account: a, To_Account: [b] });
      await sns('black_list_add', { From_Account: c, To_Account: [a] });
      for (const x of users('x', 'y', 'z')) {
        await importUsers(x);
        await importFriend(full, x);
      }
      await importFriend(a, d);

      const envelope = await sns('friend_add', {
        From_Account: a,
        AddFriendItem: [b, c, d, full, 'nobody-here', e].map((To_Account) => ({
          To_Account,
          AddSource: SOURCE,
        })),
      });
      const forbidden = await sns('friend_add', {
        From_Account: banned,
        AddFriendItem: [{ To_Account: e, AddSource: SOURCE }],
      });
      await importFriend(a, banned);

      expect(resultCodes(envelope)).toEqual({
        [b]: ErrorCode.TargetInRequesterBlacklist,
        [c]: ErrorCode.RequesterInTargetBlacklist,
        [d]: 0,
        [full]: ErrorCode.PeerFriendLimitReached,
        'nobody-here': ErrorCode.SnsAccountNotFound,
        [e]: 0,
      });
      expect(resultCodes(forbidden)).toEqual({ [e]: ErrorCode.FriendRequestForbidden });
      const again = await sns('friend_add', {
        From_Account: a,
        AddFriendItem: [{ To_Account: e, AddSource: SOURCE }],
      });
      expect(resultCodes(again)).toEqual({ [e]: ErrorCode.SnsInvalidParameters });
      expect((again.ResultItem as { ResultInfo: string }[])[0].ResultInfo).toBe('already a friend');
      const { FriendNum } = await sns('friend_get', { From_Account: a, StartIndex: 0 });
      expect(FriendNum).toBe(3);
      const [f] = users('f');
      await importUsers(f);
      await allowType(f, 'AllowType_Type_AllowAny');
      const over = await sns('friend_add', {
        From_Account: a,
        AddFriendItem: [{ To_Account: f, AddSource: SOURCE }],
      });
      expect(resultCodes(over)).toEqual({ [f]: ErrorCode.FriendLimitReached });
    });

    it('refuses bad items per item: AddSource, Remark 97 bytes, AddWording 257 bytes, GroupName 31 bytes', async () => {
      const [a, b] = users('a', 'b');
      await importUsers(a, b);

      const envelope = await sns('friend_add', {
        From_Account: a,
        AddFriendItem: [
          { To_Account: b },
          { To_Account: 'x1', AddSource: 'Web' },
          { To_Account: 'x2', AddSource: SOURCE, Remark: 'r'.repeat(97) },
          { To_Account: 'x3', AddSource: SOURCE, AddWording: 'w'.repeat(257) },
          { To_Account: 'x4', AddSource: SOURCE, GroupName: 'g'.repeat(31) },
        ],
      });

      expect(Object.values(resultCodes(envelope))).toEqual(
        Array(5).fill(ErrorCode.SnsInvalidParameters),
      );
      expect(envelope.Fail_Account).toHaveLength(5);
    });

    it.each<[string, unknown]>([
      ['AddFriendItem is a string', { From_Account: 'a', AddFriendItem: 'b' }],
      ['To_Account is a number', { From_Account: 'a', AddFriendItem: [{ To_Account: 7 }] }],
      ['From_Account is missing', { AddFriendItem: [{ To_Account: 'b', AddSource: SOURCE }] }],
      [
        'AddType is unknown',
        { From_Account: 'a', AddFriendItem: [{ To_Account: 'b' }], AddType: 'x' },
      ],
      ['101 items', { From_Account: 'a', AddFriendItem: Array(101).fill({ To_Account: 'b' }) }],
    ])('fails the request with 30001 when %s', async (_name, body) => {
      const envelope = await sns('friend_add', body);

      expect(envelope).toMatchObject({
        ActionStatus: 'FAIL',
        ErrorCode: ErrorCode.SnsInvalidParameters,
      });
    });

    it('answers bad JSON with 30001', async () => {
      const envelope = await admin.call('sns', 'friend_add', undefined, {
        rawBody: '{"From_Account":',
      });

      expect(envelope).toMatchObject({
        ActionStatus: 'FAIL',
        ErrorCode: ErrorCode.SnsInvalidParameters,
      });
    });
  });

  describe('friend_import, friend_update, friend_get, friend_get_list', () => {
    it('imports with every field, updates, pages with sequences and mixes profile tags', async () => {
      const [a, b, c] = users('a', 'b', 'c');
      await importUsers(a, b, c);
      await admin.ok('profile', 'portrait_set', {
        From_Account: b,
        ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Bee' }],
      });

      const imported = await sns('friend_import', {
        From_Account: a,
        AddFriendItem: [
          {
            To_Account: b,
            AddSource: SOURCE,
            Remark: 'B',
            RemarkTime: 1_600_000_000,
            GroupName: ['one', 'two'],
            AddWording: 'old',
            AddTime: 1_500_000_000,
            CustomItem: [{ Tag: 'Tag_SNS_Custom_Tier', Value: 'gold' }],
          },
          {
            To_Account: c,
            AddSource: SOURCE,
            CustomItem: [{ Tag: 'Tag_SNS_Custom_Nope', Value: 'x' }],
          },
        ],
      });
      const first = await sns('friend_get', { From_Account: a, StartIndex: 0 });
      const updated = await sns('friend_update', {
        From_Account: a,
        UpdateItem: [
          { To_Account: b, SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'Bee!' }] },
          { To_Account: c, SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'C' }] },
          { To_Account: b, SnsItem: [{ Tag: 'Tag_SNS_IM_AddWording', Value: 'x' }] },
        ],
      });
      const second = await sns('friend_get_all', {
        From_Account: a,
        StartIndex: 0,
        StandardSequence: first.StandardSequence,
        CustomSequence: first.CustomSequence,
      });
      const list = await sns('friend_get_list', {
        From_Account: a,
        To_Account: [b, c],
        TagList: [
          'Tag_Profile_IM_Nick',
          'Tag_SNS_IM_Remark',
          'Tag_SNS_Custom_Tier',
          'Tag_SNS_IM_Group',
        ],
      });
      const unknownTag = await sns('friend_get_list', {
        From_Account: a,
        To_Account: [b],
        TagList: ['Tag_SNS_Custom_Nope'],
      });

      expect(resultCodes(imported)).toEqual({ [b]: 0, [c]: ErrorCode.SnsInvalidParameters });
      expect(first).toMatchObject({ FriendNum: 1, CompleteFlag: 1, NextStartIndex: 0 });
      expect(first.UserDataItem).toEqual([
        {
          To_Account: b,
          ValueItem: [
            { Tag: 'Tag_SNS_IM_Group', Value: ['one', 'two'] },
            { Tag: 'Tag_SNS_IM_Remark', Value: 'B' },
            { Tag: 'Tag_SNS_IM_AddSource', Value: SOURCE },
            { Tag: 'Tag_SNS_IM_AddWording', Value: 'old' },
            { Tag: 'Tag_SNS_IM_AddTime', Value: 1_500_000_000 },
            { Tag: 'Tag_SNS_IM_RemarkTime', Value: 1_600_000_000 },
            { Tag: 'Tag_SNS_Custom_Tier', Value: 'gold' },
          ],
        },
      ]);
      expect(resultCodes(updated)).toEqual({ [b]: 0, [c]: ErrorCode.NotAFriend });
      expect(second.StandardSequence).toBeGreaterThan(first.StandardSequence as number);
      expect(second.CustomSequence).toBe(first.CustomSequence);
      expect(
        (second.UserDataItem as { ValueItem: { Tag: string }[] }[])[0].ValueItem.map((i) => i.Tag),
      ).not.toContain('Tag_SNS_Custom_Tier');
      expect(list.InfoItem).toEqual([
        {
          To_Account: b,
          SnsProfileItem: [
            { Tag: 'Tag_Profile_IM_Nick', Value: 'Bee' },
            { Tag: 'Tag_SNS_IM_Remark', Value: 'Bee!' },
            { Tag: 'Tag_SNS_Custom_Tier', Value: 'gold' },
            { Tag: 'Tag_SNS_IM_Group', Value: ['one', 'two'] },
          ],
          ResultCode: 0,
          ResultInfo: '',
        },
        {
          To_Account: c,
          SnsProfileItem: [],
          ResultCode: ErrorCode.NotAFriend,
          ResultInfo: 'not a friend',
        },
      ]);
      expect(list.Fail_Account).toEqual([c]);
      expect(unknownTag).toMatchObject({
        ActionStatus: 'FAIL',
        ErrorCode: ErrorCode.SnsInvalidParameters,
      });
    });
  });

  describe('friend_delete, friend_delete_all', () => {
    it('deletes single and both ways, 31704 for a non-friend, then everything', async () => {
      const [a, b, c, d] = users('a', 'b', 'c', 'd');
      await importUsers(a, b, c, d);
      for (const [x, y] of [
        [a, b],
        [b, a],
        [a, c],
        [c, a],
      ])
        await importFriend(x, y);

      const single = await sns('friend_delete', { From_Account: a, To_Account: [b, d] });
      const both = await sns('friend_delete', {
        From_Account: a,
        To_Account: [c],
        DeleteType: 'Delete_Type_Both',
      });
      const all = await sns('friend_delete_all', {
        From_Account: b,
        DeleteType: 'Delete_Type_Both',
      });

      expect(resultCodes(single)).toEqual({ [b]: 0, [d]: ErrorCode.NotAFriend });
      expect(single.Fail_Account).toEqual([d]);
      expect(resultCodes(both)).toEqual({ [c]: 0 });
      expect(all).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
      const check = await sns('friend_check', {
        From_Account: a,
        To_Account: [b, c],
        CheckType: 'CheckResult_Type_Singal',
      });
      expect((check.InfoItem as { Relation: string }[]).map((i) => i.Relation)).toEqual([
        'CheckResult_Type_NoRelation',
        'CheckResult_Type_NoRelation',
      ]);
    });
  });

  describe('black_list_*', () => {
    it('adds (ending the friendship), pages, checks, deletes; 30013 past the limit', async () => {
      const [a, b, c, d] = users('a', 'b', 'c', 'd');
      await importUsers(a, b, c, d);
      await importFriend(a, b);
      await importFriend(b, a);

      const added = await sns('black_list_add', { From_Account: a, To_Account: [b, c, d] });
      const page1 = await sns('black_list_get', {
        From_Account: a,
        StartIndex: 0,
        MaxLimited: 1,
        LastSequence: 0,
      });
      const page2 = await sns('black_list_get', {
        From_Account: a,
        StartIndex: page1.StartIndex,
        MaxLimited: 1,
        LastSequence: page1.CurruentSequence,
      });
      await sns('black_list_add', { From_Account: c, To_Account: [a] });
      const check = await sns('black_list_check', {
        From_Account: a,
        To_Account: [b, c, d],
        CheckType: 'BlackCheckResult_Type_Both',
      });
      const single = await sns('black_list_check', {
        From_Account: a,
        To_Account: [c],
        CheckType: 'BlackCheckResult_Type_Single',
      });
      const removed = await sns('black_list_delete', { From_Account: a, To_Account: [b] });
      const friends = await sns('friend_check', {
        From_Account: a,
        To_Account: [b],
        CheckType: 'CheckResult_Type_Both',
      });

      expect(resultCodes(added)).toEqual({ [b]: 0, [c]: 0, [d]: ErrorCode.BlacklistLimitReached });
      expect(added.Fail_Account).toEqual([d]);
      expect(page1.BlackListItem).toEqual([
        { To_Account: b, AddBlackTimeStamp: expect.any(Number) },
      ]);
      expect(page1.StartIndex).toBe(1);
      expect(page1.CurruentSequence).toBe(page1.CurrentSequence);
      expect(page2.BlackListItem).toEqual([
        { To_Account: c, AddBlackTimeStamp: expect.any(Number) },
      ]);
      expect(page2.StartIndex).toBe(0);
      expect((check.BlackListCheckItem as { Relation: string }[]).map((i) => i.Relation)).toEqual([
        'BlackCheckResult_Type_AWithB',
        'BlackCheckResult_Type_BothWay',
        'BlackCheckResult_Type_NO',
      ]);
      expect((single.BlackListCheckItem as { Relation: string }[])[0].Relation).toBe(
        'BlackCheckResult_Type_AWithB',
      );
      expect(resultCodes(removed)).toEqual({ [b]: 0 });
      expect((friends.InfoItem as { Relation: string }[])[0].Relation).toBe(
        'CheckResult_Type_NoRelation',
      );
    });

    it('fails the request with 30001 on wrong types', async () => {
      for (const [command, body] of [
        ['black_list_add', { From_Account: 'a', To_Account: 'b' }],
        ['black_list_get', { From_Account: 'a', StartIndex: '0', MaxLimited: 1, LastSequence: 0 }],
        [
          'black_list_check',
          { From_Account: 'a', To_Account: ['b'], CheckType: 'CheckResult_Type_Both' },
        ],
      ] as const) {
        expect([command, (await sns(command, body)).ErrorCode]).toEqual([
          command,
          ErrorCode.SnsInvalidParameters,
        ]);
      }
    });
  });

  describe('group_*', () => {
    it('creates lists with friends, gets them with CurrentSequence, deletes them; 30011 past 32', async () => {
      const [a, b, c] = users('a', 'b', 'c');
      await importUsers(a, b, c);
      await importFriend(a, b);

      const added = await sns('group_add', {
        From_Account: a,
        GroupName: ['work', 'gym'],
        To_Account: [b, c],
      });
      const got = await sns('group_get', { From_Account: a, NeedFriend: 'Need_Friend_Type_Yes' });
      const same = await sns('group_get', { From_Account: a, LastSequence: added.CurrentSequence });
      const deleted = await sns('group_delete', { From_Account: a, GroupName: ['work'] });
      const many = await sns('group_add', {
        From_Account: a,
        GroupName: Array.from({ length: 32 }, (_, i) => `l${i}`),
      });
      const long = await sns('group_add', { From_Account: a, GroupName: ['n'.repeat(31)] });

      expect(resultCodes(added)).toEqual({ [b]: 0, [c]: ErrorCode.NotAFriend });
      expect(added.Fail_Account).toEqual([c]);
      expect(added.CurrentSequence).toEqual(expect.any(Number));
      expect(got.ResultItem).toEqual([
        { GroupName: 'work', FriendNumber: 1, To_Account: [b] },
        { GroupName: 'gym', FriendNumber: 1, To_Account: [b] },
      ]);
      expect(same.ResultItem).toEqual([]);
      expect(deleted.CurrentSequence).toBeGreaterThan(added.CurrentSequence as number);
      expect(many).toMatchObject({
        ActionStatus: 'FAIL',
        ErrorCode: ErrorCode.FriendGroupLimitReached,
      });
      expect(long).toMatchObject({
        ActionStatus: 'FAIL',
        ErrorCode: ErrorCode.SnsInvalidParameters,
      });
    });
  });
});
