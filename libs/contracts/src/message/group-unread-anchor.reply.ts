export class GroupUnreadAnchorReply {
  /** The group line's last stored seq the positions were taken against (0: no message yet). */
  lastSeq!: number;
  /** Per requested count: the read seq that leaves that many messages unread at `lastSeq`. */
  readSeqs!: number[];
  /**
   * Per requested count: the unread count it comes to (the count, or fewer when the group
   * holds fewer messages).
   */
  unreads!: number[];
}
