/** A new console session: the tokens go into cookies and are never shown or logged. */
export class OperatorLoginReply {
  username!: string;
  sessionToken!: string;
  /** Bound to the session: writes must carry it in the `x-csrf-token` header. */
  csrfToken!: string;
  /** ISO time. */
  expiresAt!: string;
}
