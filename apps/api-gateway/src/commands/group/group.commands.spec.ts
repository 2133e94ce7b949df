import 'reflect-metadata';

import { ErrorCode, GroupRpc } from '@im/contracts';
import type { GroupMemberView, GroupView } from '@im/contracts';

import { CommandTable } from '../../rest/command-table.model';
import { applyAliases, validateDto } from '../../rest/dto-validation.rules';
import type { RestCommand } from '../../rest/rest-command.model';
import { RestServices } from '../../rest/rest-services.rules';
import { groupCommands } from './group.commands';

const table = new CommandTable(groupCommands);
const INVALID = RestServices.group_open_http_svc.invalid;

function row(command: string): RestCommand {
  const found = table.find('group_open_http_svc', command);
  if (!found) throw new Error(`no row ${command}`);
  return found;
}

function requestFor(command: string, body: Record<string, unknown>): unknown {
  const r = row(command);
  return r.toRequest(validateDto(r.dto, applyAliases(body, r.aliases), INVALID));
}

function responseFor(command: string, reply: unknown, body: Record<string, unknown>): unknown {
  const r = row(command);
  const dto = validateDto(r.dto, applyAliases(body, r.aliases), INVALID);
  return (r.toResponse as (reply: unknown, dto: object) => unknown)(reply, dto);
}

function codeFor(command: string, body: Record<string, unknown>): number {
  try {
    requestFor(command, body);
  } catch (err) {
    return (err as { code: number }).code;
  }
  return 0;
}

const group: GroupView = {
  sdkAppId: 1400000001,
  groupId: 'g1',
  type: 'Public',
  name: 'N',
  introduction: 'I',
  notification: 'No',
  faceUrl: 'F',
  ownerId: 'alice',
  createTime: 10,
  infoSeq: 2,
  lastInfoTime: 11,
  lastMsgTime: 12,
  nextMsgSeq: 3,
  memberNum: 2,
  maxMemberNum: 2000,
  applyJoinOption: 'NeedPermission',
  inviteJoinOption: null,
  muteAllMember: true,
  historyMsgBeforeJoin: false,
  isActive: true,
  customData: [{ key: 'Level', value: '3' }],
};

const member: GroupMemberView = {
  userId: 'bob',
  role: 'Admin',
  joinTime: 20,
  msgSeq: 1,
  msgFlag: 'AcceptAndNotify',
  lastSendMsgTime: 21,
  muteUntil: 99,
  nameCard: 'B',
  customData: [{ key: 'ML', value: '1' }],
};

describe('groupCommands', () => {
  it('serves every group command of docs/rest-api.md §7 in scope (messages excluded)', () => {
    expect(groupCommands.map((r) => r.command).sort()).toEqual(
      [
        'add_group_member',
        'change_group_owner',
        'create_group',
        'delete_group_member',
        'destroy_group',
        'forbid_send_msg',
        'get_appid_group_list',
        'get_group_info',
        'get_group_member_info',
        'get_group_muted_account',
        'get_group_shutted_uin',
        'get_joined_group_list',
        'get_online_member_num',
        'get_role_in_group',
        'get_specified_group_member_info',
        'import_group',
        'import_group_member',
        'modify_group_base_info',
        'modify_group_member_info',
        'search_group',
      ].sort(),
    );
    expect(groupCommands.every((r) => r.service === 'group_open_http_svc')).toBe(true);
  });

  describe('create_group', () => {
    it('maps the spec fields, MaxMemberCount and the member list', () => {
      expect(
        requestFor('create_group', {
          Type: 'Public',
          Name: 'N',
          Owner_Account: 'alice',
          GroupId: 'g1',
          MaxMemberCount: 50,
          ApplyJoinOption: 'FreeAccess',
          AppDefinedData: [{ Key: 'Level', Value: '3' }],
          MemberList: [{ Member_Account: 'bob', Role: 'Admin', NameCard: 'B' }],
          Unknown: 'ignored',
        }),
      ).toMatchObject({
        type: 'Public',
        name: 'N',
        ownerId: 'alice',
        groupId: 'g1',
        maxMemberNum: 50,
        applyJoinOption: 'FreeAccess',
        customData: [{ key: 'Level', value: '3' }],
        members: [{ userId: 'bob', role: 'Admin', nameCard: 'B' }],
      });
      expect(
        responseFor(
          'create_group',
          { groupId: 'g1', type: 'Public' },
          { Type: 'Public', Name: 'N' },
        ),
      ).toEqual({
        GroupId: 'g1',
      });
    });

    it('answers 10004 for a missing or over-long Name, 10005 for over 100 members', () => {
      expect(codeFor('create_group', { Type: 'Public' })).toBe(ErrorCode.GroupInvalidParameter);
      expect(codeFor('create_group', { Type: 'Public', Name: 'x'.repeat(31) })).toBe(
        ErrorCode.GroupInvalidParameter,
      );
      const members = Array.from({ length: 101 }, (_, i) => ({ Member_Account: `u${i}` }));
      expect(codeFor('create_group', { Type: 'Public', Name: 'n', MemberList: members })).toBe(
        ErrorCode.GroupTooManyAccounts,
      );
    });

    it('reports a wrong type as a type error, not a size error', () => {
      expect(codeFor('create_group', { Type: 'Public', Name: 'n', MemberList: 'bob' })).toBe(
        ErrorCode.GroupInvalidParameter,
      );
      expect(codeFor('create_group', { Type: 7, Name: 'n' })).toBe(ErrorCode.GroupInvalidParameter);
    });
  });

  describe('get_group_info', () => {
    it('asks for members, custom keys per the ResponseFilter', () => {
      expect(
        requestFor('get_group_info', {
          GroupIdList: ['g1'],
          ResponseFilter: {
            GroupBaseInfoFilter: ['Name'],
            MemberInfoFilter: ['Role'],
            AppDefinedDataFilter_Group: ['Level'],
          },
        }),
      ).toEqual({
        groupIds: ['g1'],
        withMembers: true,
        customDataKeys: ['Level'],
        memberCustomDataKeys: undefined,
        operatorId: undefined,
      });
    });

    it('answers every base field without filter, with both mute spellings and Appid', () => {
      const out = responseFor(
        'get_group_info',
        { groups: [{ groupId: 'g1', code: 0, message: '', group }] },
        { GroupIdList: ['g1'] },
      );
      expect(out).toEqual({
        GroupInfo: [
          {
            GroupId: 'g1',
            Type: 'Public',
            Appid: 1400000001,
            Name: 'N',
            Introduction: 'I',
            Notification: 'No',
            FaceUrl: 'F',
            Owner_Account: 'alice',
            CreateTime: 10,
            InfoSeq: 2,
            LastInfoTime: 11,
            LastMsgTime: 12,
            NextMsgSeq: 3,
            MemberNum: 2,
            MaxMemberNum: 2000,
            ApplyJoinOption: 'NeedPermission',
            ShutUpAllMember: 'On',
            MuteAllMember: 'On',
            HistoryMsgBeforeJoin: 'Off',
            ErrorCode: 0,
            ErrorInfo: '',
          },
        ],
      });
    });

    it('answers SupportTopic (0/1) for a Community, and filters it like any base field', () => {
      const community = { ...group, type: 'Community', supportTopic: true };
      const all = responseFor(
        'get_group_info',
        { groups: [{ groupId: 'g1', code: 0, message: '', group: community }] },
        { GroupIdList: ['g1'] },
      ) as { GroupInfo: Record<string, unknown>[] };
      expect(all.GroupInfo[0]).toMatchObject({ Type: 'Community', SupportTopic: 1 });
      const without = responseFor(
        'get_group_info',
        {
          groups: [
            { groupId: 'g1', code: 0, message: '', group: { ...community, supportTopic: false } },
          ],
        },
        { GroupIdList: ['g1'], ResponseFilter: { GroupBaseInfoFilter: ['SupportTopic'] } },
      );
      expect(without).toEqual({
        GroupInfo: [{ GroupId: 'g1', SupportTopic: 0, ErrorCode: 0, ErrorInfo: '' }],
      });
    });

    it('filters base fields, adds AppDefinedData and a filtered MemberList, and per-group errors', () => {
      const out = responseFor(
        'get_group_info',
        {
          groups: [
            { groupId: 'g1', code: 0, message: '', group: { ...group, members: [member] } },
            { groupId: 'g2', code: ErrorCode.GroupNotFound, message: 'no such group' },
          ],
        },
        {
          GroupIdList: ['g1', 'g2'],
          ResponseFilter: {
            GroupBaseInfoFilter: ['Name', 'ShutUpAllMember'],
            MemberInfoFilter: ['Role', 'ShutUpUntil'],
            AppDefinedDataFilter_Group: ['Level'],
          },
        },
      );
      expect(out).toEqual({
        GroupInfo: [
          {
            GroupId: 'g1',
            Name: 'N',
            ShutUpAllMember: 'On',
            MuteAllMember: 'On',
            ErrorCode: 0,
            ErrorInfo: '',
            AppDefinedData: [{ Key: 'Level', Value: '3' }],
            MemberList: [{ Member_Account: 'bob', Role: 'Admin', ShutUpUntil: 99, MuteUntil: 99 }],
          },
          { GroupId: 'g2', ErrorCode: ErrorCode.GroupNotFound, ErrorInfo: 'no such group' },
        ],
      });
    });

    it('takes at most 50 groups', () => {
      const ids = Array.from({ length: 51 }, (_, i) => `g${i}`);
      expect(codeFor('get_group_info', { GroupIdList: ids })).toBe(ErrorCode.GroupInvalidParameter);
    });
  });

  describe('get_group_member_info', () => {
    it('maps paging and filters; answers members with AppMemberDefinedData when asked', () => {
      const body = {
        GroupId: 'g1',
        Limit: 10,
        Offset: 5,
        MemberRoleFilter: ['Admin'],
        AppDefinedDataFilter_GroupMember: ['ML'],
      };
      expect(requestFor('get_group_member_info', body)).toMatchObject({
        groupId: 'g1',
        limit: 10,
        offset: 5,
        roles: ['Admin'],
        memberCustomDataKeys: ['ML'],
      });
      expect(
        responseFor('get_group_member_info', { memberNum: 7, members: [member] }, body),
      ).toEqual({
        MemberNum: 7,
        MemberList: [
          {
            Member_Account: 'bob',
            Role: 'Admin',
            JoinTime: 20,
            MsgSeq: 1,
            MsgFlag: 'AcceptAndNotify',
            LastSendMsgTime: 21,
            ShutUpUntil: 99,
            MuteUntil: 99,
            NameCard: 'B',
            AppMemberDefinedData: [{ Key: 'ML', Value: '1' }],
          },
        ],
      });
    });

    it('pages with Next (Community paging): the offset reached, "" after the last page', () => {
      expect(requestFor('get_group_member_info', { GroupId: 'g1', Next: '' })).toMatchObject({
        offset: 0,
      });
      expect(
        requestFor('get_group_member_info', { GroupId: 'g1', Next: '4', Offset: 9 }),
      ).toMatchObject({ offset: 4 });
      const first = { GroupId: 'g1', Limit: 1, Next: '' };
      expect(
        responseFor('get_group_member_info', { memberNum: 2, members: [member] }, first),
      ).toMatchObject({ MemberNum: 2, Next: '1' });
      const last = { GroupId: 'g1', Limit: 1, Next: '1' };
      expect(
        responseFor('get_group_member_info', { memberNum: 2, members: [member] }, last),
      ).toMatchObject({ Next: '' });
      expect(
        responseFor(
          'get_group_member_info',
          { memberNum: 2, members: [member] },
          { GroupId: 'g1' },
        ),
      ).not.toHaveProperty('Next');
      expect(codeFor('get_group_member_info', { GroupId: 'g', Next: 'abc' })).toBe(
        ErrorCode.GroupInvalidParameter,
      );
    });

    it('refuses a Limit above 6000', () => {
      expect(codeFor('get_group_member_info', { GroupId: 'g', Limit: 6001 })).toBe(
        ErrorCode.GroupInvalidParameter,
      );
    });
  });

  describe('aliases of docs/rest-api.md §1.5', () => {
    it('reads ShutUpAllMember as MuteAllMember', () => {
      expect(
        requestFor('modify_group_base_info', { GroupId: 'g', ShutUpAllMember: 'On' }),
      ).toMatchObject({
        muteAllMember: true,
      });
      expect(
        requestFor('modify_group_base_info', { GroupId: 'g', MuteAllMember: 'Off' }),
      ).toMatchObject({
        muteAllMember: false,
      });
    });

    it('reads ShutUpTime as MuteTime in forbid_send_msg and modify_group_member_info', () => {
      expect(
        requestFor('forbid_send_msg', { GroupId: 'g', Members_Account: ['a'], ShutUpTime: 60 }),
      ).toMatchObject({
        muteTime: 60,
      });
      expect(
        requestFor('modify_group_member_info', {
          GroupId: 'g',
          Member_Account: 'a',
          ShutUpTime: 0,
        }),
      ).toMatchObject({ muteTime: 0 });
    });

    it('reads Type as GroupType in get_appid_group_list', () => {
      expect(requestFor('get_appid_group_list', { Type: 'Public' })).toMatchObject({
        type: 'Public',
      });
    });

    it('answers the old and new muted-list spellings', () => {
      const reply = { members: [{ userId: 'a', muteUntil: 5 }] };
      expect(responseFor('get_group_shutted_uin', reply, { GroupId: 'g' })).toEqual({
        GroupId: 'g',
        ShuttedUinList: [{ Member_Account: 'a', ShuttedUntil: 5 }],
      });
      expect(responseFor('get_group_muted_account', reply, { GroupId: 'g' })).toEqual({
        GroupId: 'g',
        MutedAccountList: [{ Member_Account: 'a', MutedUntil: 5 }],
      });
    });
  });

  describe('batches', () => {
    it('maps add_group_member with Silence and answers Result per member', () => {
      const body = { GroupId: 'g', Silence: 1, MemberList: [{ Member_Account: 'a' }] };
      expect(requestFor('add_group_member', body)).toMatchObject({ userIds: ['a'], silence: true });
      expect(
        responseFor('add_group_member', { results: [{ userId: 'a', result: 2, code: 0 }] }, body),
      ).toEqual({ MemberList: [{ Member_Account: 'a', Result: 2 }] });
    });

    it('answers 10005 for too many accounts', () => {
      const many = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);
      expect(
        codeFor('add_group_member', {
          GroupId: 'g',
          MemberList: many(301).map((Member_Account) => ({ Member_Account })),
        }),
      ).toBe(ErrorCode.GroupTooManyAccounts);
      expect(codeFor('delete_group_member', { GroupId: 'g', MemberToDel_Account: many(501) })).toBe(
        ErrorCode.GroupTooManyAccounts,
      );
      expect(
        codeFor('forbid_send_msg', { GroupId: 'g', Members_Account: many(501), MuteTime: 1 }),
      ).toBe(ErrorCode.GroupTooManyAccounts);
      expect(codeFor('get_role_in_group', { GroupId: 'g', User_Account: many(501) })).toBe(
        ErrorCode.GroupTooManyAccounts,
      );
    });

    it('reports a non-array as a type error', () => {
      expect(codeFor('delete_group_member', { GroupId: 'g', MemberToDel_Account: 'a' })).toBe(
        ErrorCode.GroupInvalidParameter,
      );
    });

    it('maps import_group_member with roles, join times and unread counts', () => {
      expect(
        requestFor('import_group_member', {
          GroupId: 'g',
          MemberList: [{ Member_Account: 'a', Role: 'Admin', JoinTime: 5, UnreadMsgNum: 2 }],
        }),
      ).toEqual({
        groupId: 'g',
        members: [
          expect.objectContaining({ userId: 'a', role: 'Admin', joinTime: 5, unreadMsgNum: 2 }),
        ],
      });
    });
  });

  describe('get_joined_group_list', () => {
    const reply = {
      totalCount: 1,
      groups: [{ group, self: member, unreadMsgNum: 4 }],
    };

    it('answers only GroupId without filters', () => {
      expect(responseFor('get_joined_group_list', reply, { Member_Account: 'bob' })).toEqual({
        TotalCount: 1,
        GroupIdList: [{ GroupId: 'g1' }],
      });
    });

    it('answers the filtered base fields and SelfInfo', () => {
      expect(
        responseFor('get_joined_group_list', reply, {
          Member_Account: 'bob',
          WithHugeGroups: 1,
          ResponseFilter: {
            GroupBaseInfoFilter: ['Type', 'Name'],
            SelfInfoFilter: ['Role', 'UnreadMsgNum'],
          },
        }),
      ).toEqual({
        TotalCount: 1,
        GroupIdList: [
          {
            GroupId: 'g1',
            Type: 'Public',
            Name: 'N',
            SelfInfo: { Role: 'Admin', UnreadMsgNum: 4 },
          },
        ],
      });
      expect(
        requestFor('get_joined_group_list', {
          Member_Account: 'bob',
          WithHugeGroups: 1,
          WithNoActiveGroups: 1,
        }),
      ).toMatchObject({ userId: 'bob', withHugeGroups: true, withInactive: true });
    });
  });

  it('sends From_Account as the operator to act as', () => {
    expect(
      requestFor('delete_group_member', {
        GroupId: 'g',
        MemberToDel_Account: ['b'],
        From_Account: 'a',
      }),
    ).toMatchObject({
      operatorId: 'a',
    });
    expect(row('delete_group_member').subject).toBe(GroupRpc.RemoveMembers);
  });
});
