import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';

import { ErrorCode, PresenceCacheKeys } from '@im/contracts';
import type { AppReply, AppSettings, PresenceSession } from '@im/contracts';
import type { RestAdminClient, RestEnvelope } from '@im/sdk';

import { PlatformFixture } from './platform.fixture';

/**
 * Every `group_open_http_svc` command in scope over HTTP, as an app backend written for
 * Tencent's REST API calls it, against the whole platform started as processes: normal use
 * with the spec's field names, the §1.5 aliases and spellings, and the documented codes of
 * bad input. The per-type refusals are in group-type-rules.e2e-spec.ts.
 */
describe('group REST commands', () => {
  const G = 'group_open_http_svc';
  let fixture: PlatformFixture;
  let redis: Redis;

  /** A new app with these accounts imported over REST, and group settings. */
  async function newApp(
    userIds: string[] = [],
    settings: AppSettings = {},
  ): Promise<{ app: AppReply; client: RestAdminClient; call: Call }> {
    const app = await fixture.apps.create({ settings });
    const client = fixture.admin(app);
    if (userIds.length)
      await client.ok('im_open_login_svc', 'multiaccount_import', { Accounts: userIds });
    return { app, client, call: (command, body) => client.call(G, command, body) };
  }
  type Call = (command: string, body: unknown) => Promise<RestEnvelope>;

  /** The envelope's code, checking ActionStatus agrees with it. */
  function codeOf(envelope: RestEnvelope): number {
    expect(envelope.ActionStatus).toBe(envelope.ErrorCode === 0 ? 'OK' : 'FAIL');
    return envelope.ErrorCode;
  }

  async function created(call: Call, body: Record<string, unknown>): Promise<string> {
    const envelope = await call('create_group', { Name: 'g', ...body });
    expect(codeOf(envelope)).toBe(0);
    return envelope.GroupId as string;
  }

  beforeAll(async () => {
    fixture = await PlatformFixture.start();
    redis = new Redis(fixture.servers.redis.url);
  }, 120_000);

  afterAll(async () => {
    await redis?.quit();
    await fixture?.stop();
  });

  describe('create_group', () => {
    it('creates a group with owner, members and custom fields; answers GroupId', async () => {
      const { call } = await newApp(['alice', 'bob'], {
        groupCustomFields: [
          { key: 'Level', groupTypes: ['Public'], readLevel: 'Anyone', writeLevel: 'AppAdmin' },
        ],
      });

      const envelope = await call('create_group', {
        Type: 'Public',
        Name: 'Hikers',
        Owner_Account: 'alice',
        Introduction: 'We hike',
        MaxMemberCount: 100,
        ApplyJoinOption: 'FreeAccess',
        AppDefinedData: [{ Key: 'Level', Value: '3' }],
        MemberList: [{ Member_Account: 'bob', Role: 'Admin', NameCard: 'Bobby' }],
      });

      expect(envelope).toEqual({
        ActionStatus: 'OK',
        ErrorCode: 0,
        ErrorInfo: '',
        GroupId: expect.stringMatching(/^@TGS#/),
      });
      const info = await call('get_group_info', {
        GroupIdList: [envelope.GroupId],
        ResponseFilter: { AppDefinedDataFilter_Group: ['Level'] },
      });
      expect((info.GroupInfo as unknown[])[0]).toMatchObject({
        GroupId: envelope.GroupId,
        Type: 'Public',
        Name: 'Hikers',
        Introduction: 'We hike',
        Owner_Account: 'alice',
        MemberNum: 2,
        MaxMemberNum: 100,
        ApplyJoinOption: 'FreeAccess',
        AppDefinedData: [{ Key: 'Level', Value: '3' }],
        ErrorCode: 0,
      });
    });

    it('accepts a custom GroupId and the type alias Work; refuses a taken ID with 10021', async () => {
      const { call } = await newApp(['alice']);

      expect(await created(call, { Type: 'Work', GroupId: 'team-1', Owner_Account: 'alice' })).toBe(
        'team-1',
      );
      const info = await call('get_group_info', { GroupIdList: ['team-1'] });
      expect((info.GroupInfo as { Type: string }[])[0].Type).toBe('Private');
      expect(
        codeOf(await call('create_group', { Type: 'Public', Name: 'x', GroupId: 'team-1' })),
      ).toBe(ErrorCode.GroupIdInUse);
      expect(
        codeOf(await call('create_group', { Type: 'Public', Name: 'x', GroupId: '@TGS#x' })),
      ).toBe(ErrorCode.GroupIdInvalid);
    });

    it('answers 10004 for a bad field, 10011 for bad JSON, 10019 for an unknown owner', async () => {
      const { client, call } = await newApp();

      expect(codeOf(await call('create_group', { Type: 'Public', Name: 'x'.repeat(31) }))).toBe(
        ErrorCode.GroupInvalidParameter,
      );
      expect(codeOf(await call('create_group', { Type: 'Public' }))).toBe(
        ErrorCode.GroupInvalidParameter,
      );
      expect(
        codeOf(await call('create_group', { Type: 'Public', Name: 'n', MemberList: 'bob' })),
      ).toBe(ErrorCode.GroupInvalidParameter);
      expect(codeOf(await client.call(G, 'create_group', {}, { rawBody: '{"Type":' }))).toBe(
        ErrorCode.GroupBodyNotJson,
      );
      expect(
        codeOf(await call('create_group', { Type: 'Public', Name: 'n', Owner_Account: 'ghost' })),
      ).toBe(ErrorCode.GroupAccountNotFound);
    });
  });

  describe('get_group_info', () => {
    it('answers every base field, both mute spellings, Appid, and per-group error codes', async () => {
      const { app, call } = await newApp(['alice']);
      const groupId = await created(call, { Type: 'ChatRoom', Owner_Account: 'alice' });

      const envelope = await call('get_group_info', { GroupIdList: [groupId, 'missing'] });

      expect(envelope.GroupInfo).toEqual([
        {
          GroupId: groupId,
          Type: 'ChatRoom',
          Appid: app.sdkAppId,
          Name: 'g',
          Introduction: '',
          Notification: '',
          FaceUrl: '',
          Owner_Account: 'alice',
          CreateTime: expect.any(Number),
          InfoSeq: 1,
          LastInfoTime: expect.any(Number),
          LastMsgTime: 0,
          NextMsgSeq: 1,
          MemberNum: 1,
          MaxMemberNum: 10000,
          ApplyJoinOption: 'FreeAccess',
          ShutUpAllMember: 'Off',
          MuteAllMember: 'Off',
          HistoryMsgBeforeJoin: 'On', // the ChatRoom default
          ErrorCode: 0,
          ErrorInfo: '',
        },
        { GroupId: 'missing', ErrorCode: ErrorCode.GroupNotFound, ErrorInfo: expect.any(String) },
      ]);
    });

    it('filters base fields and adds the member list on MemberInfoFilter', async () => {
      const { call } = await newApp(['alice', 'bob']);
      const groupId = await created(call, {
        Type: 'Public',
        Owner_Account: 'alice',
        MemberList: [{ Member_Account: 'bob' }],
      });

      const envelope = await call('get_group_info', {
        GroupIdList: [groupId],
        ResponseFilter: { GroupBaseInfoFilter: ['Name', 'MemberNum'], MemberInfoFilter: ['Role'] },
      });

      expect(envelope.GroupInfo).toEqual([
        {
          GroupId: groupId,
          Name: 'g',
          MemberNum: 2,
          ErrorCode: 0,
          ErrorInfo: '',
          MemberList: [
            { Member_Account: 'alice', Role: 'Owner' },
            { Member_Account: 'bob', Role: 'Member' },
          ],
        },
      ]);
    });

    it('refuses more than 50 groups with 10004', async () => {
      const { call } = await newApp();
      const ids = Array.from({ length: 51 }, (_, i) => `g${i}`);
      expect(codeOf(await call('get_group_info', { GroupIdList: ids }))).toBe(
        ErrorCode.GroupInvalidParameter,
      );
    });
  });

  describe('get_group_member_info', () => {
    it('pages members in join order with JoinTime and filters', async () => {
      const { call } = await newApp(['alice', 'bob', 'carol']);
      const groupId = await created(call, {
        Type: 'Public',
        Owner_Account: 'alice',
        MemberList: [
          { Member_Account: 'bob', Role: 'Admin', JoinTime: 1000 },
          { Member_Account: 'carol', JoinTime: 2000 },
        ],
      });

      const all = await call('get_group_member_info', { GroupId: groupId });
      const page = await call('get_group_member_info', {
        GroupId: groupId,
        Limit: 1,
        Offset: 1,
        MemberInfoFilter: ['JoinTime'],
      });
      const admins = await call('get_group_member_info', {
        GroupId: groupId,
        MemberRoleFilter: ['Admin'],
      });

      expect(all.MemberNum).toBe(3);
      expect((all.MemberList as unknown[])[0]).toEqual({
        Member_Account: 'bob',
        Role: 'Admin',
        JoinTime: 1000,
        MsgSeq: 0,
        MsgFlag: 'AcceptAndNotify',
        LastSendMsgTime: 0,
        ShutUpUntil: 0,
        MuteUntil: 0,
        NameCard: '',
      });
      expect(page.MemberList).toEqual([{ Member_Account: 'carol', JoinTime: 2000 }]);
      expect(
        (admins.MemberList as { Member_Account: string }[]).map((m) => m.Member_Account),
      ).toEqual(['bob']);
    });
  });

  describe('modify_group_base_info', () => {
    it('changes fields, reads ShutUpAllMember, moves InfoSeq', async () => {
      const { call } = await newApp(['alice']);
      const groupId = await created(call, { Type: 'Public', Owner_Account: 'alice' });

      const envelope = await call('modify_group_base_info', {
        GroupId: groupId,
        Name: 'Renamed',
        Notification: 'Read me',
        FaceUrl: 'https://img/1.png',
        ShutUpAllMember: 'On',
        MaxMemberNum: 500,
      });

      expect(envelope).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
      const info = await call('get_group_info', { GroupIdList: [groupId] });
      expect((info.GroupInfo as unknown[])[0]).toMatchObject({
        Name: 'Renamed',
        Notification: 'Read me',
        FaceUrl: 'https://img/1.png',
        ShutUpAllMember: 'On',
        MuteAllMember: 'On',
        MaxMemberNum: 500,
        InfoSeq: 2,
      });
    });

    it('refuses a Notification over 300 bytes and an unknown group', async () => {
      const { call } = await newApp();
      const groupId = await created(call, { Type: 'Public' });
      expect(
        codeOf(
          await call('modify_group_base_info', { GroupId: groupId, Notification: 'x'.repeat(301) }),
        ),
      ).toBe(ErrorCode.GroupInvalidParameter);
      expect(codeOf(await call('modify_group_base_info', { GroupId: 'nope', Name: 'x' }))).toBe(
        ErrorCode.GroupNotFound,
      );
    });
  });

  describe('add_group_member / delete_group_member', () => {
    it('adds with a Result per member and removes with a reason', async () => {
      const { call } = await newApp(['alice', 'bob', 'carol']);
      const groupId = await created(call, { Type: 'Public', Owner_Account: 'alice' });

      const added = await call('add_group_member', {
        GroupId: groupId,
        Silence: 1,
        MemberList: [
          { Member_Account: 'bob' },
          { Member_Account: 'alice' },
          { Member_Account: 'ghost' },
        ],
      });
      const removed = await call('delete_group_member', {
        GroupId: groupId,
        MemberToDel_Account: ['bob'],
        Reason: 'bye',
      });

      expect(added.MemberList).toEqual([
        { Member_Account: 'bob', Result: 1 },
        { Member_Account: 'alice', Result: 2 },
        { Member_Account: 'ghost', Result: 0 },
      ]);
      expect(codeOf(removed)).toBe(0);
      const members = await call('get_group_member_info', { GroupId: groupId });
      expect(members.MemberNum).toBe(1);
    });

    it('answers 10005 for more than 500 accounts to delete', async () => {
      const { call } = await newApp();
      const groupId = await created(call, { Type: 'Public' });
      const many = Array.from({ length: 501 }, (_, i) => `u${i}`);
      expect(
        codeOf(await call('delete_group_member', { GroupId: groupId, MemberToDel_Account: many })),
      ).toBe(ErrorCode.GroupTooManyAccounts);
    });

    it('takes at most 100 accounts to delete, as Tencent does; 101 answer 10005', async () => {
      const { call } = await newApp();
      const groupId = await created(call, { Type: 'Public' });
      const accounts = (n: number) => Array.from({ length: n }, (_, i) => `gone${i}`);
      // Accounts that are not members are skipped: 100 of them is a valid request.
      const hundred = { GroupId: groupId, MemberToDel_Account: accounts(100) };
      expect(codeOf(await call('delete_group_member', hundred))).toBe(0);
      const tooMany = { GroupId: groupId, MemberToDel_Account: accounts(101) };
      expect(codeOf(await call('delete_group_member', tooMany))).toBe(
        ErrorCode.GroupTooManyAccounts,
      );
    });
  });

  describe('modify_group_member_info / forbid_send_msg / muted lists / get_role_in_group', () => {
    it('sets role, NameCard, MsgFlag and mute (ShutUpTime alias); lists the muted both ways', async () => {
      const { call } = await newApp(['alice', 'bob', 'carol']);
      const groupId = await created(call, {
        Type: 'Public',
        Owner_Account: 'alice',
        MemberList: [{ Member_Account: 'bob' }, { Member_Account: 'carol' }],
      });

      expect(
        codeOf(
          await call('modify_group_member_info', {
            GroupId: groupId,
            Member_Account: 'bob',
            Role: 'Admin',
            NameCard: 'Bobby',
            MsgFlag: 'AcceptNotNotify',
            ShutUpTime: 120,
          }),
        ),
      ).toBe(0);
      expect(
        codeOf(
          await call('forbid_send_msg', {
            GroupId: groupId,
            Members_Account: ['carol'],
            MuteTime: 4294967295,
          }),
        ),
      ).toBe(0);

      const roles = await call('get_role_in_group', {
        GroupId: groupId,
        User_Account: ['alice', 'bob', 'zed'],
      });
      expect(roles.UserIdList).toEqual([
        { Member_Account: 'alice', Role: 'Owner' },
        { Member_Account: 'bob', Role: 'Admin' },
        { Member_Account: 'zed', Role: 'NotMember' },
      ]);
      const old = await call('get_group_shutted_uin', { GroupId: groupId });
      const current = await call('get_group_muted_account', { GroupId: groupId });
      expect(old.ShuttedUinList).toEqual([
        { Member_Account: 'bob', ShuttedUntil: expect.any(Number) },
        { Member_Account: 'carol', ShuttedUntil: 4294967295 },
      ]);
      expect(current.MutedAccountList).toEqual([
        { Member_Account: 'bob', MutedUntil: expect.any(Number) },
        { Member_Account: 'carol', MutedUntil: 4294967295 },
      ]);

      await call('forbid_send_msg', {
        GroupId: groupId,
        Members_Account: ['carol', 'bob'],
        ShutUpTime: 0,
      });
      expect(
        (await call('get_group_muted_account', { GroupId: groupId })).MutedAccountList,
      ).toEqual([]);
      const bob = (
        (await call('get_group_member_info', { GroupId: groupId })).MemberList as Record<
          string,
          unknown
        >[]
      ).find((m) => m.Member_Account === 'bob');
      expect(bob).toMatchObject({ NameCard: 'Bobby', MsgFlag: 'AcceptNotNotify', ShutUpUntil: 0 });
    });

    it('refuses a NameCard over 50 bytes and MuteTime above 4294967295', async () => {
      const { call } = await newApp(['alice']);
      const groupId = await created(call, { Type: 'Public', Owner_Account: 'alice' });
      expect(
        codeOf(
          await call('modify_group_member_info', {
            GroupId: groupId,
            Member_Account: 'alice',
            NameCard: 'x'.repeat(51),
          }),
        ),
      ).toBe(ErrorCode.GroupInvalidParameter);
      expect(
        codeOf(
          await call('forbid_send_msg', {
            GroupId: groupId,
            Members_Account: ['alice'],
            MuteTime: 4294967296,
          }),
        ),
      ).toBe(ErrorCode.GroupInvalidParameter);
    });
  });

  describe('get_joined_group_list', () => {
    it('answers GroupIdList, with base fields and SelfInfo when filtered', async () => {
      const { call } = await newApp(['alice', 'bob']);
      const a = await created(call, {
        Type: 'Public',
        Owner_Account: 'alice',
        MemberList: [{ Member_Account: 'bob' }],
      });
      const b = await created(call, { Type: 'ChatRoom', Owner_Account: 'bob' });

      const plain = await call('get_joined_group_list', { Member_Account: 'bob' });
      const filtered = await call('get_joined_group_list', {
        Member_Account: 'bob',
        GroupType: 'ChatRoom',
        ResponseFilter: {
          GroupBaseInfoFilter: ['Type', 'Name'],
          SelfInfoFilter: ['Role', 'MsgFlag'],
        },
      });

      expect(plain.TotalCount).toBe(2);
      expect((plain.GroupIdList as { GroupId: string }[]).map((g) => g.GroupId).sort()).toEqual(
        [a, b].sort(),
      );
      expect(filtered).toMatchObject({
        TotalCount: 1,
        GroupIdList: [
          {
            GroupId: b,
            Type: 'ChatRoom',
            Name: 'g',
            SelfInfo: { Role: 'Owner', MsgFlag: 'AcceptNotNotify' },
          },
        ],
      });
    });

    it('hides a Private group from members until activated, unless WithNoActiveGroups', async () => {
      const { call } = await newApp(['alice', 'bob']);
      await created(call, {
        Type: 'Private',
        Owner_Account: 'alice',
        MemberList: [{ Member_Account: 'bob' }],
      });

      expect((await call('get_joined_group_list', { Member_Account: 'bob' })).TotalCount).toBe(0);
      expect(
        (await call('get_joined_group_list', { Member_Account: 'bob', WithNoActiveGroups: 1 }))
          .TotalCount,
      ).toBe(1);
      expect((await call('get_joined_group_list', { Member_Account: 'alice' })).TotalCount).toBe(1);
    });
  });

  describe('change_group_owner / destroy_group', () => {
    it('transfers ownership and dismisses', async () => {
      const { call } = await newApp(['alice', 'bob']);
      const groupId = await created(call, {
        Type: 'Public',
        Owner_Account: 'alice',
        MemberList: [{ Member_Account: 'bob' }],
      });

      expect(
        codeOf(await call('change_group_owner', { GroupId: groupId, NewOwner_Account: 'bob' })),
      ).toBe(0);
      const info = await call('get_group_info', { GroupIdList: [groupId] });
      expect((info.GroupInfo as { Owner_Account: string }[])[0].Owner_Account).toBe('bob');

      expect(codeOf(await call('destroy_group', { GroupId: groupId }))).toBe(0);
      const gone = await call('get_group_info', { GroupIdList: [groupId] });
      expect((gone.GroupInfo as { ErrorCode: number }[])[0].ErrorCode).toBe(
        ErrorCode.GroupNotFound,
      );
      expect(codeOf(await call('destroy_group', { GroupId: groupId }))).toBe(
        ErrorCode.GroupNotFound,
      );
    });
  });

  describe('get_appid_group_list', () => {
    it('pages with Limit and Next, filters by GroupType or its alias Type', async () => {
      const { call } = await newApp();
      const ids = [
        await created(call, { Type: 'Public' }),
        await created(call, { Type: 'Private' }),
        await created(call, { Type: 'Public' }),
      ];

      const first = await call('get_appid_group_list', { Limit: 2 });
      const rest = await call('get_appid_group_list', { Limit: 2, Next: first.Next });
      const publics = await call('get_appid_group_list', { Type: 'Public' });

      expect(first).toMatchObject({
        TotalCount: 3,
        GroupIdList: [{ GroupId: ids[0] }, { GroupId: ids[1] }],
      });
      expect(first.Next).not.toBe(0);
      expect(rest).toMatchObject({ GroupIdList: [{ GroupId: ids[2] }], Next: 0 });
      expect(publics).toMatchObject({
        TotalCount: 2,
        GroupIdList: [{ GroupId: ids[0] }, { GroupId: ids[2] }],
        Next: 0,
      });
      expect(codeOf(await call('get_appid_group_list', { Limit: 10001 }))).toBe(
        ErrorCode.GroupInvalidParameter,
      );
    });
  });

  describe('import_group / import_group_member', () => {
    it('imports a group with its CreateTime and members with roles and unread counts', async () => {
      const { call } = await newApp(['alice', 'bob']);
      const imported = await call('import_group', {
        Type: 'Public',
        Name: 'Old',
        GroupId: 'legacy',
        Owner_Account: 'alice',
        CreateTime: 1_400_000_000,
      });
      const members = await call('import_group_member', {
        GroupId: 'legacy',
        MemberList: [
          { Member_Account: 'bob', Role: 'Admin', JoinTime: 1_400_000_100, UnreadMsgNum: 0 },
          { Member_Account: 'alice' },
        ],
      });

      expect(imported.GroupId).toBe('legacy');
      expect(members.MemberList).toEqual([
        { Member_Account: 'bob', Result: 1 },
        { Member_Account: 'alice', Result: 2 },
      ]);
      const info = await call('get_group_info', { GroupIdList: ['legacy'] });
      expect((info.GroupInfo as unknown[])[0]).toMatchObject({
        CreateTime: 1_400_000_000,
        MemberNum: 2,
      });
    });
  });

  describe('get_online_member_num / search_group', () => {
    it('counts members online in presence and finds a group by exact ID', async () => {
      const { app, call } = await newApp(['alice', 'bob', 'carol']);
      const groupId = await created(call, {
        Type: 'Public',
        Owner_Account: 'alice',
        MemberList: [{ Member_Account: 'bob' }, { Member_Account: 'carol' }],
      });
      const session: PresenceSession = {
        connId: randomUUID(),
        nodeId: 'e2e',
        platform: 'Web',
        status: 'Online',
        since: Date.now(),
        expiresAt: Date.now() + 60_000,
      };
      const key = PresenceCacheKeys.sessions(app.sdkAppId, 'bob');
      await redis.hset(key, session.connId, JSON.stringify(session));
      await redis.expire(key, 120);

      expect(await call('get_online_member_num', { GroupId: groupId })).toMatchObject({
        OnlineMemberNum: 1,
      });
      const found = await call('search_group', { GroupId: groupId });
      expect(found.GroupInfo).toEqual([
        expect.objectContaining({ GroupId: groupId, Type: 'Public', MemberNum: 3 }),
      ]);
      expect((await call('search_group', { GroupId: groupId.slice(0, -2) })).GroupInfo).toEqual([]);
    });
  });

  it('keeps custom field values holding U+0000 exactly (stored and published as json)', async () => {
    const { call } = await newApp(['alice', 'bob', 'carol'], {
      groupCustomFields: [
        { key: 'Raw', groupTypes: ['Public'], readLevel: 'Anyone', writeLevel: 'AppAdmin' },
      ],
      groupMemberCustomFields: [
        {
          key: 'Seat',
          groupTypes: ['Public'],
          readLevel: 'Anyone',
          writeLevel: 'AppAdmin',
          selfRead: true,
          selfWrite: false,
        },
      ],
    });
    const raw = 'a\u0000b \u4e2d';
    const groupId = await created(call, {
      Type: 'Public',
      Owner_Account: 'alice',
      AppDefinedData: [{ Key: 'Raw', Value: raw }],
      MemberList: [{ Member_Account: 'bob' }],
    });

    expect(
      codeOf(
        await call('modify_group_base_info', {
          GroupId: groupId,
          AppDefinedData: [{ Key: 'Raw', Value: `${raw}\u0000` }],
        }),
      ),
    ).toBe(0);
    expect(
      codeOf(
        await call('modify_group_member_info', {
          GroupId: groupId,
          Member_Account: 'bob',
          AppMemberDefinedData: [{ Key: 'Seat', Value: '\u0000' }],
        }),
      ),
    ).toBe(0);

    // a kick reason travels in group.evt.member-kicked through the outbox (json since 0006)
    expect(
      codeOf(
        await call('add_group_member', {
          GroupId: groupId,
          MemberList: [{ Member_Account: 'carol' }],
        }),
      ),
    ).toBe(0);
    expect(
      codeOf(
        await call('delete_group_member', {
          GroupId: groupId,
          MemberToDel_Account: ['carol'],
          Reason: 'bye\u0000',
        }),
      ),
    ).toBe(0);
    // text fields are PostgreSQL text, which cannot hold U+0000: refused, not an internal error
    for (const [command, body] of [
      ['create_group', { Type: 'Public', Name: 'a\u0000' }],
      ['modify_group_base_info', { GroupId: groupId, Introduction: 'a\u0000' }],
      ['modify_group_member_info', { GroupId: groupId, Member_Account: 'bob', NameCard: '\u0000' }],
    ] as const)
      expect([command, codeOf(await call(command, body))]).toEqual([
        command,
        ErrorCode.GroupInvalidParameter,
      ]);

    const info = await call('get_group_info', {
      GroupIdList: [groupId],
      ResponseFilter: { AppDefinedDataFilter_Group: ['Raw'] },
    });
    expect((info.GroupInfo as unknown[])[0]).toMatchObject({
      ErrorCode: 0,
      AppDefinedData: [{ Key: 'Raw', Value: `${raw}\u0000` }],
    });
    const members = await call('get_group_member_info', {
      GroupId: groupId,
      AppDefinedDataFilter_GroupMember: ['Seat'],
    });
    expect(members.MemberList).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Member_Account: 'bob',
          AppMemberDefinedData: [{ Key: 'Seat', Value: '\u0000' }],
        }),
      ]),
    );
  });

  it('never lets one app read, change or dismiss another app’s group (PLT-2)', async () => {
    const a = await newApp(['alice', 'bob']);
    const b = await newApp(['alice', 'bob']);
    const groupId = await created(a.call, {
      Type: 'Public',
      Owner_Account: 'alice',
      AppDefinedData: [],
    });
    const notFound = ErrorCode.GroupNotFound;

    expect(
      ((await b.call('get_group_info', { GroupIdList: [groupId] })).GroupInfo as unknown[])[0],
    ).toMatchObject({ GroupId: groupId, ErrorCode: notFound });
    for (const [command, body] of [
      ['get_group_member_info', { GroupId: groupId }],
      ['modify_group_base_info', { GroupId: groupId, Name: 'taken' }],
      ['add_group_member', { GroupId: groupId, MemberList: [{ Member_Account: 'bob' }] }],
      ['delete_group_member', { GroupId: groupId, MemberToDel_Account: ['alice'] }],
      ['forbid_send_msg', { GroupId: groupId, Members_Account: ['alice'], MuteTime: 60 }],
      ['change_group_owner', { GroupId: groupId, NewOwner_Account: 'bob' }],
      ['get_online_member_num', { GroupId: groupId }],
      ['destroy_group', { GroupId: groupId }],
    ] as const)
      expect([command, codeOf(await b.call(command, body))]).toEqual([command, notFound]);
    expect((await b.call('search_group', { GroupId: groupId })).GroupInfo).toEqual([]);
    expect((await b.call('get_appid_group_list', {})).TotalCount).toBe(0);
    expect((await b.call('get_joined_group_list', { Member_Account: 'alice' })).TotalCount).toBe(0);

    expect(
      ((await a.call('get_group_info', { GroupIdList: [groupId] })).GroupInfo as unknown[])[0],
    ).toMatchObject({ Name: 'g', Owner_Account: 'alice', MemberNum: 1, ErrorCode: 0 });
  });

  it('keeps the same group ID in two apps apart (PLT-2)', async () => {
    const a = await newApp(['alice']);
    const b = await newApp(['alice']);
    await created(a.call, { Type: 'Public', GroupId: 'same', Name: 'A', Owner_Account: 'alice' });
    await created(b.call, { Type: 'ChatRoom', GroupId: 'same', Name: 'B' });

    const inA = await a.call('get_group_info', { GroupIdList: ['same'] });
    const inB = await b.call('get_group_info', { GroupIdList: ['same'] });

    expect((inA.GroupInfo as unknown[])[0]).toMatchObject({
      Name: 'A',
      Type: 'Public',
      MemberNum: 1,
    });
    expect((inB.GroupInfo as unknown[])[0]).toMatchObject({
      Name: 'B',
      Type: 'ChatRoom',
      MemberNum: 0,
    });
    await b.call('destroy_group', { GroupId: 'same' });
    expect(
      ((await a.call('get_group_info', { GroupIdList: ['same'] })).GroupInfo as unknown[])[0],
    ).toMatchObject({
      ErrorCode: 0,
    });
  });
});
