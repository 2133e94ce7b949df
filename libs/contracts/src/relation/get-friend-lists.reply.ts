import type { FriendListInfo } from './friend-list-info';

export class GetFriendListsReply {
  lists!: FriendListInfo[];
  sequence!: number;
}
