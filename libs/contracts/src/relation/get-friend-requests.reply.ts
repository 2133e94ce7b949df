import type { FriendRequestInfo } from './friend-request-info';

export class GetFriendRequestsReply {
  requests!: FriendRequestInfo[];
  /** Pending requests of this direction in all. */
  total!: number;
  /** Where the next page starts; 0 when this page is the last. */
  nextStartIndex!: number;
}
