import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';

import { AccountEvt, AccountLimits, AccountRpc } from '@im/contracts';
import { NatsBus } from '@im/platform';

/** How long "this account is imported" is believed. */
const KNOWN_TTL_MS = 60_000;
const MAX_ENTRIES = 200_000;

/**
 * Which accounts exist, asked of the account service (`account.rpc.check`, role service) and
 * remembered for a minute. Only "exists" is cached: an account imported right after a miss is
 * found at once. A deleted account is forgotten as soon as `account.evt.deleted` arrives (a
 * plain subscription, so every instance hears it).
 */
@Injectable()
export class AccountDirectory implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly known = new Map<string, number>();
  private subscription?: Subscription;

  constructor(private readonly bus: NatsBus) {}

  onApplicationBootstrap(): void {
    this.subscription = this.bus.subscribe(AccountEvt.Deleted, (event) => {
      for (const userId of event.userIds) this.known.delete(key(event.sdkAppId, userId));
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  /** The given users that are not imported accounts of the app. */
  async missing(
    sdkAppId: number,
    userIds: readonly string[],
    now = Date.now(),
  ): Promise<Set<string>> {
    const unknown = [...new Set(userIds)].filter(
      (u) => (this.known.get(key(sdkAppId, u)) ?? 0) <= now,
    );
    const missing = new Set<string>();
    for (let i = 0; i < unknown.length; i += AccountLimits.batchMax) {
      const batch = unknown.slice(i, i + AccountLimits.batchMax);
      const reply = await this.bus.request(
        AccountRpc.Check,
        { userIds: batch },
        this.bus.asService(sdkAppId),
      );
      for (const item of reply.results) {
        if (item.isImported) this.remember(key(sdkAppId, item.userId), now);
        else missing.add(item.userId);
      }
    }
    return missing;
  }

  private remember(k: string, now: number): void {
    if (this.known.size >= MAX_ENTRIES) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
    this.known.set(k, now + KNOWN_TTL_MS);
  }
}

function key(sdkAppId: number, userId: string): string {
  return `${sdkAppId}:${userId}`;
}
