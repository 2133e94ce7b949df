import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';

import { AccountEvt, AccountRpc, ErrorCode, RemoteError } from '@im/contracts';
import { NatsBus, PLATFORM_CONFIG, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { MediaConfig } from './media.config';

interface Entry {
  revokedBefore: number;
  expiresAt: number;
}

/** Uploaders remembered at most (oldest dropped first). */
const MAX_ENTRIES = 50_000;

const keyOf = (sdkAppId: number, userId: string) => `${sdkAppId}|${userId}`;

/**
 * Since when each uploader's UserSigs are revoked (a kick, docs/usersig.md §5 step 10), as the
 * WebSocket login and the REST edge refuse them: asked of the account service
 * (`account.rpc.login` without creating anything) once per user and app-registry TTL, raised
 * at once by `account.evt.kicked` for the users remembered. Only users whose UserSig passed the
 * signature check are looked up, so a flood of forged logins costs no lookups.
 */
@Injectable()
export class UploadRevocationCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<number>>();
  private subscription?: Subscription;
  private readonly ttlMs: number;

  constructor(
    private readonly bus: NatsBus,
    @Inject(PLATFORM_CONFIG) config: MediaConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {
    this.ttlMs = config.appRegistry.ttlMs;
  }

  onApplicationBootstrap(): void {
    this.subscription ??= this.bus.subscribe(AccountEvt.Kicked, (event) => {
      const key = keyOf(event.sdkAppId, event.userId);
      if (!this.entries.has(key) && !this.loading.has(key)) return;
      this.remember(key, event.revokedBefore);
      this.logger.info({ sdkAppId: event.sdkAppId, userId: event.userId }, 'uploads revoked');
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
      // an account that was never imported was never kicked
      if (err instanceof RemoteError && err.code === ErrorCode.AccountNotImported) {
        revokedBefore = 0;
      } else if (stale) {
        return stale.revokedBefore;
      } else {
        throw err;
      }
    }
    return this.remember(key, revokedBefore);
  }

  /** Stores the later of what is known and `revokedBefore` (kicks only move it forward). */
  private remember(key: string, revokedBefore: number): number {
    const value = Math.max(this.entries.get(key)?.revokedBefore ?? 0, revokedBefore);
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { revokedBefore: value, expiresAt: Date.now() + this.ttlMs });
    return value;
  }
}
