import { IsArray, IsOptional, IsString } from 'class-validator';

/** `ResponseFilter` of get_group_info (docs/rest-api.md §7.3). */
export class GroupInfoFilterDto {
  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  GroupBaseInfoFilter?: string[];

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  MemberInfoFilter?: string[];

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  AppDefinedDataFilter_Group?: string[];

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  AppDefinedDataFilter_GroupMember?: string[];
}
