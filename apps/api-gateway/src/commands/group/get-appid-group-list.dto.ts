import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { GroupLimits } from '@im/contracts';

/** `get_appid_group_list` (docs/rest-api.md §7.1); `Type` is an alias of `GroupType`. */
export class GetAppidGroupListDto {
  @IsOptional()
  @Min(1)
  @Max(GroupLimits.appGroupPageMax)
  @IsInt()
  Limit?: number;

  @IsOptional()
  @Min(0)
  @IsInt()
  Next?: number;

  @IsOptional()
  @IsString()
  GroupType?: string;
}
