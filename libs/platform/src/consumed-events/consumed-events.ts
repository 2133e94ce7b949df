import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { bigint, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What can run a statement and return its rows (a drizzle database or transaction). */
export interface SqlRowsExecutor {
  execute(query: SQL): Promise<{ rows: unknown[]; rowCount?: number | null }>;
}

/** Drizzle view of `consumed_events` (created by the platform's `consumed-events` migrations). */
export const consumedEvents = pgTable(
  'consumed_events',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    consumer: text('consumer').notNull(),
    eventId: uuid('event_id').notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.consumer, t.eventId] })],
);

/**
 * Records that `consumer` handled the event, in the caller's transaction (so the record and
 * the event's effects commit together); false when it already had: the delivery is a
 * redelivery and its effects must not be applied again.
 */
export async function markConsumed(
  tx: SqlRowsExecutor,
  sdkAppId: number,
  consumer: string,
  eventId: string,
): Promise<boolean> {
  const result = await tx.execute(sql`INSERT INTO consumed_events (sdk_app_id, consumer, event_id)
    VALUES (${sdkAppId}, ${consumer}, ${eventId}) ON CONFLICT DO NOTHING RETURNING event_id`);
  return result.rows.length > 0;
}

/** Forgets handled events recorded before `before` (all apps); returns how many went. */
export async function deleteConsumedBefore(db: SqlRowsExecutor, before: Date): Promise<number> {
  const result = await db.execute(
    sql`DELETE FROM consumed_events WHERE consumed_at < ${before.toISOString()}::timestamptz`,
  );
  return result.rowCount ?? 0;
}
