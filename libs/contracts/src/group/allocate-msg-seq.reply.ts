export class AllocateMsgSeqReply {
  /** The first seq taken; the others follow it. */
  firstSeq!: number;
  /** NextMsgSeq after the allocation. */
  nextMsgSeq!: number;
  /** True when this message activated a Private group. */
  activated!: boolean;
}
