import { ErrorCode } from '@im/contracts';
import type {
  OfficialAccountMsgFlag,
  OfficialAccountView,
  SubscribedAccountsReply,
} from '@im/contracts';

import type { ImClient } from './im-client';
import { ImError } from './im-error';

/**
 * A user's official accounts (docs/protocol.md §7.9): subscribe, unsubscribe, the accounts
 * subscribed to and their info. Tencent's clients show an official account's messages as the
 * conversation `c2c_<officialAccountID>`: {@link officialAccountConversationId}.
 */
export class ImOfficialAccounts {
  constructor(private readonly client: ImClient) {}

  /** Subscribes the logged-in user; true when subscribed now, false when already. */
  async subscribe(officialAccountId: string): Promise<boolean> {
    const { results } = await this.client.command('officialaccount.subscribe', {
      officialAccountId,
    });
    const result = results[0]?.result;
    if (result === 0)
      throw new ImError(
        ErrorCode.GroupFull,
        `no place left in official account ${officialAccountId}`,
      );
    return result === 1;
  }

  /** Unsubscribes the logged-in user; false when they were not subscribed. */
  async unsubscribe(officialAccountId: string): Promise<boolean> {
    const { results } = await this.client.command('officialaccount.unsubscribe', {
      officialAccountId,
    });
    return results[0]?.result === 1;
  }

  /**
   * How the account's messages reach the logged-in subscriber: `AcceptAndNotify`,
   * `AcceptNotNotify` (no offline push) or `Discard` (not delivered). 10007 when not subscribed.
   */
  async setMsgFlag(officialAccountId: string, msgFlag: OfficialAccountMsgFlag): Promise<void> {
    await this.client.command('officialaccount.set-msg-flag', { officialAccountId, msgFlag });
  }

  /** The official accounts the user subscribed to, oldest subscription first. */
  getSubscribed(page: { limit?: number; offset?: number } = {}): Promise<SubscribedAccountsReply> {
    return this.client.command('officialaccount.get-subscribed', page);
  }

  /** Info of official accounts; IDs the app does not have are left out. */
  async getInfo(officialAccountIds: string[]): Promise<OfficialAccountView[]> {
    const { items } = await this.client.command('officialaccount.get-info', {
      officialAccountIds,
    });
    return items.flatMap((i) => (i.account ? [i.account] : []));
  }
}

/** The conversation ID Tencent's clients show an official account's messages under. */
export function officialAccountConversationId(officialAccountId: string): string {
  return `c2c_${officialAccountId}`;
}
