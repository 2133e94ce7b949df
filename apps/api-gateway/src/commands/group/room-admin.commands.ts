import { GroupRpc } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import type { RestCommand } from '../../rest/rest-command.model';
import { CheckRoomMembersDto, GetRoomMembersDto } from './room-admin.dto';

const AVCHATROOM = 'group_open_avchatroom_http_svc';

/** Live-room admin commands (docs/rest-api.md §7.31). */
export const roomAdminCommands: RestCommand[] = [
  restCommand({
    service: AVCHATROOM,
    command: 'get_members',
    dto: GetRoomMembersDto,
    subject: GroupRpc.GetRoomMembers,
    toRequest: (d) => ({ groupId: d.GroupId, timestamp: d.Timestamp }),
    toResponse: (r) => ({
      MemberList: r.members.map((m) => ({
        Member_Account: m.userId,
        JoinTime: m.joinTime,
        NickName: m.nickName,
        Avatar: m.avatar,
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
];
