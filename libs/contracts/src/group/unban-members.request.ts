import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { GroupBanLimits } from './group-ban.limits';
import { GroupIdRequest } from './group-id.request';

/** unban_group_member: the accounts may join again at once. */
export class UnbanMembersRequest extends GroupIdRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GroupBanLimits.accountsMax)
  @IsString({ each: true })
  userIds!: string[];
}
