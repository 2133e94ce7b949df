import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
} from 'class-validator';

import { GroupIdRequest } from './group-id.request';
import { GroupRoles } from './group.enums';
import type { GroupRole } from './group.enums';
import { GroupLimits } from './group.limits';

/** get_group_member_info (GRP-54): members in join order, paged. */
export class GetMembersRequest extends GroupIdRequest {
  /** Absent = all. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(GroupLimits.memberPageMax)
  limit?: number;

  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  offset?: number;

  @IsOptional()
  @IsArray()
  @IsIn(GroupRoles, { each: true })
  roles?: GroupRole[];

  /**
   * get_specified_group_member_info: only these accounts (those who are members, in this
   * order); table-stored groups only. Paging and role filters do not apply.
   */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GroupLimits.specifiedMembersMax)
  @IsString({ each: true })
  userIds?: string[];

  /** Member custom fields to answer (only readable ones come back). */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  memberCustomDataKeys?: string[];
}
