import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

import type { ProfileCustomFieldDeclaration } from '@im/contracts';
import { AppCredentialsCache, NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { PROFILE_SERVICE } from './profile.config';

/**
 * The custom profile fields an app declared (`AppSettings.profileCustomFields`, owned by the
 * account service's app registry), through the platform's app cache: cached for a minute and
 * dropped as soon as `account.evt.app-changed` announces a change of the app, so a new
 * declaration is usable at once (PRF-20). Callers that find a tag undeclared ask again with
 * `fresh`, which closes the gap between the change and its event.
 */
@Injectable()
export class CustomFieldsReader implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly apps: AppCredentialsCache;

  constructor(bus: NatsBus, @Inject(PLATFORM_LOGGER) logger: PlatformLogger) {
    this.apps = new AppCredentialsCache(bus, logger, {
      ttlMs: 60_000,
      negativeTtlMs: 5_000,
      maxEntries: 10_000,
      callerId: PROFILE_SERVICE,
    });
  }

  onApplicationBootstrap(): void {
    this.apps.start();
  }

  onModuleDestroy(): void {
    this.apps.stop();
  }

  /** The app's declarations; none for an app the registry does not know. */
  async declarations(
    sdkAppId: number,
    options: { fresh?: boolean } = {},
  ): Promise<readonly ProfileCustomFieldDeclaration[]> {
    if (options.fresh) this.apps.invalidate(sdkAppId);
    const app = await this.apps.get(sdkAppId);
    return app?.settings.profileCustomFields ?? [];
  }
}
