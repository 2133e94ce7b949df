import {
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import type { Subscription } from 'nats';

import { AccountEvt, AccountLimits, AccountRpc, isValidUserId } from '@im/contracts';

import { NatsBus } from '../nats/nats-bus';
import { BatchLoader } from '../util/batch-loader';
import { TtlCache } from '../util/ttl-cache';

/** How long "this account exists" is believed; a deletion or import heard drops it sooner. */
export const KNOWN_ACCOUNT_TTL_MS = 60_000;
const MAX_ENTRIES = 200_000;

/**
 * Where confirmations are kept: in this process by default; a service may keep them where all
 * its instances share them (profile keeps them in its Redis, `ACCOUNT_CONFIRMATIONS`).
 */
export interface AccountConfirmations {
  /** When each cached user was confirmed (epoch ms); users not cached are absent. */
  get(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, number>>;
  /** Keeps confirmations for `KNOWN_ACCOUNT_TTL_MS`. */
  put(sdkAppId: number, confirmed: ReadonlyMap<string, number>): Promise<void>;
  forget(sdkAppId: number, userIds: readonly string[]): Promise<void>;
}

/** Provide an `AccountConfirmations` under this token to keep confirmations elsewhere. */
export const ACCOUNT_CONFIRMATIONS = Symbol('ACCOUNT_CONFIRMATIONS');

/** Confirmations in this process's memory, bounded. */
export class InMemoryAccountConfirmations implements AccountConfirmations {
  private readonly known = new TtlCache<string, number>(KNOWN_ACCOUNT_TTL_MS, MAX_ENTRIES);

  get(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const userId of userIds) {
      const at = this.known.get(keyOf(sdkAppId, userId));
      if (at !== undefined) found.set(userId, at);
    }
    return Promise.resolve(found);
  }

  put(sdkAppId: number, confirmed: ReadonlyMap<string, number>): Promise<void> {
    for (const [userId, at] of confirmed) this.known.set(keyOf(sdkAppId, userId), at);
    return Promise.resolve();
  }

  forget(sdkAppId: number, userIds: readonly string[]): Promise<void> {
    for (const userId of userIds) this.known.delete(keyOf(sdkAppId, userId));
    return Promise.resolve();
  }
}

export interface AccountLookup {
  /**
   * Ask the account service even about accounts confirmed a moment ago: for writes that must
   * not act on an account deleted in the meantime. The answers are cached for the others.
   */
  fresh?: boolean;
}

/**
 * Which accounts exist, as the account service (their owner) says, for every service that
 * needs to know: asked with `account.rpc.check` as the service of the app, the misses of one
 * moment of an app shared in batches of up to 100. One caching rule: only "exists" is cached
 * (with the time the account service confirmed it) for a minute, and dropped when
 * `account.evt.deleted` or `account.evt.imported` names the account (a plain subscription:
 * every instance hears it; a lookup that overlapped such a fact is not cached). An unknown
 * account is asked about every time, so it is found as soon as it is imported. An invalid
 * user ID does not exist and is not asked about.
 */
@Injectable()
export class AccountsClient implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly known: AccountConfirmations;
  private readonly checks = new BatchLoader<number>(async (sdkAppId, userIds) => {
    const askedAt = Date.now();
    const reply = await this.bus.request(
      AccountRpc.Check,
      { userIds },
      this.bus.asService(sdkAppId),
    );
    const found = reply.results.filter((r) => r.code === 0 && r.isImported);
    return new Map(found.map((r) => [r.userId, askedAt]));
  }, AccountLimits.batchMax);
  /** Bumped by every account fact heard: a lookup that overlapped one is not cached. */
  private generation = 0;
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly bus: NatsBus,
    @Optional() @Inject(ACCOUNT_CONFIRMATIONS) confirmations?: AccountConfirmations,
  ) {
    this.known = confirmations ?? new InMemoryAccountConfirmations();
  }

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
    this.subscriptions = [];
  }

  /** Drops what is known of accounts (they were deleted or imported again). */
  forget(sdkAppId: number, userIds: readonly string[]): Promise<void> {
    this.generation++;
    return this.known.forget(sdkAppId, userIds);
  }

  /**
   * The existing accounts among `userIds`, each with the epoch milliseconds at which the
   * account service confirmed it.
   */
  async confirmed(
    sdkAppId: number,
    userIds: readonly string[],
    lookup: AccountLookup = {},
  ): Promise<Map<string, number>> {
    const valid = [...new Set(userIds)].filter(isValidUserId);
    if (valid.length === 0) return new Map();
    const generation = this.generation;
    const result = lookup.fresh ? new Map<string, number>() : await this.known.get(sdkAppId, valid);
    const ask = valid.filter((userId) => !result.has(userId));
    if (ask.length === 0) return result;
    const answers = await Promise.all(ask.map((userId) => this.checks.load(sdkAppId, userId)));
    const found = new Map<string, number>();
    ask.forEach((userId, i) => {
      const at = answers[i];
      if (at !== undefined) found.set(userId, at);
    });
    if (generation === this.generation) await this.known.put(sdkAppId, found);
    for (const [userId, at] of found) result.set(userId, at);
    return result;
  }

  /** The given users that are accounts of the app. */
  async existing(
    sdkAppId: number,
    userIds: readonly string[],
    lookup?: AccountLookup,
  ): Promise<Set<string>> {
    return new Set((await this.confirmed(sdkAppId, userIds, lookup)).keys());
  }

  /** The given users that are not accounts of the app. */
  async missing(
    sdkAppId: number,
    userIds: readonly string[],
    lookup?: AccountLookup,
  ): Promise<Set<string>> {
    const found = await this.confirmed(sdkAppId, userIds, lookup);
    return new Set(userIds.filter((userId) => !found.has(userId)));
  }

  async exists(sdkAppId: number, userId: string, lookup?: AccountLookup): Promise<boolean> {
    return (await this.confirmed(sdkAppId, [userId], lookup)).has(userId);
  }
}

function keyOf(sdkAppId: number, userId: string): string {
  return `${sdkAppId}|${userId}`;
}
