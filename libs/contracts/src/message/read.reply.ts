export class ReadReply {
  /** The read position after the call (never moves back). */
  readSeq!: number;
  unread!: number;
}
