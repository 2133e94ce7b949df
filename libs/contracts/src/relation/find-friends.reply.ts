export class FindFriendsReply {
  /** The friend whose ID matches first, then those whose nickname matches, in table order. */
  friendIds!: string[];
}
