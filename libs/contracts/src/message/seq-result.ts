/** The outcome for one seq of a batch (0 = done, else a code such as 10030). */
export class SeqResult {
  seq!: number;
  code!: number;
}
