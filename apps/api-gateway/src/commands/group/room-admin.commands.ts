import { GroupRpc } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import type { RestCommand } from '../../rest/rest-command.model';
import {
  CheckRoomMembersDto,
  GetRoomMembersDto,
  ModifyRoomAdminDto,
  ModifyRoomUserInfoDto,
  RoomGroupIdDto,
} from './room-admin.dto';

const AVCHATROOM = 'group_open_avchatroom_http_svc';

/** Live-room admin commands (docs/rest-api.md §7.32). */
export const roomAdminCommands: RestCommand[] = [
  restCommand({
    service: AVCHATROOM,
    command: 'get_members',
    dto: GetRoomMembersDto,
    subject: GroupRpc.GetRoomMembers,
    toRequest: (d) => ({
      groupId: d.GroupId,
      timestamp: d.Timestamp,
      ...(d.Mark !== undefined && { mark: d.Mark }),
    }),
    toResponse: (r) => ({
      MemberList: r.members.map((m) => ({
        Member_Account: m.userId,
        JoinTime: m.joinTime,
        NickName: m.nickName,
        Avatar: m.avatar,
        ...(m.marks && { Marks: m.marks }),
      })),
      NextTimestamp: r.nextTimestamp,
    }),
  }),
  restCommand({
    service: AVCHATROOM,
    command: 'check_members',
    dto: CheckRoomMembersDto,
    subject: GroupRpc.CheckRoomMembers,
    toRequest: (d) => ({ groupId: d.GroupId, userIds: d.Member_Account }),
    toResponse: (r) => ({ Member_Account: r.userIds }),
  }),
  restCommand({
    service: AVCHATROOM,
    command: 'modify_admin',
    dto: ModifyRoomAdminDto,
    subject: GroupRpc.ModifyRoomAdmins,
    toRequest: (d) => ({
      groupId: d.GroupId,
      op: d.CommandType === 1 ? ('set' as const) : ('unset' as const),
      userIds: d.Admin_Account,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: AVCHATROOM,
    command: 'modify_user_info',
    dto: ModifyRoomUserInfoDto,
    subject: GroupRpc.ModifyRoomMemberMarks,
    toRequest: (d) => ({
      groupId: d.GroupId,
      op: d.CommandType === 1 ? ('set' as const) : ('unset' as const),
      members: d.MemberList.map((m) => ({ userId: m.Member_Account, marks: m.Marks })),
    }),
    toResponse: (r, d) => ({
      CommandType: d.CommandType,
      MemberList: r.members.map((m) => ({ Member_Account: m.userId, Marks: m.marks })),
    }),
  }),
  restCommand({
    service: AVCHATROOM,
    command: 'get_admin_list',
    dto: RoomGroupIdDto,
    subject: GroupRpc.GetRoomAdmins,
    toRequest: (d) => ({ groupId: d.GroupId }),
    toResponse: (r) => ({
      Admin_List: r.admins.map((a) => ({
        Admin_Account: a.userId,
        Avatar: a.avatar,
        NickName: a.nickName,
      })),
    }),
  }),
];
