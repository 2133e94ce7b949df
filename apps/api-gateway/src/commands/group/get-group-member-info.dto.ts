import { IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

import { GroupLimits, GroupRoles } from '@im/contracts';
import type { GroupRole } from '@im/contracts';

/**
 * `get_group_member_info` (docs/rest-api.md §7.4). `Next` is Tencent's Community paging: ""
 * for the first page, then the `Next` the previous page answered (here the offset it reached,
 * so it works for every type; `Offset` is ignored when `Next` is given).
 */
export class GetGroupMemberInfoDto {
  @IsString()
  GroupId!: string;

  @IsOptional()
  @Min(0)
  @Max(GroupLimits.memberPageMax)
  @IsInt()
  Limit?: number;

  @IsOptional()
  @Min(0)
  @IsInt()
  Offset?: number;

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  MemberInfoFilter?: string[];

  @IsOptional()
  @IsIn(GroupRoles, { each: true })
  @IsArray()
  MemberRoleFilter?: GroupRole[];

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  AppDefinedDataFilter_GroupMember?: string[];

  @IsOptional()
  @IsString()
  From_Account?: string;

  @IsOptional()
  @Matches(/^\d{0,9}$/, { message: 'Next is "" or the Next of the previous page' })
  @IsString()
  Next?: string;
}
