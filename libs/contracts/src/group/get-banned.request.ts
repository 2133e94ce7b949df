import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { GroupBanLimits } from './group-ban.limits';
import { GroupIdRequest } from './group-id.request';

/** get_group_ban_member: a page of the bans in force, from `offset` (0 first). */
export class GetBannedRequest extends GroupIdRequest {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(GroupBanLimits.pageMax)
  limit?: number;

  @IsInt()
  @Min(0)
  offset!: number;
}
