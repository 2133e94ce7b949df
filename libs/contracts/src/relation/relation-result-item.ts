/** The outcome for one target of a batch: 0, or a relation code (docs/error-codes.md §6). */
export class RelationResultItem {
  userId!: string;
  code!: number;
  message!: string;
}
