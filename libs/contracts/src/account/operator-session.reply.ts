/** Who the session belongs to. */
export class OperatorSessionReply {
  username!: string;
  /** ISO time. */
  expiresAt!: string;
}
