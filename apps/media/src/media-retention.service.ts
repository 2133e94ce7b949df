import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { mediaUuidsOf } from '@im/contracts';
import type { ChatMessage } from '@im/contracts';
import { AppRegistryCache, PLATFORM_CONFIG, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { MediaConfig } from './media.config';
import { MediaRepository } from './media.repository';
import type { ClaimedObject } from './media.repository';
import { mediaRetentionDays } from './media-retention.rules';
import { storageKey } from './media.service';
import { MEDIA_STORAGE } from './media.tokens';
import type { MediaStorage } from './storage/media.store';

/** Rows claimed per statement; a pass claims again until fewer come back. */
const SWEEP_BATCH = 200;
const DAY_MS = 86_400_000;

export interface SweepResult {
  unattached: number;
  pastRoaming: number;
  /** Uploads whose objects the store did not delete (retried after the claim expires). */
  failed: number;
}

/**
 * Retention of media (issue 14): an upload is attached when a stored message names it
 * (`message.evt.sent`, consumed durably by `MessageEventsConsumer`); a periodic sweep deletes
 * uploads no message named within `MEDIA_UNATTACHED_TTL_SECONDS` (24 h) and uploads whose latest
 * message is past the app's roaming window — the objects from the store first, then the row,
 * whose bytes go back to the app's quota. Several instances share the work (rows are claimed).
 */
@Injectable()
export class MediaRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: MediaConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly repository: MediaRepository,
    private readonly apps: AppRegistryCache,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.runOnce(), this.config.retention.sweepIntervalMs);
    this.timer.unref();
    this.runOnce();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** A stored message: the uploads it names are kept for its roaming window from its time. */
  async messageStored(sdkAppId: number, message: ChatMessage): Promise<void> {
    const uuids = mediaUuidsOf(message.body);
    if (!uuids.length) return;
    const attached = await this.repository.markAttached(
      sdkAppId,
      uuids,
      new Date(message.time * 1000),
    );
    if (attached) this.logger.debug({ sdkAppId, count: attached }, 'media attached');
  }

  /** One sweep now, unless one is still running. */
  private runOnce(): void {
    if (this.running) return;
    this.running = this.sweep()
      .catch((err: unknown) =>
        this.logger.warn({ err: (err as Error).message }, 'media sweep failed'),
      )
      .finally(() => (this.running = undefined));
  }

  /** Deletes what retention no longer keeps at `now`. */
  async sweep(now = new Date()): Promise<SweepResult> {
    const result: SweepResult = { unattached: 0, pastRoaming: 0, failed: 0 };
    const madeBefore = new Date(now.getTime() - this.config.retention.unattachedTtlSeconds * 1000);
    for (;;) {
      const claimed = await this.repository.claimUnattached(madeBefore, SWEEP_BATCH);
      const { deleted, failed } = await this.remove(claimed);
      result.unattached += deleted;
      result.failed += failed;
      if (claimed.length < SWEEP_BATCH) break;
    }
    for (const sdkAppId of await this.repository.appsWithAttached()) {
      const app = await this.apps.get(sdkAppId).catch(() => undefined);
      // an app the registry does not answer for now is swept next time, by its own window
      if (!app) continue;
      const before = new Date(now.getTime() - mediaRetentionDays(app.settings) * DAY_MS);
      for (;;) {
        const claimed = await this.repository.claimAttachedBefore(sdkAppId, before, SWEEP_BATCH);
        const { deleted, failed } = await this.remove(claimed);
        result.pastRoaming += deleted;
        result.failed += failed;
        if (claimed.length < SWEEP_BATCH) break;
      }
    }
    if (result.unattached || result.pastRoaming || result.failed)
      this.logger.info({ ...result }, 'media swept');
    return result;
  }

  private async remove(claimed: ClaimedObject[]): Promise<{ deleted: number; failed: number }> {
    let deleted = 0;
    let failed = 0;
    for (const object of claimed) {
      try {
        await Promise.all(
          object.renditions.map((r) =>
            this.storage.delete(storageKey(object.sdkAppId, object.uuid, r.rendition)),
          ),
        );
      } catch (err) {
        failed++;
        this.logger.warn(
          { sdkAppId: object.sdkAppId, uuid: object.uuid, err: (err as Error).message },
          'media store did not delete; retried later',
        );
        continue;
      }
      if (await this.repository.deleteObject(object.sdkAppId, object.uuid)) deleted++;
    }
    return { deleted, failed };
  }
}
