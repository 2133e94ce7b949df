import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { IsUserId } from '../common';

/**
 * friend_get: a page of the user's friends from `startIndex`. When `standardSequence` or
 * `customSequence` equals the current one, the standard or custom fields are left out (the
 * caller's copy is current).
 */
export class GetFriendsRequest {
  @IsUserId()
  userId!: string;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  startIndex!: number;

  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  standardSequence?: number;

  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  customSequence?: number;
}
