export class IsBlacklistedReply {
  /** B is in A's blacklist. */
  userBlocksPeer!: boolean;
  /** A is in B's blacklist; absent for a `single` check. */
  peerBlocksUser?: boolean;
}
