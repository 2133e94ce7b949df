export class KickAccountReply {
  /** UserSigs issued before this UNIX second no longer log in. */
  revokedBefore!: number;
}
