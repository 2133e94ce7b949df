import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';

import { AccountEvt, AccountRpc, isValidUserId } from '@im/contracts';
import { NatsBus } from '@im/platform';

import { BatchLoader } from './batch-loader';
import { TtlCache } from './ttl-cache';

/** `account.rpc.check` takes this many IDs at once. */
const CHECK_BATCH = 100;
const KNOWN_TTL_MS = 60_000;
const UNKNOWN_TTL_MS = 2_000;

/**
 * Which users exist (recipients must, 90012 / 70107), asked of the account service as
 * `service` and cached briefly: known accounts for a minute (dropped when deleted), unknown
 * ones for two seconds (dropped when imported). Misses of the same moment share one
 * `account.rpc.check` (up to 100 IDs).
 */
@Injectable()
export class AccountDirectory implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cache = new TtlCache<string, boolean>(KNOWN_TTL_MS);
  private readonly checks = new BatchLoader<boolean>(async (sdkAppId, userIds) => {
    const reply = await this.bus.request(
      AccountRpc.Check,
      { userIds },
      this.bus.asService(sdkAppId),
    );
    return new Map(reply.results.map((r) => [r.userId, r.code === 0 && r.isImported]));
  }, CHECK_BATCH);
  private subscriptions: Subscription[] = [];

  constructor(private readonly bus: NatsBus) {}

  onApplicationBootstrap(): void {
    this.subscriptions = [
      this.bus.subscribe(AccountEvt.Deleted, (e) => this.forget(e.sdkAppId, e.userIds)),
      this.bus.subscribe(AccountEvt.Imported, (e) =>
        this.forget(
          e.sdkAppId,
          e.accounts.map((a) => a.userId),
        ),
      ),
    ];
  }

  onApplicationShutdown(): void {
    for (const s of this.subscriptions) s.unsubscribe();
  }

  private forget(sdkAppId: number, userIds: string[]): void {
    for (const userId of userIds) this.cache.delete(`${sdkAppId}|${userId}`);
  }

  /** The given users that exist. */
  async existing(sdkAppId: number, userIds: string[]): Promise<Set<string>> {
    const valid = [...new Set(userIds)].filter(isValidUserId);
    const answers = await Promise.all(
      valid.map((userId) =>
        this.cache.load(
          `${sdkAppId}|${userId}`,
          async () => (await this.checks.load(sdkAppId, userId)) ?? false,
          (exists) => (exists ? KNOWN_TTL_MS : UNKNOWN_TTL_MS),
        ),
      ),
    );
    return new Set(valid.filter((_, i) => answers[i]));
  }

  async exists(sdkAppId: number, userId: string): Promise<boolean> {
    return (await this.existing(sdkAppId, [userId])).has(userId);
  }
}
