import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { addDays, MaintenanceRepository, utcDay } from './maintenance.repository';
import { MessageArchiveRepository } from './message-archive.repository';
import { ARCHIVE_RETENTION_SECONDS } from './message-archive.rules';
import { DEFAULT_ROAMING_DAYS } from './message-settings.reader';
import { MESSAGE_TUNING } from './message.tokens';
import type { MessageTuning } from './message-tuning.config';

/**
 * Keeps the storage in shape: day partitions of `messages` exist ahead of time; partitions
 * older than the longest roaming window of any app are dropped whole (ADR 0004); notifications
 * past their retention go (AMB-35). Runs at start (before the first message is stored) and
 * then every `maintenanceIntervalMs`.
 */
@Injectable()
export class MaintenanceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly repository: MaintenanceRepository,
    private readonly archives: MessageArchiveRepository,
    @Inject(MESSAGE_TUNING) private readonly tuning: MessageTuning,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.run();
    this.timer = setInterval(() => {
      this.running ??= this.run()
        .catch((err: unknown) =>
          this.logger.warn({ err: (err as Error).message }, 'storage maintenance failed'),
        )
        .finally(() => (this.running = undefined));
    }, this.tuning.maintenanceIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round: partitions for today and the next days, old ones dropped, notifications
   * and expired archive files pruned. */
  async run(now = new Date()): Promise<void> {
    const today = utcDay(now);
    const days = Array.from({ length: this.tuning.partitionsAhead + 1 }, (_, i) =>
      addDays(today, i),
    );
    const keepDays = await this.repository.longestRetentionDays(DEFAULT_ROAMING_DAYS);
    // A day of margin: a partition goes only when every message in it is past every window.
    const dropBefore = keepDays >= 36500 ? undefined : addDays(today, -(keepDays + 1));
    await this.repository.maintainPartitions(days, dropBefore);
    if (keepDays < 36500) {
      const receipts = await this.repository.pruneReceipts(
        Math.floor(now.getTime() / 1000) - (keepDays + 1) * 86400,
      );
      if (receipts > 0) this.logger.info({ receipts }, 'old read receipts removed');
      const extended = await this.repository.pruneExtensions(
        Math.floor(now.getTime() / 1000) - (keepDays + 1) * 86400,
      );
      if (extended > 0) this.logger.info({ extended }, 'old message extensions removed');
    }
    const pruned = await this.repository.pruneNotifications(
      Math.floor(now.getTime() / 1000) - this.tuning.notificationTtlSeconds,
      this.tuning.notificationsPerUser,
    );
    if (pruned > 0) this.logger.info({ pruned }, 'old notifications removed');
    // Archive files of hours past the retention (an hour of margin) go too.
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const files = await this.archives.pruneBefore(nowSeconds - ARCHIVE_RETENTION_SECONDS - 3600);
    if (files > 0) this.logger.info({ files }, 'expired message archive files removed');
  }
}
