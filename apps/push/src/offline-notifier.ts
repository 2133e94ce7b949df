import { Inject, Injectable } from '@nestjs/common';

import type { PushProviderName } from '@im/contracts';
import { PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { AppPushSettings } from './push-settings.reader';
import { PushRepository } from './push.repository';
import type { Device } from './push.repository';
import type { DeviceNotification, PushProvider } from './providers/push-provider';
import { ProviderRegistry } from './providers/provider.registry';

/** Notifications sent at once per call. */
const CONCURRENCY = 16;

/** A device and the provider that reaches it. */
export interface NotifyTarget {
  device: Device;
  provider: PushProvider;
}

export interface NotifyResult {
  /** Notifications a provider accepted. */
  sent: number;
  /** Notifications refused or not sent (network, timeout, dead token). */
  failed: number;
}

/**
 * Sends one notification to every registered device of the given users through the app's
 * providers; devices of a provider the app has no credentials for are skipped. Dead tokens
 * (APNs 410 / BadDeviceToken, FCM UNREGISTERED, webhook 404/410) are removed; results are added
 * to the app's daily offline-push statistics.
 */
@Injectable()
export class OfflineNotifier {
  constructor(
    private readonly repository: PushRepository,
    private readonly providers: ProviderRegistry,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async notify(
    sdkAppId: number,
    settings: AppPushSettings,
    userIds: string[],
    notification: DeviceNotification,
  ): Promise<NotifyResult> {
    return this.send(sdkAppId, await this.targets(sdkAppId, settings, userIds), notification);
  }

  /** The users' devices the app can reach (a provider with credentials): read only. */
  async targets(
    sdkAppId: number,
    settings: AppPushSettings,
    userIds: string[],
  ): Promise<NotifyTarget[]> {
    const devices = await this.repository.findDevices(sdkAppId, userIds);
    return devices.flatMap((d) => {
      const provider = this.providers.providerFor(sdkAppId, settings, d.provider);
      return provider ? [{ device: d, provider }] : [];
    });
  }

  /** Sends to the targets `targets()` found. */
  async send(
    sdkAppId: number,
    jobs: NotifyTarget[],
    notification: DeviceNotification,
  ): Promise<NotifyResult> {
    if (jobs.length === 0) return { sent: 0, failed: 0 };
    const stats = new Map<PushProviderName, { sent: number; failed: number; dead: string[] }>();
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const { device, provider } = jobs[next++];
        const result = await provider.send(device, notification);
        const s = stats.get(provider.name) ?? { sent: 0, failed: 0, dead: [] };
        stats.set(provider.name, s);
        if (result.ok) s.sent++;
        else {
          s.failed++;
          if (result.invalidToken) s.dead.push(device.token);
          this.logger.info(
            { sdkAppId, provider: provider.name, status: result.status, reason: result.reason },
            'offline push refused',
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
    let sent = 0;
    let failed = 0;
    for (const [name, s] of stats) {
      sent += s.sent;
      failed += s.failed;
      await this.repository.deleteTokens(sdkAppId, name, s.dead);
      await this.repository.addOfflineStats(sdkAppId, name, s.sent, s.failed, s.dead.length);
    }
    return { sent, failed };
  }
}
