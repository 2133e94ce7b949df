export class SetReadSeqReply {
  msgSeq!: number;
}
