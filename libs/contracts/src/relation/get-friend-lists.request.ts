import { IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { IsUserId } from '../common';

/**
 * group_get: the named lists, or all of them. Without names, a `lastSequence` equal to the
 * current one answers no lists (the caller's copy is current).
 */
export class GetFriendListsRequest {
  @IsUserId()
  userId!: string;

  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  lastSequence?: number;

  @IsOptional()
  @IsBoolean()
  withFriends?: boolean;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  names?: string[];
}
