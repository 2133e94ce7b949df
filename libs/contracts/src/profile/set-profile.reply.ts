export class SetProfileReply {
  /** Tags whose value changed (unchanged values are not reported). */
  changedTags!: string[];
}
