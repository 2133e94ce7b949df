export class CheckTextReply {
  /** Indexes of the texts that contain a sensitive word. */
  matched!: number[];
}
