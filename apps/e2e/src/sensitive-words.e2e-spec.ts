import { ErrorCode, ProfileTags } from '@im/contracts';
import type { AppReply, RelationResultsReply } from '@im/contracts';
import type { ImClient, RestAdminClient, RestEnvelope } from '@im/sdk';

import { PlatformFixture } from './platform.fixture';
import { sdkClient } from './support/sdk-user.client';

/**
 * The app's sensitive words (`openim_dirty_words`, docs/rest-api.md §9.1) over HTTP, beyond
 * message text: group name / introduction / notification and name cards (80001), profile text
 * fields (40005), relation-chain text (30005; per item where the command answers ResultItem).
 * Words take effect as soon as `add` answers and stop applying after `delete`, in every
 * service; one app's words never touch another app.
 */
describe('sensitive words on group, profile and relation-chain text', () => {
  const SOURCE = 'AddSource_Type_Test';
  const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
  let fixture: PlatformFixture;
  /** App A holds the words; app B holds none. */
  let appA: AppReply;
  let a: RestAdminClient;
  let b: RestAdminClient;
  let groupCount = 0;

  const codeOf = (envelope: RestEnvelope) => envelope.ErrorCode;
  const resultCodes = (envelope: RestEnvelope) =>
    (envelope.ResultItem as { To_Account: string; ResultCode: number }[]).map((i) => [
      i.To_Account,
      i.ResultCode,
    ]);
  const createGroup = (client: RestAdminClient, body: Record<string, unknown>) =>
    client.call('group_open_http_svc', 'create_group', {
      Type: 'Public',
      Name: 'clean name',
      Owner_Account: 'alice',
      GroupId: `g${++groupCount}`,
      ...body,
    });
  const setNick = (client: RestAdminClient, value: string, tag: string = ProfileTags.Nick) =>
    client.call('profile', 'portrait_set', {
      From_Account: 'alice',
      ProfileItem: [{ Tag: tag, Value: value }],
    });

  beforeAll(async () => {
    fixture = await PlatformFixture.start();
    for (const name of ['a', 'b'] as const) {
      const app = await fixture.apps.create();
      const client = fixture.admin(app);
      await client.ok('im_open_login_svc', 'multiaccount_import', { Accounts: USERS });
      if (name === 'a') [appA, a] = [app, client];
      else b = client;
    }
    await a.ok('openim_dirty_words', 'add', { DirtyWordsList: ['badword', '敏感词'] });
  }, 180_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  describe('groups (80001)', () => {
    it('refuses create_group and import_group whose name, introduction, notification or name card holds a word', async () => {
      const refused = [
        { Name: 'the BADWORD club' },
        { Introduction: 'we say 敏感词 here' },
        { Notification: 'Badword!' },
        { MemberList: [{ Member_Account: 'bob', NameCard: 'mr badword' }] },
      ];
      for (const body of refused)
        expect(codeOf(await createGroup(a, body))).toBe(ErrorCode.DirtyWords);
      const imported = await a.call('group_open_http_svc', 'import_group', {
        Type: 'Public',
        Name: 'imported badword',
        Owner_Account: 'alice',
      });
      expect(codeOf(imported)).toBe(ErrorCode.DirtyWords);
      expect(codeOf(await createGroup(a, { Name: 'a clean name' }))).toBe(0);
    });

    it('refuses modify_group_base_info and modify_group_member_info, leaving the group as it was', async () => {
      const GroupId = `m${++groupCount}`;
      await a.ok('group_open_http_svc', 'create_group', {
        Type: 'Public',
        GroupId,
        Name: 'before',
        Introduction: 'intro',
        Owner_Account: 'alice',
        MemberList: [{ Member_Account: 'bob' }],
      });
      const modify = (body: object) =>
        a.call('group_open_http_svc', 'modify_group_base_info', { GroupId, ...body });

      expect(codeOf(await modify({ Name: 'BadWord' }))).toBe(ErrorCode.DirtyWords);
      expect(codeOf(await modify({ Introduction: 'x badword', Name: 'after' }))).toBe(
        ErrorCode.DirtyWords,
      );
      expect(codeOf(await modify({ Notification: '敏感词' }))).toBe(ErrorCode.DirtyWords);
      const card = await a.call('group_open_http_svc', 'modify_group_member_info', {
        GroupId,
        Member_Account: 'bob',
        NameCard: 'badword bob',
      });
      expect(codeOf(card)).toBe(ErrorCode.DirtyWords);

      const info = await a.ok('group_open_http_svc', 'get_group_info', {
        GroupIdList: [GroupId],
      });
      expect((info.GroupInfo as object[])[0]).toMatchObject({
        Name: 'before',
        Introduction: 'intro',
      });
      expect(codeOf(await modify({ Name: 'after' }))).toBe(0);
    });

    it('fails only the imported member whose name card holds a word (import_group_member)', async () => {
      const GroupId = `i${++groupCount}`;
      await a.ok('group_open_http_svc', 'create_group', {
        Type: 'Public',
        GroupId,
        Name: 'imports',
        Owner_Account: 'alice',
      });
      const reply = await a.ok('group_open_http_svc', 'import_group_member', {
        GroupId,
        MemberList: [
          { Member_Account: 'bob', NameCard: 'BADWORD' },
          { Member_Account: 'carol', NameCard: 'carol' },
        ],
      });
      expect(reply.MemberList).toEqual([
        { Member_Account: 'bob', Result: 0 },
        { Member_Account: 'carol', Result: 1 },
      ]);
    });
  });

  describe('profiles (40005)', () => {
    it('refuses portrait_set of Nick, SelfSignature or Location holding a word, writing nothing', async () => {
      await a.ok('profile', 'portrait_set', {
        From_Account: 'alice',
        ProfileItem: [{ Tag: ProfileTags.Nick, Value: 'Alice' }],
      });
      expect(codeOf(await setNick(a, 'Alice BADWORD'))).toBe(ErrorCode.ProfileSensitiveWords);
      expect(codeOf(await setNick(a, '敏感词', ProfileTags.SelfSignature))).toBe(
        ErrorCode.ProfileSensitiveWords,
      );
      expect(codeOf(await setNick(a, 'badword', ProfileTags.Location))).toBe(
        ErrorCode.ProfileSensitiveWords,
      );
      const got = await a.ok('profile', 'portrait_get', {
        To_Account: ['alice'],
        TagList: [ProfileTags.Nick],
      });
      expect(got.UserProfileItem).toEqual([
        expect.objectContaining({ ProfileItem: [{ Tag: ProfileTags.Nick, Value: 'Alice' }] }),
      ]);
    });
  });

  describe('relation chain (30005)', () => {
    it('fails the friend_add items whose Remark, AddWording or GroupName holds a word', async () => {
      const reply = await a.ok('sns', 'friend_add', {
        From_Account: 'alice',
        AddFriendItem: [
          { To_Account: 'bob', AddSource: SOURCE, Remark: 'badword' },
          { To_Account: 'carol', AddSource: SOURCE, AddWording: 'hi 敏感词' },
          { To_Account: 'dave', AddSource: SOURCE, GroupName: 'BadWords' },
          { To_Account: 'erin', AddSource: SOURCE, Remark: 'erin' },
        ],
      });
      const codes = resultCodes(reply);
      expect(codes.slice(0, 3)).toEqual([
        ['bob', ErrorCode.SnsSensitiveWords],
        ['carol', ErrorCode.SnsSensitiveWords],
        ['dave', ErrorCode.SnsSensitiveWords],
      ]);
      expect(codes[3][1]).not.toBe(ErrorCode.SnsSensitiveWords);
    });

    it('fails the friend_import and friend_update items holding a word, and group_add as a whole', async () => {
      const imported = await a.ok('sns', 'friend_import', {
        From_Account: 'bob',
        AddFriendItem: [
          { To_Account: 'carol', AddSource: SOURCE, Remark: 'badword' },
          { To_Account: 'dave', AddSource: SOURCE, GroupName: ['fine', 'badword list'] },
          { To_Account: 'frank', AddSource: SOURCE, Remark: 'frank' },
        ],
      });
      expect(resultCodes(imported)).toEqual([
        ['carol', ErrorCode.SnsSensitiveWords],
        ['dave', ErrorCode.SnsSensitiveWords],
        ['frank', 0],
      ]);

      const updated = await a.ok('sns', 'friend_update', {
        From_Account: 'bob',
        UpdateItem: [
          { To_Account: 'frank', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'BADWORD' }] },
        ],
      });
      expect(resultCodes(updated)).toEqual([['frank', ErrorCode.SnsSensitiveWords]]);
      const listed = await a.call('sns', 'group_add', {
        From_Account: 'bob',
        GroupName: ['friends', '敏感词'],
      });
      expect(codeOf(listed)).toBe(ErrorCode.SnsSensitiveWords);
    });
  });

  /** A logged-in client-protocol (WebSocket) connection of a user of app A. */
  async function connect(userId: string): Promise<ImClient> {
    const client = sdkClient(appA, fixture.platform.wsUrl, userId, {
      platform: 'Web',
      requestTimeoutMs: 10_000,
      reconnect: false,
    });
    await client.connect();
    return client;
  }

  it('refuses the same texts over the client protocol (profile, group, friend add and accept)', async () => {
    const erin = await connect('erin');
    const dave = await connect('dave');
    try {
      const nick = [{ tag: ProfileTags.Nick, value: 'BadWord' }];
      await expect(
        erin.request('profile.set', { userId: 'erin', items: nick }),
      ).rejects.toMatchObject({ code: ErrorCode.ProfileSensitiveWords });
      await expect(
        erin.request('group.create', { type: 'Public', name: 'erin', notification: '敏感词' }),
      ).rejects.toMatchObject({ code: ErrorCode.DirtyWords });
      const added = await erin.request<RelationResultsReply>('friend.add', {
        userId: 'erin',
        items: [
          { toUserId: 'frank', addSource: SOURCE, remark: 'badword' },
          { toUserId: 'dave', addSource: SOURCE, addWording: 'hello' },
        ],
      });
      expect(added.results.map((r) => [r.userId, r.code])).toEqual([
        ['frank', ErrorCode.SnsSensitiveWords],
        ['dave', ErrorCode.FriendRequestPending],
      ]);
      const accept = { userId: 'dave', fromUserId: 'erin', response: 'agree-and-add' };
      await expect(
        dave.request('friend-request.accept', { ...accept, remark: 'BADWORD' }),
      ).rejects.toMatchObject({ code: ErrorCode.SnsSensitiveWords });
      await dave.request('friend-request.accept', { ...accept, remark: 'erin' });
    } finally {
      await erin.close();
      await dave.close();
    }
  });

  it('applies a word as soon as add answers and stops after delete, in every service', async () => {
    // Each service has read app A's list already (the cases above): the change must reach it.
    expect(codeOf(await setNick(a, 'fresh'))).toBe(0);
    await a.ok('openim_dirty_words', 'add', { DirtyWordsList: ['Fresh'] });
    expect(codeOf(await setNick(a, 'so FRESH'))).toBe(ErrorCode.ProfileSensitiveWords);
    expect(codeOf(await createGroup(a, { Name: 'fresh' }))).toBe(ErrorCode.DirtyWords);
    const listed = await a.call('sns', 'group_add', {
      From_Account: 'carol',
      GroupName: ['fresh'],
    });
    expect(codeOf(listed)).toBe(ErrorCode.SnsSensitiveWords);

    await a.ok('openim_dirty_words', 'delete', { DirtyWordsList: ['Fresh'] });
    expect(codeOf(await setNick(a, 'so FRESH'))).toBe(0);
    expect(codeOf(await createGroup(a, { Name: 'fresh' }))).toBe(0);
    await a.ok('sns', 'group_add', { From_Account: 'carol', GroupName: ['fresh'] });
  });

  it("never applies one app's words to another app", async () => {
    expect(codeOf(await createGroup(b, { Name: 'badword', Introduction: '敏感词' }))).toBe(0);
    expect(codeOf(await setNick(b, 'badword'))).toBe(0);
    const added = await b.ok('sns', 'friend_import', {
      From_Account: 'alice',
      AddFriendItem: [{ To_Account: 'bob', AddSource: SOURCE, Remark: 'badword' }],
    });
    expect(resultCodes(added)).toEqual([['bob', 0]]);
    await b.ok('sns', 'group_add', { From_Account: 'alice', GroupName: ['badword'] });
  });
});
