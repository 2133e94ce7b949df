import { Inject, Injectable } from '@nestjs/common';

import type { C2cFriendCheck, MessageSettings, SensitiveWordAction } from '@im/contracts';
import { MessageLimits } from '@im/contracts';
import { AppCredentialsCache, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { MaintenanceRepository } from './maintenance.repository';
import { MESSAGE_SETTINGS_CACHE } from './message.tokens';

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
 * Per-app settings (`AppSettings.message`) from the account service's registry, through the
 * platform's AppCredentialsCache (dropped on `account.evt.app-changed`). Records each app's
 * roaming window, which decides when old partitions may go.
 */
@Injectable()
export class MessageSettingsReader {
  private readonly resolved = new WeakMap<object, ResolvedMessageSettings>();
  private readonly recorded = new Map<number, number>();

  constructor(
    @Inject(MESSAGE_SETTINGS_CACHE) private readonly cache: AppCredentialsCache,
    private readonly maintenance: MaintenanceRepository,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async settingsOf(sdkAppId: number): Promise<ResolvedMessageSettings> {
    const app = await this.cache.get(sdkAppId);
    const raw = app?.settings?.message ?? {};
    let settings = this.resolved.get(raw);
    if (!settings) {
      settings = resolveMessageSettings(raw);
      this.resolved.set(raw, settings);
    }
    if (app && this.recorded.get(sdkAppId) === undefined)
      this.noteRetention(sdkAppId, settings.roamingDays);
    return settings;
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
}
