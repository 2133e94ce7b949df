import { Injectable } from '@nestjs/common';

import { ErrorCode, PushLimits } from '@im/contracts';
import type { AppSettings } from '@im/contracts';
import { AppRegistryCache, AppSettingsView } from '@im/platform';

import { PushError } from './push.errors';

/** The app's `push` settings as stored by the account service (libs/contracts). */
export type StoredPushSettings = NonNullable<AppSettings['push']>;

/** The push settings of one app with defaults filled in. */
export interface AppPushSettings {
  enabled: boolean;
  minIntervalSeconds: number;
  dailyLimit: number;
  apns?: StoredPushSettings['apns'];
  fcm?: StoredPushSettings['fcm'];
  webhook?: StoredPushSettings['webhook'];
}

/**
 * Per-app settings (`settings.push` of the account service's app registry; kept briefly,
 * dropped on `account.evt.app-changed`); an unknown app is an error.
 */
@Injectable()
export class PushSettingsReader {
  private readonly settings: AppSettingsView<AppPushSettings>;

  constructor(registry: AppRegistryCache) {
    this.settings = new AppSettingsView(registry, (app, sdkAppId) => {
      if (!app) throw new PushError(ErrorCode.SdkAppIdNotFound, `app ${sdkAppId} is unknown`);
      return withDefaults(app.settings?.push);
    });
  }

  of(sdkAppId: number): Promise<AppPushSettings> {
    return this.settings.of(sdkAppId);
  }
}

export function withDefaults(s: StoredPushSettings | undefined): AppPushSettings {
  return {
    enabled: s?.enabled ?? false,
    minIntervalSeconds: s?.minIntervalSeconds ?? PushLimits.defaultMinIntervalSeconds,
    dailyLimit: s?.dailyLimit ?? PushLimits.defaultDailyLimit,
    apns: s?.apns,
    fcm: s?.fcm,
    webhook: s?.webhook,
  };
}
