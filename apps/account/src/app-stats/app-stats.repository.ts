import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { AppStatField } from '@im/contracts';
import { deleteConsumedBefore, markConsumed } from '@im/platform';

import type { AccountDb, AccountExecutor } from '../account.db';
import { ACCOUNT_DB } from '../account.tokens';
import { applyCountsSql } from './app-stats.sql';
import type { CountedEvent } from './app-stats.sql';

/** A session of the online gauge. */
export interface OnlineSessionRow {
  connId: string;
  userId: string;
}

/** The statistics tables of the account service (migrations/0005_create_app_stats.sql). */
@Injectable()
export class AppStatsRepository {
  constructor(@Inject(ACCOUNT_DB) private readonly db: AccountDb) {}

  markConsumed(
    sdkAppId: number,
    consumer: string,
    eventId: string,
    tx: AccountExecutor,
  ): Promise<boolean> {
    return markConsumed(tx, sdkAppId, consumer, eventId);
  }

  /** Applies the counts of events, each once for `consumer`, in one statement. */
  async applyCounts(consumer: string, events: readonly CountedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.execute(applyCountsSql(consumer, events));
  }

  /** Adds to counters of a day (created at 0 when missing). */
  async addCounts(
    sdkAppId: number,
    day: string,
    counts: readonly (readonly [AppStatField, number])[],
    tx: AccountExecutor,
  ): Promise<void> {
    if (counts.length === 0) return;
    const rows = sql.join(
      counts.map(([field, n]) => sql`(${sdkAppId}, ${day}::date, ${field}, ${n})`),
      sql`, `,
    );
    await tx.execute(sql`INSERT INTO app_stats_daily (sdk_app_id, day, field, value)
      VALUES ${rows}
      ON CONFLICT (sdk_app_id, day, field)
      DO UPDATE SET value = app_stats_daily.value + EXCLUDED.value`);
  }

  /** Records members of distinct counts; returns the fields each new member adds one to. */
  async addDistinct(
    sdkAppId: number,
    day: string,
    members: readonly { field: AppStatField; member: string }[],
    tx: AccountExecutor,
  ): Promise<AppStatField[]> {
    if (members.length === 0) return [];
    const rows = sql.join(
      members.map((m) => sql`(${sdkAppId}, ${day}::date, ${m.field}, ${m.member})`),
      sql`, `,
    );
    const result = await tx.execute(sql`INSERT INTO app_stats_distinct
        (sdk_app_id, day, field, member)
      VALUES ${rows}
      ON CONFLICT DO NOTHING
      RETURNING field`);
    return (result.rows as { field: AppStatField }[]).map((r) => r.field);
  }

  /** Keeps the larger of a day's value and `value` (a maximum such as MaxOnlineNum). */
  async raiseMax(
    sdkAppId: number,
    day: string,
    field: AppStatField,
    value: number,
    tx: AccountExecutor = this.db,
  ): Promise<void> {
    await tx.execute(sql`INSERT INTO app_stats_daily (sdk_app_id, day, field, value)
      VALUES (${sdkAppId}, ${day}::date, ${field}, ${value})
      ON CONFLICT (sdk_app_id, day, field)
      DO UPDATE SET value = GREATEST(app_stats_daily.value, EXCLUDED.value)`);
  }

  async openSession(
    sdkAppId: number,
    connId: string,
    userId: string,
    tx: AccountExecutor,
  ): Promise<void> {
    await tx.execute(sql`INSERT INTO app_stats_online (sdk_app_id, conn_id, user_id)
      VALUES (${sdkAppId}, ${connId}, ${userId}) ON CONFLICT DO NOTHING`);
  }

  async closeSessions(
    sdkAppId: number,
    connIds: readonly string[],
    tx: AccountExecutor = this.db,
  ): Promise<void> {
    if (connIds.length === 0) return;
    await tx.execute(sql`DELETE FROM app_stats_online
      WHERE sdk_app_id = ${sdkAppId} AND conn_id IN (${sql.join(
        connIds.map((c) => sql`${c}`),
        sql`, `,
      )})`);
  }

  /** Users with at least one session of the gauge. */
  async countOnlineUsers(sdkAppId: number, tx: AccountExecutor = this.db): Promise<number> {
    const result = await tx.execute(sql`SELECT count(DISTINCT user_id)::int AS n
      FROM app_stats_online WHERE sdk_app_id = ${sdkAppId}`);
    return (result.rows[0] as { n: number }).n;
  }

  /** Apps with sessions in the gauge. */
  async appsOnline(): Promise<number[]> {
    const result = await this.db.execute(
      sql`SELECT DISTINCT sdk_app_id::bigint AS id FROM app_stats_online`,
    );
    return (result.rows as { id: string }[]).map((r) => Number(r.id));
  }

  /** A page of an app's gauge sessions after `afterConnId`, in conn ID order. */
  async onlineSessions(
    sdkAppId: number,
    afterConnId: string,
    limit: number,
  ): Promise<OnlineSessionRow[]> {
    const result = await this.db.execute(sql`SELECT conn_id AS "connId", user_id AS "userId"
      FROM app_stats_online WHERE sdk_app_id = ${sdkAppId} AND conn_id > ${afterConnId}
      ORDER BY conn_id LIMIT ${limit}`);
    return result.rows as unknown as OnlineSessionRow[];
  }

  /** An app's counters from `from` to `to` (`YYYY-MM-DD`, both included). */
  async findCounters(
    sdkAppId: number,
    from: string,
    to: string,
  ): Promise<{ day: string; field: AppStatField; value: number }[]> {
    const result = await this.db.execute(sql`SELECT to_char(day, 'YYYY-MM-DD') AS day, field,
        value::float8 AS value
      FROM app_stats_daily
      WHERE sdk_app_id = ${sdkAppId} AND day BETWEEN ${from}::date AND ${to}::date`);
    return result.rows as { day: string; field: AppStatField; value: number }[];
  }

  /** Accounts of an app created before the UTC day `from`, and on each day since. */
  async countRegistrations(
    sdkAppId: number,
    from: string,
  ): Promise<{ before: number; perDay: Map<string, number> }> {
    const start = sql`(${from}::date::timestamp AT TIME ZONE 'UTC')`;
    const [before, since] = await Promise.all([
      this.db.execute(sql`SELECT count(*)::float8 AS n FROM accounts
        WHERE sdk_app_id = ${sdkAppId} AND created_at < ${start}`),
      this.db.execute(sql`SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
          count(*)::float8 AS n
        FROM accounts WHERE sdk_app_id = ${sdkAppId} AND created_at >= ${start}
        GROUP BY 1`),
    ]);
    const perDay = new Map(
      (since.rows as { day: string; n: number }[]).map((r) => [r.day, r.n] as const),
    );
    return { before: (before.rows[0] as { n: number }).n, perDay };
  }

  /** Forgets distinct-count members of days before `day`, and handled events before `time`. */
  async purge(day: string, time: Date): Promise<void> {
    await this.db.execute(sql`DELETE FROM app_stats_distinct WHERE day < ${day}::date`);
    await deleteConsumedBefore(this.db, time);
  }
}
