export class DeleteAllFriendsReply {
  /** Friends removed from the user's table. */
  deletedCount!: number;
}
