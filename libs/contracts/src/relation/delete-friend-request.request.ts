import { IsIn, IsOptional } from 'class-validator';

import { FriendRequestPairRequest } from './friend-request-pair.request';
import { FriendRequestDirections } from './relation.enums';
import type { FriendRequestDirection } from './relation.enums';

/**
 * Deletes a pending request: `outgoing` (default) withdraws `userId`'s request to the peer,
 * `incoming` removes the peer's request to `userId` without a rejection.
 */
export class DeleteFriendRequestRequest extends FriendRequestPairRequest {
  @IsOptional()
  @IsIn(FriendRequestDirections)
  direction?: FriendRequestDirection;
}
