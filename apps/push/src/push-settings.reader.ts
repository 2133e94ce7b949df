import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { ErrorCode, PushLimits } from '@im/contracts';
import type { AppSettings } from '@im/contracts';
import { AppCredentialsCache, NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { PUSH_SERVICE } from './push.config';
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
 * Per-app settings (`settings.push` of the app registry), read through the platform's
 * app-credentials cache: asked from `account.rpc.get-app-credentials` as a service, kept 30 s,
 * dropped on `account.evt.app-changed`.
 */
@Injectable()
export class PushSettingsReader implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cache: AppCredentialsCache;

  constructor(bus: NatsBus, @Inject(PLATFORM_LOGGER) logger: PlatformLogger) {
    this.cache = new AppCredentialsCache(bus, logger, {
      ttlMs: 30_000,
      negativeTtlMs: 5_000,
      maxEntries: 100_000,
      callerId: PUSH_SERVICE,
    });
  }

  onApplicationBootstrap(): void {
    this.cache.start();
  }

  onApplicationShutdown(): void {
    this.cache.stop();
  }

  async of(sdkAppId: number): Promise<AppPushSettings> {
    const app = await this.cache.get(sdkAppId);
    if (!app) throw new PushError(ErrorCode.SdkAppIdNotFound, `app ${sdkAppId} is unknown`);
    return withDefaults(app.settings?.push);
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
