import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';

import { AccountEvt, AccountRpc, ErrorCode, RemoteError } from '@im/contracts';

import type { PlatformLogger } from '../logging/logger';
import type { NatsBus } from '../nats/nats-bus';

export interface UserSigRevocationOptions {
  /** How long a looked-up kick time is trusted without an event (a missed event heals by then). */
  ttlMs: number;
  /** Identifiers remembered at most (oldest dropped first). */
  maxEntries: number;
  /** What the log line of a kick says was revoked (`admin UserSigs revoked`). */
  revokedMessage: string;
}

interface Entry {
  revokedBefore: number;
  expiresAt: number;
}

/**
 * Since when a user's UserSigs are revoked (a kick, docs/usersig.md §5 step 10), for an edge
 * that checks UserSigs itself (the REST edge for app admins, the media service for uploaders):
 * asked of the account service once per user and TTL (the same `account.rpc.login` state the
 * WebSocket login reads, without creating anything), raised at once by `account.evt.kicked` for
 * the users remembered or being looked up. Callers look up only identifiers whose UserSig passed
 * the signature check, so a flood of forged ones costs no lookups; the map is bounded anyway.
 */
export class UserSigRevocationCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<number>>();
  private subscription?: Subscription;

  constructor(
    private readonly bus: NatsBus,
    private readonly logger: PlatformLogger,
    private readonly options: UserSigRevocationOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription ??= this.bus.subscribe(AccountEvt.Kicked, (event) => {
      const key = keyOf(event.sdkAppId, event.userId);
      // only who is remembered or being looked up: a kick of anyone else changes nothing here
      if (!this.entries.has(key) && !this.loading.has(key)) return;
      this.remember(key, event.revokedBefore);
      this.logger.info(
        { sdkAppId: event.sdkAppId, userId: event.userId },
        this.options.revokedMessage,
      );
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  /**
   * The UNIX second before which `userId`'s UserSigs are refused (0: never kicked). Throws
   * `RpcUnavailableError` when the account service cannot answer and nothing is remembered.
   */
  async revokedBefore(sdkAppId: number, userId: string, now = Date.now()): Promise<number> {
    const key = keyOf(sdkAppId, userId);
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.revokedBefore;
    const inFlight = this.loading.get(key);
    if (inFlight) return inFlight;
    const load = this.load(sdkAppId, userId, key, hit).finally(() => {
      if (this.loading.get(key) === load) this.loading.delete(key);
    });
    this.loading.set(key, load);
    return load;
  }

  private async load(
    sdkAppId: number,
    userId: string,
    key: string,
    stale: Entry | undefined,
  ): Promise<number> {
    let revokedBefore: number;
    try {
      const state = await this.bus.request(
        AccountRpc.Login,
        { userId, createIfMissing: false },
        this.bus.asService(sdkAppId),
      );
      revokedBefore = state.revokedBefore;
    } catch (err) {
      // an identifier that was never imported was never kicked (kick answers 70107)
      if (err instanceof RemoteError && err.code === ErrorCode.AccountNotImported) {
        revokedBefore = 0;
      } else if (stale) {
        // the account service is away: the last known time beats refusing every call
        return stale.revokedBefore;
      } else {
        throw err;
      }
    }
    return this.remember(key, revokedBefore);
  }

  /** Stores the later of what is known and `revokedBefore` (kicks only move it forward). */
  private remember(key: string, revokedBefore: number): number {
    const known = this.entries.get(key)?.revokedBefore ?? 0;
    const value = Math.max(known, revokedBefore);
    this.entries.delete(key); // re-inserted last: the oldest is dropped first
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { revokedBefore: value, expiresAt: Date.now() + this.options.ttlMs });
    return value;
  }
}

function keyOf(sdkAppId: number, userId: string): string {
  return `${sdkAppId}|${userId}`;
}
