import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { MessageDb } from './message.db';
import { MESSAGE_DB } from './message.tokens';

/** Lock key of partition maintenance (one instance at a time). */
const PARTITION_LOCK = 0x4d534750;

/** Partitions of `messages`, app retention, and pruning of notifications. */
@Injectable()
export class MaintenanceRepository {
  constructor(@Inject(MESSAGE_DB) private readonly db: MessageDb) {}

  async recordRetention(sdkAppId: number, roamingDays: number): Promise<void> {
    await this.db.execute(sql`
      INSERT INTO app_retention (sdk_app_id, roaming_days) VALUES (${sdkAppId}, ${roamingDays})
      ON CONFLICT (sdk_app_id) DO UPDATE
        SET roaming_days = GREATEST(app_retention.roaming_days, excluded.roaming_days),
          updated_at = now()`);
  }

  /** The longest roaming window of any app seen (at least `atLeast`). */
  async longestRetentionDays(atLeast: number): Promise<number> {
    const { rows } = await this.db.execute<{ days: number | null }>(
      sql`SELECT max(roaming_days) AS days FROM app_retention`,
    );
    return Math.max(atLeast, rows[0]?.days ?? 0);
  }

  /** The days (YYYY-MM-DD) of the existing day partitions. */
  async partitionDays(): Promise<string[]> {
    const { rows } = await this.db.execute<{ name: string }>(sql`
      SELECT c.relname AS name FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = 'messages' AND c.relname ~ '^messages_p[0-9]{8}$'
      ORDER BY c.relname`);
    return rows.map((r) => {
      const d = r.name.slice('messages_p'.length);
      return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
    });
  }

  /**
   * Creates the day partitions missing among `days` and drops those before `dropBefore`,
   * under an advisory lock so instances do not race.
   */
  async maintainPartitions(days: string[], dropBefore: string | undefined): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${PARTITION_LOCK})`);
      const { rows } = await tx.execute<{ name: string }>(sql`
        SELECT c.relname AS name FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'messages' AND c.relname ~ '^messages_p[0-9]{8}$'`);
      const existing = new Set(rows.map((r) => r.name));
      for (const day of days) {
        const name = partitionName(day);
        if (existing.has(name)) continue;
        const next = addDays(day, 1);
        await tx.execute(
          sql.raw(
            `CREATE TABLE ${name} PARTITION OF messages FOR VALUES FROM ('${day}') TO ('${next}')`,
          ),
        );
      }
      if (dropBefore === undefined) return;
      for (const name of existing) {
        const day = name.slice('messages_p'.length);
        if (day < dropBefore.replaceAll('-', '')) await tx.execute(sql.raw(`DROP TABLE ${name}`));
      }
    });
  }

  /** Notifications older than `before` (UNIX seconds), and beyond the newest `keep` per user. */
  async pruneNotifications(before: number, keep: number): Promise<number> {
    const old = await this.db.execute(sql`DELETE FROM notifications WHERE created_at < ${before}`);
    const extra = await this.db.execute(sql`
      DELETE FROM notifications n USING (
        SELECT sdk_app_id, user_id, id FROM (
          SELECT sdk_app_id, user_id, id,
            row_number() OVER (PARTITION BY sdk_app_id, user_id ORDER BY id DESC) AS rank
          FROM notifications) ranked
        WHERE rank > ${keep}) gone
      WHERE n.sdk_app_id = gone.sdk_app_id AND n.user_id = gone.user_id AND n.id = gone.id`);
    return (old.rowCount ?? 0) + (extra.rowCount ?? 0);
  }
  /** Read receipts given before `before` (UNIX seconds): their messages left every window. */
  async pruneReceipts(before: number): Promise<number> {
    const result = await this.db.execute(
      sql`DELETE FROM message_receipts WHERE read_at < ${before}`,
    );
    return result.rowCount ?? 0;
  }

  /** Extensions of messages last changed before `before` (UNIX seconds): gone with them. */
  async pruneExtensions(before: number): Promise<number> {
    await this.db.execute(sql`
      DELETE FROM message_extensions e USING message_extension_heads h
      WHERE e.sdk_app_id = h.sdk_app_id AND e.conv_id = h.conv_id AND e.seq = h.seq
        AND h.changed_at < ${before}`);
    const heads = await this.db.execute(
      sql`DELETE FROM message_extension_heads WHERE changed_at < ${before}`,
    );
    return heads.rowCount ?? 0;
  }
}

/** `messages_pYYYYMMDD` of a day `YYYY-MM-DD`. */
export function partitionName(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  return `messages_p${day.replaceAll('-', '')}`;
}

/** `YYYY-MM-DD` plus `n` days (UTC). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Today in UTC as `YYYY-MM-DD`. */
export function utcDay(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
