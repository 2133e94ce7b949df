import { Inject, Injectable } from '@nestjs/common';

import { AppStatsLimits, ErrorCode, isPrivileged } from '@im/contracts';
import type { AppStatField, AppStatsReply, CallerContext, GetAppStatsRequest } from '@im/contracts';
import { PLATFORM_LOGGER } from '@im/platform';
import type { BatchedEvent, PlatformLogger } from '@im/platform';

import type { AccountDb, AccountTx } from '../account.db';
import { AccountError } from '../account.errors';
import { ACCOUNT_DB } from '../account.tokens';
import { AppRepository } from '../app.repository';
import { AppStatsRepository } from './app-stats.repository';
import { assembleDays, lastDays, statsDelta } from './app-stats.rules';
import type { StatsDelta, StatsEventSubject, StoredCounters } from './app-stats.rules';
import type { CountedEvent } from './app-stats.sql';
import { GroupCountClient } from './group-count.client';

/**
 * Per-app, per-day statistics: counted from the platform's events, each applied exactly once
 * per consumer (the event's record in `consumed_events` commits with its counts), and read
 * back as the last days of an app (openconfigsvr/getappinfo and the console share
 * `account.rpc.get-app-stats`).
 */
@Injectable()
export class AppStatsService {
  constructor(
    private readonly stats: AppStatsRepository,
    private readonly apps: AppRepository,
    private readonly groups: GroupCountClient,
    @Inject(ACCOUNT_DB) private readonly db: AccountDb,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /**
   * Applies events to their apps' days, each once per `consumer`: the session events one by
   * one (they move the online gauge, in a transaction each), all others in one statement.
   */
  async recordBatch(consumer: string, events: readonly BatchedEvent<StatsEventSubject>[]) {
    const counted = new Map<string, CountedEvent>();
    for (const { subject, event } of events) {
      const delta = statsDelta(subject, event);
      if (!delta) continue;
      if (delta.online) {
        await this.recordSession(consumer, event.sdkAppId, event.eventId, delta, delta.online);
        continue;
      }
      counted.set(`${event.sdkAppId}|${event.eventId}`, {
        sdkAppId: event.sdkAppId,
        eventId: event.eventId,
        day: delta.day,
        counts: positiveCounts(delta),
        members: delta.distinct,
      });
    }
    await this.stats.applyCounts(consumer, [...counted.values()]);
  }

  private async recordSession(
    consumer: string,
    sdkAppId: number,
    eventId: string,
    delta: StatsDelta,
    session: NonNullable<StatsDelta['online']>,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await this.stats.markConsumed(sdkAppId, consumer, eventId, tx))) return;
      await this.applySession(sdkAppId, delta, session, tx);
    });
  }

  private async applySession(
    sdkAppId: number,
    delta: StatsDelta,
    session: NonNullable<StatsDelta['online']>,
    tx: AccountTx,
  ): Promise<void> {
    const counts = positiveCounts(delta);
    const firsts = await this.stats.addDistinct(sdkAppId, delta.day, delta.distinct, tx);
    for (const field of firsts) counts.push([field, 1]);
    await this.stats.addCounts(sdkAppId, delta.day, counts, tx);
    if (!session.opened) {
      await this.stats.closeSessions(sdkAppId, [session.connId], tx);
      return;
    }
    await this.stats.openSession(sdkAppId, session.connId, session.userId, tx);
    const online = await this.stats.countOnlineUsers(sdkAppId, tx);
    await this.stats.raiseMax(sdkAppId, delta.day, 'MaxOnlineNum', online, tx);
  }

  /** The caller's app's last days (30 unless asked for fewer), oldest first. */
  async getStats(caller: CallerContext, req: GetAppStatsRequest): Promise<AppStatsReply> {
    if (!isPrivileged(caller)) throw AccountError.adminRequired();
    const { sdkAppId } = caller;
    const app = await this.apps.findApp(sdkAppId);
    if (!app) throw AccountError.appNotFound(sdkAppId);
    const days = lastDays(new Date(), req.days ?? AppStatsLimits.maxDays);
    try {
      const [rows, registrations, groupsNow] = await Promise.all([
        this.stats.findCounters(sdkAppId, days[0], days[days.length - 1]),
        this.stats.countRegistrations(sdkAppId, days[0]),
        this.groups.countGroups(sdkAppId),
      ]);
      const stored: StoredCounters = new Map();
      for (const row of rows)
        stored.set(row.day, { ...stored.get(row.day), [row.field]: row.value });
      const result = assembleDays(days, stored, {
        registeredPerDay: registrations.perDay,
        registeredBefore: registrations.before,
        groupsNow,
      });
      return { sdkAppId, appName: app.name, days: result };
    } catch (err) {
      // The statistics backend (its tables, the group count) failed: 130011 (error-codes §9).
      this.logger.error({ err, sdkAppId }, 'statistics query failed');
      throw new AccountError(ErrorCode.StatsSqlQueryFailed, 'statistics could not be read');
    }
  }
}

function positiveCounts(delta: StatsDelta): [AppStatField, number][] {
  return (Object.entries(delta.counts) as [AppStatField, number][]).filter(([, n]) => n > 0);
}
