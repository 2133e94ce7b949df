import { Injectable } from '@nestjs/common';

import type { ProfileCustomFieldDeclaration } from '@im/contracts';
import { AppRegistryCache, AppSettingsView } from '@im/platform';

/**
 * The custom profile fields an app declared (`AppSettings.profileCustomFields`, owned by the
 * account service's app registry), through the platform's app registry cache: cached for a minute and
 * dropped as soon as `account.evt.app-changed` announces a change of the app, so a new
 * declaration is usable at once (PRF-20). Callers that find a tag undeclared ask again with
 * `fresh`, which closes the gap between the change and its event.
 */
@Injectable()
export class CustomFieldsReader {
  private readonly declared: AppSettingsView<readonly ProfileCustomFieldDeclaration[]>;

  constructor(registry: AppRegistryCache) {
    this.declared = new AppSettingsView(registry, (app) => app?.settings.profileCustomFields ?? []);
  }

  /** The app's declarations; none for an app the registry does not know. */
  declarations(
    sdkAppId: number,
    options: { fresh?: boolean } = {},
  ): Promise<readonly ProfileCustomFieldDeclaration[]> {
    return this.declared.of(sdkAppId, options);
  }
}
