import { GroupRpc } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import type { RestCommand } from '../../rest/rest-command.model';
import { AddGroupMemberDto } from './add-group-member.dto';
import { ChangeGroupOwnerDto } from './change-group-owner.dto';
import { CreateGroupDto } from './create-group.dto';
import { DeleteGroupMemberDto } from './delete-group-member.dto';
import { ForbidSendMsgDto } from './forbid-send-msg.dto';
import { GetAppidGroupListDto } from './get-appid-group-list.dto';
import { GetGroupInfoDto } from './get-group-info.dto';
import { GetGroupMemberInfoDto } from './get-group-member-info.dto';
import { GetSpecifiedGroupMemberInfoDto } from './get-specified-group-member-info.dto';
import { GetJoinedGroupListDto } from './get-joined-group-list.dto';
import { GetRoleInGroupDto } from './get-role-in-group.dto';
import { GroupIdDto } from './group-id.dto';
import { GroupMapper } from './group.mapper';
import { ImportGroupMemberDto } from './import-group-member.dto';
import { ImportGroupDto } from './import-group.dto';
import { ModifyGroupBaseInfoDto } from './modify-group-base-info.dto';
import { ModifyGroupMemberInfoDto } from './modify-group-member-info.dto';

const GROUP = 'group_open_http_svc';
const MUTE_TIME_ALIASES = { ShutUpTime: 'MuteTime' } as const;

/**
 * The `group_open_http_svc` service's commands (docs/rest-api.md §7), except message sending,
 * recall, import and history (the messaging issue). `search_group` is this platform's exact
 * GroupId search (GRP-53; Tencent has none, §7.25).
 */
export const groupCommands: RestCommand[] = [
  restCommand({
    service: GROUP,
    command: 'get_appid_group_list',
    dto: GetAppidGroupListDto,
    aliases: { Type: 'GroupType' },
    subject: GroupRpc.ListAppGroups,
    toRequest: (d) => ({ limit: d.Limit, next: d.Next, type: d.GroupType }),
    toResponse: (r) => ({
      TotalCount: r.totalCount,
      GroupIdList: r.groupIds.map((GroupId) => ({ GroupId })),
      Next: r.next,
    }),
  }),
  restCommand({
    service: GROUP,
    command: 'create_group',
    dto: CreateGroupDto,
    subject: GroupRpc.Create,
    toRequest: (d) => ({
      type: d.Type,
      name: d.Name,
      ownerId: d.Owner_Account,
      groupId: d.GroupId,
      introduction: d.Introduction,
      notification: d.Notification,
      faceUrl: d.FaceUrl,
      maxMemberNum: d.MaxMemberCount,
      applyJoinOption: d.ApplyJoinOption,
      inviteJoinOption: d.InviteJoinOption,
      supportTopic: d.SupportTopic === undefined ? undefined : d.SupportTopic === 1,
      customData: GroupMapper.customDataIn(d.AppDefinedData),
      members: d.MemberList?.map(GroupMapper.memberIn),
      ownerCustomData: GroupMapper.customDataIn(d.AppMemberDefinedData),
      operatorId: d.From_Account,
    }),
    toResponse: (r) => ({ GroupId: r.groupId }),
  }),
  restCommand({
    service: GROUP,
    command: 'get_group_info',
    dto: GetGroupInfoDto,
    subject: GroupRpc.GetInfo,
    toRequest: (d) => ({
      groupIds: d.GroupIdList,
      withMembers: d.ResponseFilter?.MemberInfoFilter !== undefined,
      customDataKeys: d.ResponseFilter?.AppDefinedDataFilter_Group,
      memberCustomDataKeys: d.ResponseFilter?.AppDefinedDataFilter_GroupMember,
      operatorId: d.From_Account,
    }),
    toResponse: (r, d) => {
      const f = d.ResponseFilter;
      return {
        GroupInfo: r.groups.map((item) => {
          if (!item.group)
            return { GroupId: item.groupId, ErrorCode: item.code, ErrorInfo: item.message };
          const g = item.group;
          return {
            ...GroupMapper.groupOut(g, f?.GroupBaseInfoFilter),
            ErrorCode: 0,
            ErrorInfo: '',
            ...(f?.AppDefinedDataFilter_Group && {
              AppDefinedData: GroupMapper.customDataOut(g.customData),
            }),
            ...(g.members && {
              MemberList: g.members.map((m) =>
                GroupMapper.memberOut(
                  m,
                  f?.MemberInfoFilter,
                  f?.AppDefinedDataFilter_GroupMember !== undefined,
                ),
              ),
            }),
          };
        }),
      };
    },
  }),
  restCommand({
    service: GROUP,
    command: 'get_group_member_info',
    dto: GetGroupMemberInfoDto,
    subject: GroupRpc.GetMembers,
    toRequest: (d) => ({
      groupId: d.GroupId,
      limit: d.Limit || undefined,
      offset: d.Next === undefined ? d.Offset : Number(d.Next || 0),
      roles: d.MemberRoleFilter,
      memberCustomDataKeys: d.AppDefinedDataFilter_GroupMember,
      operatorId: d.From_Account,
    }),
    toResponse: (r, d) => ({
      MemberNum: r.memberNum,
      ...(d.Next !== undefined && { Next: nextMemberPage(Number(d.Next || 0), r) }),
      MemberList: r.members.map((m) =>
        GroupMapper.memberOut(
          m,
          d.MemberInfoFilter,
          d.AppDefinedDataFilter_GroupMember !== undefined,
        ),
      ),
    }),
  }),
  restCommand({
    service: GROUP,
    command: 'get_specified_group_member_info',
    dto: GetSpecifiedGroupMemberInfoDto,
    subject: GroupRpc.GetMembers,
    toRequest: (d) => ({
      groupId: d.GroupId,
      userIds: d.Member_List_Account,
      memberCustomDataKeys: d.AppDefinedDataFilter_GroupMember,
    }),
    toResponse: (r, d) => ({
      MemberList: r.members.map((m) =>
        GroupMapper.memberOut(
          m,
          d.MemberInfoFilter,
          d.AppDefinedDataFilter_GroupMember !== undefined,
        ),
      ),
    }),
  }),
  restCommand({
    service: GROUP,
    command: 'modify_group_base_info',
    dto: ModifyGroupBaseInfoDto,
    aliases: { ShutUpAllMember: 'MuteAllMember' },
    subject: GroupRpc.ModifyInfo,
    toRequest: (d) => ({
      groupId: d.GroupId,
      name: d.Name,
      introduction: d.Introduction,
      notification: d.Notification,
      faceUrl: d.FaceUrl,
      maxMemberNum: d.MaxMemberNum,
      applyJoinOption: d.ApplyJoinOption,
      inviteJoinOption: d.InviteJoinOption,
      muteAllMember: d.MuteAllMember === undefined ? undefined : d.MuteAllMember === 'On',
      historyMsgBeforeJoin:
        d.HistoryMsgBeforeJoin === undefined ? undefined : d.HistoryMsgBeforeJoin === 'On',
      customData: GroupMapper.customDataIn(d.AppDefinedData),
      operatorId: d.From_Account,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'add_group_member',
    dto: AddGroupMemberDto,
    subject: GroupRpc.AddMembers,
    toRequest: (d) => ({
      groupId: d.GroupId,
      userIds: d.MemberList.map((m) => m.Member_Account),
      silence: d.Silence === 1,
      operatorId: d.From_Account,
    }),
    toResponse: (r) => ({
      MemberList: r.results.map((i) => ({ Member_Account: i.userId, Result: i.result })),
    }),
  }),
  restCommand({
    service: GROUP,
    command: 'delete_group_member',
    dto: DeleteGroupMemberDto,
    subject: GroupRpc.RemoveMembers,
    toRequest: (d) => ({
      groupId: d.GroupId,
      userIds: d.MemberToDel_Account,
      silence: d.Silence === 1,
      reason: d.Reason,
      operatorId: d.From_Account,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'modify_group_member_info',
    dto: ModifyGroupMemberInfoDto,
    aliases: MUTE_TIME_ALIASES,
    subject: GroupRpc.ModifyMember,
    toRequest: (d) => ({
      groupId: d.GroupId,
      userId: d.Member_Account,
      role: d.Role,
      msgFlag: d.MsgFlag,
      nameCard: d.NameCard,
      customData: GroupMapper.customDataIn(d.AppMemberDefinedData),
      muteTime: d.MuteTime,
      operatorId: d.From_Account,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'destroy_group',
    dto: GroupIdDto,
    subject: GroupRpc.Destroy,
    toRequest: (d) => ({ groupId: d.GroupId, operatorId: d.From_Account }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'get_joined_group_list',
    dto: GetJoinedGroupListDto,
    subject: GroupRpc.GetJoined,
    toRequest: (d) => ({
      userId: d.Member_Account,
      limit: d.Limit || undefined,
      offset: d.Offset,
      type: d.GroupType,
      withHugeGroups: d.WithHugeGroups === 1,
      withInactive: d.WithNoActiveGroups === 1,
    }),
    toResponse: (r, d) => ({
      TotalCount: r.totalCount,
      GroupIdList: r.groups.map((j) =>
        GroupMapper.joinedOut(
          j,
          d.ResponseFilter?.GroupBaseInfoFilter,
          d.ResponseFilter?.SelfInfoFilter,
        ),
      ),
    }),
  }),
  restCommand({
    service: GROUP,
    command: 'get_role_in_group',
    dto: GetRoleInGroupDto,
    subject: GroupRpc.GetRoles,
    toRequest: (d) => ({ groupId: d.GroupId, userIds: d.User_Account }),
    toResponse: (r) => ({
      UserIdList: r.roles.map((i) => ({ Member_Account: i.userId, Role: i.role })),
    }),
  }),
  restCommand({
    service: GROUP,
    command: 'forbid_send_msg',
    dto: ForbidSendMsgDto,
    aliases: MUTE_TIME_ALIASES,
    subject: GroupRpc.MuteMembers,
    toRequest: (d) => ({
      groupId: d.GroupId,
      userIds: d.Members_Account,
      muteTime: d.MuteTime,
      operatorId: d.From_Account,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'get_group_shutted_uin',
    dto: GroupIdDto,
    subject: GroupRpc.GetMuted,
    toRequest: (d) => ({ groupId: d.GroupId, operatorId: d.From_Account }),
    toResponse: (r, d) => ({
      GroupId: d.GroupId,
      ShuttedUinList: r.members.map((m) => ({
        Member_Account: m.userId,
        ShuttedUntil: m.muteUntil,
      })),
    }),
  }),
  restCommand({
    service: GROUP,
    command: 'get_group_muted_account',
    dto: GroupIdDto,
    subject: GroupRpc.GetMuted,
    toRequest: (d) => ({ groupId: d.GroupId, operatorId: d.From_Account }),
    toResponse: (r, d) => ({
      GroupId: d.GroupId,
      MutedAccountList: r.members.map((m) => ({
        Member_Account: m.userId,
        MutedUntil: m.muteUntil,
      })),
    }),
  }),
  restCommand({
    service: GROUP,
    command: 'change_group_owner',
    dto: ChangeGroupOwnerDto,
    subject: GroupRpc.ChangeOwner,
    toRequest: (d) => ({
      groupId: d.GroupId,
      newOwnerId: d.NewOwner_Account,
      operatorId: d.From_Account,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'import_group',
    dto: ImportGroupDto,
    subject: GroupRpc.Import,
    toRequest: (d) => ({
      type: d.Type,
      name: d.Name,
      ownerId: d.Owner_Account,
      groupId: d.GroupId,
      introduction: d.Introduction,
      notification: d.Notification,
      faceUrl: d.FaceUrl,
      maxMemberNum: d.MaxMemberCount,
      applyJoinOption: d.ApplyJoinOption,
      inviteJoinOption: d.InviteJoinOption,
      customData: GroupMapper.customDataIn(d.AppDefinedData),
      createTime: d.CreateTime,
    }),
    toResponse: (r) => ({ GroupId: r.groupId }),
  }),
  restCommand({
    service: GROUP,
    command: 'import_group_member',
    dto: ImportGroupMemberDto,
    subject: GroupRpc.ImportMembers,
    toRequest: (d) => ({ groupId: d.GroupId, members: d.MemberList.map(GroupMapper.memberIn) }),
    toResponse: (r) => ({
      MemberList: r.results.map((i) => ({ Member_Account: i.userId, Result: i.result })),
    }),
  }),
  restCommand({
    service: GROUP,
    command: 'get_online_member_num',
    dto: GroupIdDto,
    subject: GroupRpc.GetOnlineCount,
    toRequest: (d) => ({ groupId: d.GroupId, operatorId: d.From_Account }),
    toResponse: (r) => ({ OnlineMemberNum: r.onlineMemberNum }),
  }),
  restCommand({
    service: GROUP,
    command: 'search_group',
    dto: GroupIdDto,
    subject: GroupRpc.Search,
    toRequest: (d) => ({ groupId: d.GroupId }),
    toResponse: (r) => ({ GroupInfo: r.groups.map((g) => GroupMapper.groupOut(g)) }),
  }),
];

/** The `Next` of a member page: where the following page starts, "" when this one was the last. */
export function nextMemberPage(
  offset: number,
  page: { memberNum: number; members: readonly unknown[] },
): string {
  const reached = offset + page.members.length;
  return page.members.length > 0 && reached < page.memberNum ? String(reached) : '';
}
