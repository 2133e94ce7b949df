/** `password` only when the operator was created now: shown once, stored only as a hash. */
export class EnsureFirstOperatorReply {
  created!: boolean;
  username!: string;
  password?: string;
}
