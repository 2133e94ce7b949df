import { Injectable } from '@nestjs/common';

import type { AppCredentialsReply, CallbackCommand } from '@im/contracts';
import { AppRegistryCache, AppSettingsView } from '@im/platform';

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
 * registry: kept for a short while and dropped at once on `account.evt.app-changed`, so a
 * change applies to the next callback.
 */
@Injectable()
export class CallbackSettingsReader {
  private readonly callbacks: AppSettingsView<AppCallbacks | undefined>;

  constructor(registry: AppRegistryCache) {
    this.callbacks = new AppSettingsView(registry, appCallbacksOf);
  }

  /** The app's callbacks; throws when the account service cannot be reached. */
  of(sdkAppId: number): Promise<AppCallbacks | undefined> {
    return this.callbacks.of(sdkAppId);
  }

  /** The app's callbacks when `command` is enabled, else undefined. */
  async enabled(sdkAppId: number, command: CallbackCommand): Promise<AppCallbacks | undefined> {
    const callbacks = await this.of(sdkAppId);
    return callbacks?.commands.has(command) ? callbacks : undefined;
  }
}
