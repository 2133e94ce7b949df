import type { FriendData } from './friend-data';

export class GetFriendsReply {
  friends!: FriendData[];
  standardSequence!: number;
  customSequence!: number;
  /** Friends in the table (`FriendNum`). */
  friendCount!: number;
  /** The page reaches the end (`CompleteFlag`). */
  isComplete!: boolean;
  nextStartIndex!: number;
}
