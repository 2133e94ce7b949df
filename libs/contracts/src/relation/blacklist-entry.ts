export class BlacklistEntry {
  userId!: string;
  /** Epoch seconds (`AddBlackTimeStamp`). */
  addedAt!: number;
}
