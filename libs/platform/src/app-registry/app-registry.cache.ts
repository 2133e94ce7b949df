import { AccountEvt, AccountRpc, AppCredentialsReply, ErrorCode, RemoteError } from '@im/contracts';
import type { Subscription } from 'nats';

import type { PlatformLogger } from '../logging/logger';
import type { NatsBus } from '../nats/nats-bus';

export interface AppRegistryCacheOptions {
  /** How long key material is reused before it is asked for again. */
  ttlMs: number;
  /** How long "no such app" is remembered (shields the account service from floods). */
  negativeTtlMs: number;
  maxEntries: number;
  /** Name of the asking service, sent as caller. */
  callerId: string;
}

/** What a service sets: the TTL; the rest has defaults. */
export interface AppRegistryOptions {
  ttlMs: number;
  /** Default 5000. */
  negativeTtlMs?: number;
  /** Default 100,000. */
  maxEntries?: number;
}

interface Entry {
  value: AppCredentialsReply | undefined;
  expiresAt: number;
}

/**
 * The account service's app registry as a service sees it: each app's keys (for the verifiers
 * of UserSigs at the REST and WebSocket edges) and settings (quotas, custom fields, callbacks,
 * push, ...), fetched with `account.rpc.get-app-credentials`, cached for a short TTL and dropped
 * as soon as the account service announces a change of the app (`account.evt.app-changed`).
 * Concurrent misses for one app share one request. `PlatformModule.forRoot({ appRegistry })`
 * provides one per service and starts and stops it with the service.
 */
export class AppRegistryCache {
  private readonly entries = new Map<number, Entry>();
  private readonly loading = new Map<number, Promise<AppCredentialsReply | undefined>>();
  private subscription?: Subscription;
  /** Bumped by every invalidation of an app, so a load that raced with one is not cached. */
  private readonly generations = new Map<number, number>();
  private readonly loadListeners: ((app: AppCredentialsReply) => void)[] = [];

  constructor(
    private readonly bus: NatsBus,
    private readonly logger: PlatformLogger,
    private readonly options: AppRegistryCacheOptions,
  ) {}

  /** Starts listening for app changes; call after the bus is connected. */
  start(): void {
    this.subscription ??= this.bus.subscribe(AccountEvt.AppChanged, (event) => {
      const created = event.changes.length === 1 && event.changes[0] === 'created';
      // A new app changes nothing we may hold but a remembered (or loading) "no such app".
      const known = this.entries.get(event.sdkAppId);
      if (created && !this.loading.has(event.sdkAppId) && (!known || known.value)) return;
      this.invalidate(event.sdkAppId);
      this.logger.info(
        { sdkAppId: event.sdkAppId, changes: event.changes },
        'app registry entry invalidated',
      );
    });
  }

  /**
   * Calls `listener` with every app entry fetched from the account service (the first read of
   * an app, and each read after its entry expired or was dropped), for work that follows from
   * seeing an app rather than from one read of it.
   */
  onLoaded(listener: (app: AppCredentialsReply) => void): void {
    this.loadListeners.push(listener);
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  invalidate(sdkAppId: number): void {
    this.generations.set(sdkAppId, (this.generations.get(sdkAppId) ?? 0) + 1);
    this.entries.delete(sdkAppId);
    this.loading.delete(sdkAppId);
  }

  /**
   * The app's credentials, or undefined when the app does not exist. Throws
   * `RpcUnavailableError` when the account service cannot be reached.
   */
  async get(sdkAppId: number, now = Date.now()): Promise<AppCredentialsReply | undefined> {
    const hit = this.entries.get(sdkAppId);
    if (hit && hit.expiresAt > now) return hit.value;
    const inFlight = this.loading.get(sdkAppId);
    if (inFlight) return inFlight;
    const load = this.load(sdkAppId).finally(() => {
      if (this.loading.get(sdkAppId) === load) this.loading.delete(sdkAppId);
    });
    this.loading.set(sdkAppId, load);
    return load;
  }

  private async load(sdkAppId: number): Promise<AppCredentialsReply | undefined> {
    const generation = this.generations.get(sdkAppId);
    let value: AppCredentialsReply | undefined;
    try {
      value = await this.bus.request(
        AccountRpc.GetAppCredentials,
        { sdkAppId },
        { context: { role: 'service', callerId: this.options.callerId, sdkAppId } },
      );
    } catch (err) {
      if (!(err instanceof RemoteError && err.code === ErrorCode.SdkAppIdNotFound)) throw err;
      value = undefined;
    }
    if (value) for (const listener of this.loadListeners) listener(value);
    if (generation !== this.generations.get(sdkAppId)) return value;
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const ttl = value ? this.options.ttlMs : this.options.negativeTtlMs;
    this.entries.set(sdkAppId, { value, expiresAt: Date.now() + ttl });
    return value;
  }
}
