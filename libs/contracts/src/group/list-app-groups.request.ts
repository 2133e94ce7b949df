import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { GroupLimits } from './group.limits';

/** get_appid_group_list: the app's group IDs, paged by an opaque cursor. */
export class ListAppGroupsRequest {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(GroupLimits.appGroupPageMax)
  limit?: number;

  /** 0 or absent on the first call, then the returned `next`. */
  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  next?: number;

  /** Only groups of this type (aliases accepted). */
  @IsOptional()
  @IsString()
  type?: string;
}
