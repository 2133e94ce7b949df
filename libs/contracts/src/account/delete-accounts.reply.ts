export class AccountResultItem {
  userId!: string;
  /** 0 = ok, else an account code (70107 = not imported). */
  code!: number;
  message!: string;
}

export class DeleteAccountsReply {
  results!: AccountResultItem[];
}
