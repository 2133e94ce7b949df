export class Recommendation {
  userId!: string;
  note!: string;
  /** Epoch seconds. */
  addedAt!: number;
}
