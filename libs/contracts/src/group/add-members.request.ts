import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
} from 'class-validator';

import { GroupIdRequest } from './group-id.request';
import { GroupLimits } from './group.limits';

/** add_group_member (GRP-46, T8). */
export class AddMembersRequest extends GroupIdRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GroupLimits.addMaxMembers)
  @IsString({ each: true })
  userIds!: string[];

  /** Do not notify the group (REST `Silence` 1). */
  @IsOptional()
  @IsBoolean()
  silence?: boolean;
}
