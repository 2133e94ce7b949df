import { GroupRpc } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import type { RestCommand } from '../../rest/rest-command.model';
import { BanGroupMemberDto, GetGroupBanMemberDto, UnbanGroupMemberDto } from './group-ban.dto';

const GROUP = 'group_open_http_svc';

/**
 * Member bans (docs/rest-api.md, member ban commands), every group type: a banned account is
 * removed and cannot join again until `BannedUntil`; `get_group_ban_member` pages the bans in
 * force as `BannedAccountList` with `NextOffset` (0 on the last page).
 */
export const groupBanCommands: RestCommand[] = [
  restCommand({
    service: GROUP,
    command: 'ban_group_member',
    dto: BanGroupMemberDto,
    subject: GroupRpc.BanMembers,
    toRequest: (d) => ({
      groupId: d.GroupId,
      userIds: d.Members_Account,
      durationSeconds: d.Duration,
      description: d.Description,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'unban_group_member',
    dto: UnbanGroupMemberDto,
    subject: GroupRpc.UnbanMembers,
    toRequest: (d) => ({ groupId: d.GroupId, userIds: d.Members_Account }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'get_group_ban_member',
    dto: GetGroupBanMemberDto,
    subject: GroupRpc.GetBanned,
    toRequest: (d) => ({ groupId: d.GroupId, limit: d.Limit, offset: d.Offset }),
    toResponse: (r) => ({
      BannedAccountList: r.banned.map((b) => ({
        Member_Account: b.userId,
        BannedUntil: b.bannedUntil,
      })),
      NextOffset: r.nextOffset,
    }),
  }),
];
