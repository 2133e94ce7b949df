/** Receipt counts of one group message: members who read it and who did not (sender left out). */
export interface GroupReceiptCount {
  seq: number;
  readNum: number;
  unreadNum: number;
}

export class GroupReceiptsReply {
  receipts!: GroupReceiptCount[];
}
