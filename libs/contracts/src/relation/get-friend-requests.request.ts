import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

import { IsUserId } from '../common';
import { FriendRequestDirections, RelationLimits } from './relation.enums';
import type { FriendRequestDirection } from './relation.enums';

/** The pending requests addressed to (`incoming`) or sent by (`outgoing`) a user (REL-22). */
export class GetFriendRequestsRequest {
  @IsUserId()
  userId!: string;

  @IsIn(FriendRequestDirections)
  direction!: FriendRequestDirection;

  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  startIndex?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(RelationLimits.requestPageMax)
  limit?: number;
}
