export class LoginAccountReply {
  /** The account was created by this login. */
  created!: boolean;
  /** UserSigs issued (TLS.time) before this UNIX second are refused with 70052. */
  revokedBefore!: number;
}
