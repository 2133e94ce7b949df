import { ErrorCode, GroupRpc } from '@im/contracts';
import type { AppReply, AppSettings } from '@im/contracts';
import { createLogger, NatsBus } from '@im/platform';
import type { RestAdminClient, RestEnvelope } from '@im/sdk';

import { PlatformFixture } from './platform.fixture';

/**
 * Table 7-1 over HTTP: for each group type, what an app backend may and may not do through
 * `group_open_http_svc`, and the documented code of each refusal. `From_Account` makes the
 * App admin act as a user (an owner, an admin, an ordinary member) with that user's rights;
 * an owner quitting is a delete_group_member of themself. Viewers join live rooms through the
 * client protocol, simulated here on the bus as the connection gateway sends it.
 */
describe('group type rules over REST', () => {
  const G = 'group_open_http_svc';
  const ROOMS_ON: AppSettings = { avChatRoomEnabled: true, bChatRoomEnabled: true };
  const PEOPLE = ['owner', 'admin', 'm1', 'm2', 'm3', 'outsider'];
  let fixture: PlatformFixture;
  let bus: NatsBus;
  let call: (command: string, body: unknown) => Promise<RestEnvelope>;
  let app: AppReply;

  async function newApp(settings: AppSettings = ROOMS_ON, userIds = PEOPLE) {
    const created = await fixture.apps.create({ settings });
    const client: RestAdminClient = fixture.admin(created);
    if (userIds.length)
      await client.ok('im_open_login_svc', 'multiaccount_import', { Accounts: userIds });
    return {
      app: created,
      call: (command: string, body: unknown) => client.call(G, command, body),
    };
  }

  /** A group of the type with an owner, an admin where the type has admins, and members. */
  async function group(type: string, extra: Record<string, unknown> = {}): Promise<string> {
    const rooms = type === 'AVChatRoom' || type === 'BChatRoom';
    const admins = type === 'Public' || type === 'ChatRoom';
    const envelope = await call('create_group', {
      Type: type,
      Name: type,
      ...(type !== 'BChatRoom' && { Owner_Account: 'owner' }),
      ...(!rooms && {
        MemberList: [
          { Member_Account: 'admin', Role: admins ? 'Admin' : 'Member' },
          { Member_Account: 'm1' },
          { Member_Account: 'm2' },
        ],
      }),
      ...extra,
    });
    expect(envelope.ErrorCode).toBe(0);
    const groupId = envelope.GroupId as string;
    if (rooms) for (const userId of ['m1', 'm2']) await joinAsUser(app.sdkAppId, userId, groupId);
    return groupId;
  }

  /** A viewer joins through the client protocol (what conn-gateway sends on the bus). */
  function joinAsUser(sdkAppId: number, userId: string, groupId: string) {
    return bus.request(
      GroupRpc.ApplyJoin,
      { groupId },
      { context: { sdkAppId, role: 'user', callerId: userId } },
    );
  }

  const expectCode = (envelope: RestEnvelope, code: number) =>
    expect({ code: envelope.ErrorCode, status: envelope.ActionStatus }).toEqual({
      code,
      status: code === 0 ? 'OK' : 'FAIL',
    });

  beforeAll(async () => {
    fixture = await PlatformFixture.start();
    bus = new NatsBus({
      servers: [fixture.servers.nats.url],
      name: `e2e-client-${process.pid}`,
      requestTimeoutMs: 10_000,
      logger: createLogger('e2e', 'client', 'silent'),
    });
    await bus.connect();
    // room for every BChatRoom the tests create (the quota itself is tested on its own app)
    ({ app, call } = await newApp({ ...ROOMS_ON, bChatRoomLimit: 100 }));
  }, 120_000);

  afterAll(async () => {
    await bus?.close();
    await fixture?.stop();
  });

  const TYPES = ['Private', 'Public', 'ChatRoom', 'AVChatRoom', 'BChatRoom'];

  describe('T8 adding members to an existing group', () => {
    it.each([
      ['Private', 'm1', 0],
      ['Public', 'm1', ErrorCode.GroupPermissionDenied],
      ['Public', 'admin', 0],
      ['ChatRoom', 'm1', ErrorCode.GroupPermissionDenied],
      ['ChatRoom', undefined, 0],
      ['AVChatRoom', undefined, ErrorCode.GroupPermissionDenied],
      ['AVChatRoom', 'owner', ErrorCode.GroupPermissionDenied],
      ['BChatRoom', undefined, ErrorCode.GroupPermissionDenied],
    ])('%s, adding as %s: %d', async (type, from, code) => {
      const groupId = await group(type);
      const envelope = await call('add_group_member', {
        GroupId: groupId,
        MemberList: [{ Member_Account: 'm3' }],
        ...(from && { From_Account: from }),
      });
      expectCode(envelope, code);
      expect(envelope.MemberList ?? null).toEqual(
        code === 0 ? [{ Member_Account: 'm3', Result: 1 }] : null,
      );
    });
  });

  describe('T12 removing a member', () => {
    it.each([
      ['Private', 'm1', ErrorCode.GroupPermissionDenied],
      ['Private', 'owner', 0],
      ['Public', 'm1', ErrorCode.GroupPermissionDenied],
      ['Public', 'admin', 0],
      ['ChatRoom', 'm1', ErrorCode.GroupPermissionDenied],
      ['ChatRoom', 'owner', 0],
      // Tencent: AVChatRoom does not support deleting members at all, 10004 for anyone
      ['AVChatRoom', undefined, ErrorCode.GroupInvalidParameter],
      ['AVChatRoom', 'owner', ErrorCode.GroupInvalidParameter],
      ['BChatRoom', undefined, ErrorCode.GroupInvalidParameter],
    ])('%s, removing as %s: %d', async (type, from, code) => {
      const groupId = await group(type);
      expectCode(
        await call('delete_group_member', {
          GroupId: groupId,
          MemberToDel_Account: ['m2'],
          ...(from && { From_Account: from }),
        }),
        code,
      );
    });

    it('refuses an admin removing an admin and anyone removing the owner (GRP-13)', async () => {
      const groupId = await group('Public');
      await call('modify_group_member_info', {
        GroupId: groupId,
        Member_Account: 'm1',
        Role: 'Admin',
      });

      expectCode(
        await call('delete_group_member', {
          GroupId: groupId,
          MemberToDel_Account: ['m1'],
          From_Account: 'admin',
        }),
        ErrorCode.GroupPermissionDenied,
      );
      expectCode(
        await call('delete_group_member', { GroupId: groupId, MemberToDel_Account: ['owner'] }),
        ErrorCode.GroupPermissionDenied,
      );
    });
  });

  describe('T10 the owner quitting', () => {
    it.each([
      ['Private', 0],
      ['Public', ErrorCode.GroupOwnerCannotLeave],
      ['ChatRoom', ErrorCode.GroupOwnerCannotLeave],
      ['AVChatRoom', ErrorCode.GroupOwnerCannotLeave],
    ])('%s: %d', async (type, code) => {
      const groupId = await group(type);
      expectCode(
        await call('delete_group_member', {
          GroupId: groupId,
          MemberToDel_Account: ['owner'],
          From_Account: 'owner',
        }),
        code,
      );
      const info = await call('get_group_info', { GroupIdList: [groupId] });
      expect((info.GroupInfo as { Owner_Account: string }[])[0].Owner_Account).toBe(
        code === 0 ? '' : 'owner',
      );
    });
  });

  describe('T5 the owner dismissing', () => {
    it.each([
      ['Private', ErrorCode.GroupPermissionDenied],
      ['Public', 0],
      ['ChatRoom', 0],
      ['AVChatRoom', 0],
    ])('%s: %d', async (type, code) => {
      const groupId = await group(type);
      expectCode(await call('destroy_group', { GroupId: groupId, From_Account: 'owner' }), code);
    });

    it.each(TYPES)('lets the App admin dismiss a %s group', async (type) => {
      const groupId = await group(type);
      expectCode(await call('destroy_group', { GroupId: groupId }), 0);
    });
  });

  describe('T11 appointing an admin', () => {
    it.each([
      ['Private', ErrorCode.GroupPermissionDenied],
      ['Public', 0],
      ['ChatRoom', 0],
      ['AVChatRoom', ErrorCode.GroupPermissionDenied],
    ])('%s: %d', async (type, code) => {
      const groupId = await group(type);
      expectCode(
        await call('modify_group_member_info', {
          GroupId: groupId,
          Member_Account: 'm1',
          Role: 'Admin',
          From_Account: 'owner',
        }),
        code,
      );
    });

    it('refuses an admin appointing admins', async () => {
      const groupId = await group('Public');
      expectCode(
        await call('modify_group_member_info', {
          GroupId: groupId,
          Member_Account: 'm1',
          Role: 'Admin',
          From_Account: 'admin',
        }),
        ErrorCode.GroupPermissionDenied,
      );
    });
  });

  describe('T19 muting', () => {
    it.each([
      ['Private', ErrorCode.GroupPermissionDenied],
      ['Public', 0],
      ['ChatRoom', 0],
      ['AVChatRoom', 0],
      ['BChatRoom', ErrorCode.GroupPermissionDenied],
    ])('%s: %d', async (type, code) => {
      const groupId = await group(type);
      expectCode(
        await call('forbid_send_msg', { GroupId: groupId, Members_Account: ['m1'], MuteTime: 60 }),
        code,
      );
    });

    it('refuses an ordinary member muting and an admin muting an admin (GRP-13)', async () => {
      const groupId = await group('Public');
      await call('modify_group_member_info', {
        GroupId: groupId,
        Member_Account: 'm2',
        Role: 'Admin',
      });
      expectCode(
        await call('forbid_send_msg', {
          GroupId: groupId,
          Members_Account: ['m1'],
          MuteTime: 60,
          From_Account: 'm1',
        }),
        ErrorCode.GroupPermissionDenied,
      );
      expectCode(
        await call('forbid_send_msg', {
          GroupId: groupId,
          Members_Account: ['m2'],
          MuteTime: 60,
          From_Account: 'admin',
        }),
        ErrorCode.GroupPermissionDenied,
      );
    });
  });

  describe('T2 an ordinary member editing base info', () => {
    it.each([
      ['Private', 0],
      ['Public', ErrorCode.GroupPermissionDenied],
      ['ChatRoom', ErrorCode.GroupPermissionDenied],
      ['AVChatRoom', ErrorCode.GroupPermissionDenied],
    ])('%s: %d', async (type, code) => {
      const groupId = await group(type);
      expectCode(
        await call('modify_group_base_info', {
          GroupId: groupId,
          Name: 'mine',
          From_Account: 'm1',
        }),
        code,
      );
    });

    it('lets a Private member edit only the four fields', async () => {
      const groupId = await group('Private');
      expectCode(
        await call('modify_group_base_info', {
          GroupId: groupId,
          ApplyJoinOption: 'FreeAccess',
          From_Account: 'm1',
        }),
        ErrorCode.GroupPermissionDenied,
      );
    });
  });

  describe('T9 initial members and T4 owners at creation', () => {
    it.each([
      ['AVChatRoom', ErrorCode.GroupPermissionDenied],
      ['BChatRoom', ErrorCode.GroupPermissionDenied],
    ])('%s with a MemberList: %d', async (type, code) => {
      expectCode(
        await call('create_group', {
          Type: type,
          Name: 'x',
          MemberList: [{ Member_Account: 'm1' }],
        }),
        code,
      );
    });

    it('refuses a BChatRoom with an owner and a Private group with an admin', async () => {
      expectCode(
        await call('create_group', { Type: 'BChatRoom', Name: 'x', Owner_Account: 'owner' }),
        ErrorCode.GroupInvalidParameter,
      );
      expectCode(
        await call('create_group', {
          Type: 'Private',
          Name: 'x',
          Owner_Account: 'owner',
          MemberList: [{ Member_Account: 'm1', Role: 'Admin' }],
        }),
        ErrorCode.GroupPermissionDenied,
      );
    });
  });

  describe('T25 import', () => {
    it.each(['AVChatRoom', 'BChatRoom'])(
      'refuses import_group of a %s with 10007',
      async (type) => {
        expectCode(
          await call('import_group', { Type: type, Name: 'x' }),
          ErrorCode.GroupPermissionDenied,
        );
      },
    );

    it('refuses import_group_member into an AVChatRoom with 10007', async () => {
      const groupId = await group('AVChatRoom');
      expectCode(
        await call('import_group_member', {
          GroupId: groupId,
          MemberList: [{ Member_Account: 'm3' }],
        }),
        ErrorCode.GroupPermissionDenied,
      );
    });
  });

  describe('T28 feature switches, T14/T15 limits and quotas', () => {
    it('refuses AVChatRoom and BChatRoom while their switches are off with 10059', async () => {
      const off = await newApp({}, []);
      expectCode(
        await off.call('create_group', { Type: 'AVChatRoom', Name: 'x' }),
        ErrorCode.PremiumFeatureRequired,
      );
      expectCode(
        await off.call('create_group', { Type: 'BChatRoom', Name: 'x' }),
        ErrorCode.PremiumFeatureRequired,
      );
    });

    it('caps Private at 200 members: MaxMemberCount 201 is 10004, a full group 10014', async () => {
      expectCode(
        await call('create_group', { Type: 'Private', Name: 'x', MaxMemberCount: 201 }),
        ErrorCode.GroupInvalidParameter,
      );
      const groupId = await group('Private', { MaxMemberCount: 4 });
      expectCode(
        await call('add_group_member', {
          GroupId: groupId,
          MemberList: [{ Member_Account: 'm3' }, { Member_Account: 'outsider' }],
        }),
        ErrorCode.GroupFull,
      );
    });

    it('refuses the sixth BChatRoom with 10036 and the day’s 501st net group with 10006', async () => {
      const quota = await newApp({ ...ROOMS_ON, groupDailyCreateLimit: 1 }, []);
      for (let i = 0; i < 5; i++)
        expectCode(await quota.call('create_group', { Type: 'BChatRoom', Name: 'b' }), 0);
      expectCode(
        await quota.call('create_group', { Type: 'BChatRoom', Name: 'b' }),
        ErrorCode.AvChatRoomQuotaExceeded,
      );
      expectCode(await quota.call('create_group', { Type: 'Public', Name: 'p' }), 0);
      expectCode(
        await quota.call('create_group', { Type: 'Public', Name: 'p' }),
        ErrorCode.GroupRateLimited,
      );
    });

    it('fails a member already in as many groups as allowed with Result 0 (GRP-52)', async () => {
      const limited = await newApp({ userGroupLimit: 1 }, ['a', 'b']);
      await limited.call('create_group', { Type: 'Public', Name: 'one', Owner_Account: 'b' });
      const second = await limited.call('create_group', {
        Type: 'Public',
        Name: 'two',
        Owner_Account: 'a',
      });
      const added = await limited.call('add_group_member', {
        GroupId: second.GroupId,
        MemberList: [{ Member_Account: 'b' }],
      });
      expect(added.MemberList).toEqual([{ Member_Account: 'b', Result: 0 }]);
      expectCode(
        await limited.call('create_group', { Type: 'Public', Name: 'three', Owner_Account: 'b' }),
        ErrorCode.UserGroupQuotaExceeded,
      );
    });
  });

  describe('T4 transferring ownership (change_group_owner)', () => {
    it.each([
      ['Private', 'owner', 'm1', 0],
      ['Public', undefined, 'm1', 0],
      ['Public', 'admin', 'm1', ErrorCode.GroupPermissionDenied],
      ['ChatRoom', 'm1', 'm2', ErrorCode.GroupPermissionDenied],
      ['ChatRoom', 'owner', 'outsider', ErrorCode.GroupInvalidParameter],
      ['AVChatRoom', 'owner', 'm1', 0],
      ['BChatRoom', undefined, 'm1', ErrorCode.GroupPermissionDenied],
    ])('%s, as %s to %s: %d', async (type, from, to, code) => {
      const groupId = await group(type);
      expectCode(
        await call('change_group_owner', {
          GroupId: groupId,
          NewOwner_Account: to,
          ...(from && { From_Account: from }),
        }),
        code,
      );
      const info = await call('get_group_info', { GroupIdList: [groupId] });
      expect((info.GroupInfo as { Owner_Account: string }[])[0].Owner_Account).toBe(
        code !== 0 ? (type === 'BChatRoom' ? '' : 'owner') : to,
      );
    });
  });

  describe('reading a group as a non-member (From_Account)', () => {
    it.each(['Private', 'Public', 'ChatRoom', 'AVChatRoom'])(
      '%s: member list and muted list are 10007',
      async (type) => {
        const groupId = await group(type);
        expectCode(
          await call('get_group_member_info', { GroupId: groupId, From_Account: 'outsider' }),
          ErrorCode.GroupPermissionDenied,
        );
        expectCode(
          await call('get_group_muted_account', { GroupId: groupId, From_Account: 'outsider' }),
          ErrorCode.GroupPermissionDenied,
        );
        expectCode(
          await call('get_group_shutted_uin', { GroupId: groupId, From_Account: 'outsider' }),
          ErrorCode.GroupPermissionDenied,
        );
      },
    );

    it('shows a Public group’s info to a non-member (GRP-57), not a Private one', async () => {
      const pub = await group('Public');
      const priv = await group('Private');
      const info = await call('get_group_info', {
        GroupIdList: [pub, priv],
        From_Account: 'outsider',
      });
      expect(info.GroupInfo).toEqual([
        expect.objectContaining({ GroupId: pub, ErrorCode: 0, Name: 'Public' }),
        expect.objectContaining({ GroupId: priv, ErrorCode: ErrorCode.GroupPermissionDenied }),
      ]);
    });
  });

  describe('modify_group_member_info beyond roles and mute', () => {
    it('refuses member custom fields on an AVChatRoom with 10004 (T27)', async () => {
      const groupId = await group('AVChatRoom');
      expectCode(
        await call('modify_group_member_info', {
          GroupId: groupId,
          Member_Account: 'm1',
          AppMemberDefinedData: [{ Key: 'Seat', Value: '1' }],
        }),
        ErrorCode.GroupInvalidParameter,
      );
    });

    it.each(['Private', 'Public', 'ChatRoom'])(
      '%s: an ordinary member may not change another’s NameCard or MsgFlag (10007)',
      async (type) => {
        const groupId = await group(type);
        for (const change of [{ NameCard: 'x' }, { MsgFlag: 'Discard' }])
          expectCode(
            await call('modify_group_member_info', {
              GroupId: groupId,
              Member_Account: 'm2',
              From_Account: 'm1',
              ...change,
            }),
            ErrorCode.GroupPermissionDenied,
          );
        expectCode(
          await call('modify_group_member_info', {
            GroupId: groupId,
            Member_Account: 'm1',
            From_Account: 'm1',
            NameCard: 'me',
            MsgFlag: 'AcceptNotNotify',
          }),
          0,
        );
      },
    );

    it('answers 10004 for a target who is not a member', async () => {
      const groupId = await group('Public');
      expectCode(
        await call('modify_group_member_info', {
          GroupId: groupId,
          Member_Account: 'outsider',
          NameCard: 'x',
        }),
        ErrorCode.GroupInvalidParameter,
      );
    });
  });

  describe('modify_group_base_info fields the type or the rank forbids', () => {
    it.each([
      ['Public', 'owner', { MaxMemberNum: 100 }, ErrorCode.GroupPermissionDenied],
      ['Public', undefined, { MaxMemberNum: 100 }, 0],
      ['Public', 'm1', { ApplyJoinOption: 'FreeAccess' }, ErrorCode.GroupPermissionDenied],
      ['Public', 'admin', { ApplyJoinOption: 'FreeAccess' }, 0],
      ['Private', undefined, { MuteAllMember: 'On' }, ErrorCode.GroupPermissionDenied],
      ['ChatRoom', 'admin', { ShutUpAllMember: 'On' }, 0],
      ['BChatRoom', undefined, { MuteAllMember: 'On' }, ErrorCode.GroupPermissionDenied],
      [
        'BChatRoom',
        undefined,
        { ApplyJoinOption: 'NeedPermission' },
        ErrorCode.GroupInvalidParameter,
      ],
      [
        'AVChatRoom',
        undefined,
        { InviteJoinOption: 'FreeAccess' },
        ErrorCode.GroupInvalidParameter,
      ],
      ['AVChatRoom', 'owner', { Name: 'live', Notification: 'on air' }, 0],
    ])('%s, as %s, %j: %d', async (type, from, change, code) => {
      const groupId = await group(type);
      expectCode(
        await call('modify_group_base_info', {
          GroupId: groupId,
          ...change,
          ...(from && { From_Account: from }),
        }),
        code,
      );
    });
  });

  describe('get_role_in_group per type', () => {
    it.each([
      ['Private', ['Owner', 'Member', 'Member', 'NotMember']],
      ['Public', ['Owner', 'Admin', 'Member', 'NotMember']],
      ['ChatRoom', ['Owner', 'Admin', 'Member', 'NotMember']],
      ['AVChatRoom', ['Owner', 'NotMember', 'Member', 'NotMember']],
      ['BChatRoom', ['NotMember', 'NotMember', 'Member', 'NotMember']],
    ])('%s answers %j', async (type, roles) => {
      const groupId = await group(type);
      const accounts = ['owner', 'admin', 'm1', 'outsider'];
      const envelope = await call('get_role_in_group', {
        GroupId: groupId,
        User_Account: accounts,
      });
      expectCode(envelope, 0);
      expect(envelope.UserIdList).toEqual(
        accounts.map((a, i) => ({ Member_Account: a, Role: roles[i] })),
      );
    });
  });

  describe('T3 member lists and T1 search', () => {
    it('lists an AVChatRoom partially and a BChatRoom not at all', async () => {
      const limited = await newApp({ ...ROOMS_ON, avChatRoomMemberListMax: 2 }, ['owner']);
      const av = await limited.call('create_group', {
        Type: 'AVChatRoom',
        Name: 'live',
        Owner_Account: 'owner',
      });
      const b = await limited.call('create_group', { Type: 'BChatRoom', Name: 'cast' });
      for (const userId of ['v1', 'v2', 'v3']) {
        await joinAsUser(limited.app.sdkAppId, userId, av.GroupId as string);
        await joinAsUser(limited.app.sdkAppId, userId, b.GroupId as string);
      }

      const avList = await limited.call('get_group_member_info', { GroupId: av.GroupId });
      const bList = await limited.call('get_group_member_info', { GroupId: b.GroupId });

      expect(avList.MemberNum).toBe(4);
      expect(
        (avList.MemberList as { Member_Account: string }[]).map((m) => m.Member_Account),
      ).toEqual(['owner', 'v1']);
      expect(bList).toMatchObject({ MemberNum: 3, MemberList: [] });
    });

    it.each([
      ['Private', 0],
      ['Public', 1],
      ['ChatRoom', 1],
      ['AVChatRoom', 1],
      ['BChatRoom', 0],
    ])('search_group finds a %s group %d time(s)', async (type, found) => {
      const groupId = await group(type);
      expect(
        ((await call('search_group', { GroupId: groupId })).GroupInfo as unknown[]).length,
      ).toBe(found);
    });
  });
});
