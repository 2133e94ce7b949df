import { Injectable } from '@nestjs/common';

import { AccountLimits, AccountRpc } from '@im/contracts';
import { NatsBus } from '@im/platform';

import { ProfileCache } from './profile.cache';

/**
 * Which accounts exist, as the account service (the owner of accounts) says: asked with
 * `account.rpc.check` as role `service`, in batches of 100. Confirmations are cached briefly in
 * Redis and dropped when the account is deleted; an unknown account is never cached, so it is
 * found as soon as it is imported.
 */
@Injectable()
export class AccountDirectory {
  constructor(
    private readonly bus: NatsBus,
    private readonly cache: ProfileCache,
  ) {}

  /**
   * The existing accounts among `userIds` (valid IDs), each with the epoch milliseconds at
   * which it was confirmed. `fresh`: ask the account service even for cached ones (writes).
   */
  async confirmExisting(
    sdkAppId: number,
    userIds: readonly string[],
    options: { fresh?: boolean } = {},
  ): Promise<Map<string, number>> {
    const confirmed = options.fresh
      ? new Map<string, number>()
      : await this.cache.getConfirmations(sdkAppId, userIds);
    const unknown = [...new Set(userIds)].filter((u) => !confirmed.has(u));
    if (unknown.length === 0) return confirmed;
    const askedAt = Date.now();
    const batches: string[][] = [];
    for (let i = 0; i < unknown.length; i += AccountLimits.batchMax)
      batches.push(unknown.slice(i, i + AccountLimits.batchMax));
    const replies = await Promise.all(
      batches.map((batch) =>
        this.bus.request(AccountRpc.Check, { userIds: batch }, this.bus.asService(sdkAppId)),
      ),
    );
    const found = new Map<string, number>();
    for (const reply of replies)
      for (const item of reply.results) if (item.isImported) found.set(item.userId, askedAt);
    await this.cache.putConfirmations(sdkAppId, found);
    for (const [userId, at] of found) confirmed.set(userId, at);
    return confirmed;
  }
}
