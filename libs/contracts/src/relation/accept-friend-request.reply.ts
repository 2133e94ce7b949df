export class AcceptFriendRequestReply {
  /** Whether the acceptor also has the requester in their table now. */
  isBothWay!: boolean;
}
