export class ImportAccountsReply {
  /** Accounts that could not be imported. */
  failedUserIds!: string[];
}
