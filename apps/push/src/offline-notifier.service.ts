import { Inject, Injectable } from '@nestjs/common';

import type { Counter } from 'prom-client';

import type { OfflinePushRequestedEvent, PushProviderName } from '@im/contracts';
import { PLATFORM_LOGGER, PlatformMetrics } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { ConsumedEventsRepository } from './consumed-events.repository';
import { DeviceUsersIndex } from './device-users.cache';
import { messageNotification } from './offline-push.rules';
import { PushSettingsReader } from './push-settings.reader';
import type { AppPushSettings } from './push-settings.reader';
import { PushDeviceRepository } from './push-device.repository';
import type { Device } from './push-device.repository';
import { PushStatsRepository } from './push-stats.repository';
import type { DeviceNotification, PushProvider } from './providers/push-provider.model';
import { isPushSuppressed } from './providers/notification.mapper';
import { ProviderRegistry } from './providers/provider-registry.service';

/** Notifications sent at once per call. */
const CONCURRENCY = 16;

/** The durable consumer of offline-push requests, under which each is handled once. */
export const OFFLINE_PUSH_CONSUMER = 'push-offline';

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
  /** Offline-push requests of messages by outcome (see `notifyOfMessage`). */
  private readonly requests: Counter<'outcome'>;

  constructor(
    private readonly devices: PushDeviceRepository,
    private readonly stats: PushStatsRepository,
    private readonly providers: ProviderRegistry,
    private readonly settings: PushSettingsReader,
    private readonly consumed: ConsumedEventsRepository,
    private readonly deviceUsers: DeviceUsersIndex,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
    metrics: PlatformMetrics,
  ) {
    this.requests = metrics.counter(
      'im_push_offline_requests_total',
      'Offline-push requests of messages, by outcome: suppressed, no-provider, no-device (known ' +
        'without the database), no-target (looked up), duplicate, sent',
      ['outcome'],
    );
  }

  /**
   * A message's notification to the devices of its offline recipients (MSG-28), once per
   * request: nothing when the sender suppressed it, and nothing remembered when no recipient
   * has a device the app can reach (most have none). What is known without the database comes
   * first: an app with no provider credentials reaches no device, and recipients who never
   * registered one (`DeviceUsersIndex`) are not looked up.
   */
  async notifyOfMessage(event: OfflinePushRequestedEvent): Promise<void> {
    if (isPushSuppressed(event.offlinePush) || event.userIds.length === 0)
      return this.requests.inc({ outcome: 'suppressed' });
    const settings = await this.settings.of(event.sdkAppId);
    if (!hasProvider(settings)) return this.requests.inc({ outcome: 'no-provider' });
    const userIds = await this.deviceUsers.mayHaveDevices(event.sdkAppId, event.userIds);
    if (userIds.length === 0) return this.requests.inc({ outcome: 'no-device' });
    const targets = await this.targets(event.sdkAppId, settings, userIds);
    if (targets.length === 0) return this.requests.inc({ outcome: 'no-target' });
    if (!(await this.consumed.markConsumed(event.sdkAppId, OFFLINE_PUSH_CONSUMER, event.eventId)))
      return this.requests.inc({ outcome: 'duplicate' });
    this.requests.inc({ outcome: 'sent' });
    const result = await this.send(event.sdkAppId, targets, messageNotification(event));
    this.logger.info(
      { users: event.userIds.length, sent: result.sent, failed: result.failed },
      'offline push of a message',
    );
  }

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
    const devices = await this.devices.findDevices(sdkAppId, userIds);
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
      await this.devices.deleteTokens(sdkAppId, name, s.dead);
      await this.stats.addOfflineStats(sdkAppId, name, s.sent, s.failed, s.dead.length);
    }
    return { sent, failed };
  }
}

/** The app has credentials of a provider (else no device of it can be reached). */
function hasProvider(settings: AppPushSettings): boolean {
  return Boolean(settings.apns ?? settings.fcm ?? settings.webhook);
}
