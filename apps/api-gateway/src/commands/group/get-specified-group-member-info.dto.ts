import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString } from 'class-validator';

import { GroupLimits } from '@im/contracts';

/** `get_specified_group_member_info` (docs/rest-api.md §7.31): at most 50 named accounts. */
export class GetSpecifiedGroupMemberInfoDto {
  @IsString()
  GroupId!: string;

  @IsString({ each: true })
  @ArrayMaxSize(GroupLimits.specifiedMembersMax)
  @ArrayMinSize(1)
  @IsArray()
  Member_List_Account!: string[];

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  MemberInfoFilter?: string[];

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  AppDefinedDataFilter_GroupMember?: string[];
}
