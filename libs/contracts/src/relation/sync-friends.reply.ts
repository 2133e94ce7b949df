import type { FriendData } from './friend-data';

/**
 * The friends added or changed since the caller's sequence with all their fields, the friends
 * removed since (on the first page), and the sequence to keep for the next pull (that of the
 * first page, so nothing changed during paging is missed).
 */
export class SyncFriendsReply {
  friends!: FriendData[];
  deletedUserIds!: string[];
  sequence!: number;
  isComplete!: boolean;
  nextStartIndex!: number;
}
