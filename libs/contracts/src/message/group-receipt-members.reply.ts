export class GroupReceiptMembersReply {
  /** User IDs of this page, in user-ID order. */
  members!: string[];
  /** Give it back for the next page; '' when finished. */
  cursor!: string;
  isFinished!: boolean;
  readNum!: number;
  unreadNum!: number;
}
