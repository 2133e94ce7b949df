import type { AppReply, CreateAppRequest } from '@im/contracts';
import type { RestAdminClient } from '@im/sdk';
import type { RunningPlatform } from '@im/testing';

import { PlatformFixture } from '../platform.fixture';
import { SdkClients } from './sdk-user.client';

/** A platform of some services with its apps, their admins' REST clients and the SDK clients. */
export interface AppsPlatform {
  fixture: PlatformFixture;
  platform: RunningPlatform;
  /** The apps created, in the order asked. */
  apps: AppReply[];
  /** A REST client of each app's admin, in the same order. */
  admins: RestAdminClient[];
  sdk: SdkClients;
  /** Closes the SDK clients, then stops the platform and its servers. */
  stop(): Promise<void>;
}

/**
 * Starts `services` on servers of this test file and creates `apps` (each an app to compare
 * with the others: one a test works in, another that must see none of it).
 */
export async function startAppsPlatform(options: {
  services: readonly string[];
  apps: Partial<CreateAppRequest>[];
}): Promise<AppsPlatform> {
  const fixture = await PlatformFixture.start({ services: options.services });
  const sdk = new SdkClients(fixture.platform.wsUrl);
  const stop = async () => {
    await sdk.closeAll();
    await fixture.stop();
  };
  try {
    const apps: AppReply[] = [];
    for (const request of options.apps) apps.push(await fixture.apps.create(request));
    const admins = apps.map((app) => fixture.admin(app));
    return { fixture, platform: fixture.platform, apps, admins, sdk, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
