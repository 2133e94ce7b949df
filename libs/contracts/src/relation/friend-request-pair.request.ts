import { IsUserId } from '../common';

/** One pending request between `userId` (who acts) and `peerUserId` (the other party). */
export class FriendRequestPairRequest {
  @IsUserId()
  userId!: string;

  @IsUserId()
  peerUserId!: string;
}
