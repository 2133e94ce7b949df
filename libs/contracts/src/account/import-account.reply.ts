export class ImportAccountReply {
  /** False when the account already existed (import is idempotent). */
  created!: boolean;
}
