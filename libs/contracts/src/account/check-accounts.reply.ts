import { AccountResultItem } from './delete-accounts.reply';

export class CheckedAccountItem extends AccountResultItem {
  isImported!: boolean;
}

export class CheckAccountsReply {
  results!: CheckedAccountItem[];
}
