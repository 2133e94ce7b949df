/** Acknowledgement of a stored (or, online-only, delivered) message. */
export class SendMessageReply {
  convId!: string;
  seq!: number;
  time!: number;
  msgKey!: string;
  /** True when (sender, random) had been sent before: this is the original's answer. */
  isDuplicate!: boolean;
}
