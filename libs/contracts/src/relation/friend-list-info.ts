export class FriendListInfo {
  name!: string;
  friendCount!: number;
  /** Only when asked for. */
  friendIds?: string[];
}
