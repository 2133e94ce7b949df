export class AreFriendsReply {
  /** B is in A's friend table. */
  userHasPeer!: boolean;
  /** A is in B's friend table; absent for a `single` check. */
  peerHasUser?: boolean;
}
