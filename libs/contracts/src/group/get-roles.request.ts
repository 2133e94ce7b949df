import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { GroupIdRequest } from './group-id.request';
import { GroupLimits } from './group.limits';

/** get_role_in_group: the role of up to 500 users. */
export class GetRolesRequest extends GroupIdRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GroupLimits.accountsMax)
  @IsString({ each: true })
  userIds!: string[];
}
