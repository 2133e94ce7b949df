import { Inject, Injectable } from '@nestjs/common';

import type {
  AppCredentialsReply,
  C2cFriendCheck,
  MessageSettings,
  SensitiveWordAction,
} from '@im/contracts';
import { MessageLimits } from '@im/contracts';
import { AppRegistryCache, AppSettingsView, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { MaintenanceRepository } from './maintenance.repository';

/** An app's message settings with defaults applied. */
export interface ResolvedMessageSettings {
  roamingDays: number;
  /** The app chose its roaming window (it then applies to groups that roam, too). */
  roamingDaysSet: boolean;
  sensitiveWordAction: SensitiveWordAction;
  c2cBlacklistCheck: boolean;
  c2cFriendCheck: C2cFriendCheck;
  recallWindowSeconds: number;
}

export const DEFAULT_ROAMING_DAYS = 7;

export function resolveMessageSettings(s: MessageSettings = {}): ResolvedMessageSettings {
  return {
    roamingDays: s.roamingDays ?? DEFAULT_ROAMING_DAYS,
    roamingDaysSet: s.roamingDays !== undefined,
    sensitiveWordAction: s.sensitiveWordAction ?? 'reject',
    c2cBlacklistCheck: s.c2cBlacklistCheck ?? true,
    c2cFriendCheck: s.c2cFriendCheck ?? 'none',
    recallWindowSeconds: s.recallWindowSeconds ?? MessageLimits.recallWindowSeconds,
  };
}

/**
 * Per-app settings (`AppSettings.message`) from the account service's registry (dropped on
 * `account.evt.app-changed`), and the retention record they imply: each app's roaming window
 * decides when old partitions may go, so it is recorded the first time this instance fetches
 * the app from the registry (whichever read brought it).
 */
@Injectable()
export class MessageSettingsReader {
  private readonly settings: AppSettingsView<ResolvedMessageSettings>;
  private readonly recorded = new Map<number, number>();

  constructor(
    registry: AppRegistryCache,
    private readonly maintenance: MaintenanceRepository,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {
    this.settings = new AppSettingsView(registry, (app) =>
      resolveMessageSettings(app?.settings?.message),
    );
    registry.onLoaded((app) => this.recordFirstRetention(app));
  }

  /** The app's message settings, defaults filled in (an unknown app gets the defaults). */
  settingsOf(sdkAppId: number): Promise<ResolvedMessageSettings> {
    return this.settings.of(sdkAppId);
  }

  /**
   * Remembers that messages of an app are kept `days` (the app's window, or a longer one of a
   * custom group type): partitions are dropped only past the longest.
   */
  noteRetention(sdkAppId: number, days: number): void {
    if ((this.recorded.get(sdkAppId) ?? 0) >= days) return;
    this.recorded.set(sdkAppId, days);
    this.maintenance.recordRetention(sdkAppId, days).catch((err: unknown) => {
      this.recorded.delete(sdkAppId);
      this.logger.warn({ err: (err as Error).message, sdkAppId }, 'retention not recorded');
    });
  }

  /** Records the roaming window of an app this instance has not recorded yet. */
  private recordFirstRetention(app: AppCredentialsReply): void {
    if (this.recorded.get(app.sdkAppId) !== undefined) return;
    this.noteRetention(app.sdkAppId, resolveMessageSettings(app.settings?.message).roamingDays);
  }
}
