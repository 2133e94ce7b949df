import type { AppCredentialsReply } from '@im/contracts';

import type { AppRegistryCache } from './app-registry.cache';

/**
 * One service's reading of an app's settings: `derive` turns the registry's entry (undefined
 * for an app the registry does not know) into what the service uses, defaults filled in, or
 * throws the service's error for an unknown app. Derived once per cached entry; a change of
 * the app brings a new entry and so a new derivation.
 *
 * ```ts
 * this.settings = new AppSettingsView(registry, (app) => withDefaults(app?.settings.push));
 * const push = await this.settings.of(sdkAppId);
 * ```
 */
export class AppSettingsView<T> {
  private readonly derived = new WeakMap<AppCredentialsReply, T>();

  constructor(
    private readonly registry: AppRegistryCache,
    private readonly derive: (app: AppCredentialsReply | undefined, sdkAppId: number) => T,
  ) {}

  /**
   * The app's settings; `fresh` asks the account service again (closes the gap between a change
   * and its event). Throws `RpcUnavailableError` when the account service cannot be reached.
   */
  async of(sdkAppId: number, options: { fresh?: boolean } = {}): Promise<T> {
    if (options.fresh) this.registry.invalidate(sdkAppId);
    const app = await this.registry.get(sdkAppId);
    if (!app) return this.derive(undefined, sdkAppId);
    if (this.derived.has(app)) return this.derived.get(app) as T;
    const value = this.derive(app, sdkAppId);
    this.derived.set(app, value);
    return value;
  }
}
