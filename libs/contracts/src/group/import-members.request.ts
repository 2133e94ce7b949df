import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';

import { GroupIdRequest } from './group-id.request';
import { GroupLimits } from './group.limits';
import { NewGroupMember } from './new-group-member';

/** import_group_member (GRP-60): App admin only; role `Admin` or `Member`, original join time. */
export class ImportMembersRequest extends GroupIdRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GroupLimits.addMaxMembers)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => NewGroupMember)
  members!: NewGroupMember[];
}
