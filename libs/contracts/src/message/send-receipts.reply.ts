/** The seqs a receipt request recorded (new or repeated); messages it skipped are left out. */
export class SendReceiptsReply {
  seqs!: number[];
}
