import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import type { AppCredentialsReply, CallbackCommand } from '@im/contracts';
import { AppCredentialsCache, NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { CALLBACK_DISPATCHER_SERVICE } from './callback-dispatcher.config';

/** An app's callbacks as the dispatcher uses them: only apps that have a URL have any. */
export interface AppCallbacks {
  url: string;
  /** Signs requests when present (authentication configured and enabled). */
  token?: string;
  commands: ReadonlySet<CallbackCommand>;
}

/** What the app's settings say about callbacks; undefined when it sends none. */
export function appCallbacksOf(app: AppCredentialsReply | undefined): AppCallbacks | undefined {
  if (!app || app.status !== 'active') return undefined;
  const callbacks = app.settings?.callbacks;
  if (!callbacks?.url) return undefined;
  const auth = callbacks.authentication;
  return {
    url: callbacks.url,
    ...(auth?.token && auth.enabled !== false && { token: auth.token }),
    commands: new Set(callbacks.enabledCommands ?? []),
  };
}

/**
 * Per-app callback settings (URL, token, enabled commands) from the account service's app
 * registry through the platform's AppCredentialsCache: kept for a short while and dropped at
 * once on `account.evt.app-changed`, so a change applies to the next callback.
 */
@Injectable()
export class CallbackSettingsReader implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cache: AppCredentialsCache;
  /** The derived settings of each cached reply (a new reply after a change derives anew). */
  private readonly derived = new WeakMap<AppCredentialsReply, AppCallbacks | null>();

  constructor(bus: NatsBus, @Inject(PLATFORM_LOGGER) logger: PlatformLogger) {
    this.cache = new AppCredentialsCache(bus, logger, {
      ttlMs: 30_000,
      negativeTtlMs: 5_000,
      maxEntries: 100_000,
      callerId: CALLBACK_DISPATCHER_SERVICE,
    });
  }

  onApplicationBootstrap(): void {
    this.cache.start();
  }

  onApplicationShutdown(): void {
    this.cache.stop();
  }

  /** The app's callbacks; throws when the account service cannot be reached. */
  async of(sdkAppId: number): Promise<AppCallbacks | undefined> {
    const app = await this.cache.get(sdkAppId);
    if (!app) return undefined;
    let callbacks = this.derived.get(app);
    if (callbacks === undefined) {
      callbacks = appCallbacksOf(app) ?? null;
      this.derived.set(app, callbacks);
    }
    return callbacks ?? undefined;
  }

  /** The app's callbacks when `command` is enabled, else undefined. */
  async enabled(sdkAppId: number, command: CallbackCommand): Promise<AppCallbacks | undefined> {
    const callbacks = await this.of(sdkAppId);
    return callbacks?.commands.has(command) ? callbacks : undefined;
  }
}
