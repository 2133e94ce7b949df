import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';

import {
  PeriodicTask,
  PLATFORM_CONFIG,
  PLATFORM_LOGGER,
  PresenceReader,
  REDIS,
} from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { AccountConfig } from '../account.config';
import { AppStatsRepository } from './app-stats.repository';
import { utcDay } from './app-stats.rules';

const PAGE = 500;
/** Distinct-count members are needed for today only; a day's margin. */
const DISTINCT_KEPT_DAYS = 2;
/** Redeliveries come within minutes (8 attempts, at most 60 s apart); a day is plenty. */
const CONSUMED_KEPT_MS = 86_400_000;

/**
 * Samples the online gauge every `ACCOUNT_STATS_SAMPLE_INTERVAL_MS`: drops the sessions presence
 * no longer knows (a gateway that died without reporting its closes), then raises today's
 * MaxOnlineNum of each app to its users online, so a day on which nobody logs in still gets
 * the users who stayed online through midnight. Also forgets what only old days needed. One
 * instance per period (Redis lock).
 */
@Injectable()
export class OnlineSampleTask implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: PeriodicTask<number>;

  constructor(
    private readonly stats: AppStatsRepository,
    private readonly presence: PresenceReader,
    @Inject(PLATFORM_CONFIG) config: AccountConfig,
    @Inject(REDIS) redis: Redis,
    @Inject(PLATFORM_LOGGER) logger: PlatformLogger,
  ) {
    this.task = new PeriodicTask(
      {
        name: 'online sample',
        everyMs: config.stats.sampleIntervalMs,
        logger,
        lock: { redis, key: 'account:stats:online-sample:lock' },
      },
      (now) => this.sample(now),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** One sample of every app with sessions; returns the sessions dropped. */
  async sample(now = Date.now()): Promise<number> {
    const today = utcDay(new Date(now));
    let dropped = 0;
    for (const sdkAppId of await this.stats.appsOnline()) {
      dropped += await this.prune(sdkAppId, now);
      const online = await this.stats.countOnlineUsers(sdkAppId);
      await this.stats.raiseMax(sdkAppId, today, 'MaxOnlineNum', online);
    }
    await this.stats.purge(
      utcDay(new Date(now - DISTINCT_KEPT_DAYS * 86_400_000)),
      new Date(now - CONSUMED_KEPT_MS),
    );
    return dropped;
  }

  private async prune(sdkAppId: number, now: number): Promise<number> {
    let dropped = 0;
    let after = '';
    for (;;) {
      const page = await this.stats.onlineSessions(sdkAppId, after, PAGE);
      if (page.length === 0) return dropped;
      after = page[page.length - 1].connId;
      const users = [...new Set(page.map((s) => s.userId))];
      const live = await this.presence.live(sdkAppId, users, now);
      const liveConns = new Set(live.flat().map((s) => s.connId));
      const dead = page.filter((s) => !liveConns.has(s.connId)).map((s) => s.connId);
      await this.stats.closeSessions(sdkAppId, dead);
      dropped += dead.length;
    }
  }
}
