import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';

import type { AppStatField } from '@im/contracts';

/** What one event adds, ready to be written. */
export interface CountedEvent {
  sdkAppId: number;
  eventId: string;
  /** `YYYY-MM-DD`. */
  day: string;
  counts: readonly (readonly [AppStatField, number])[];
  members: readonly { field: AppStatField; member: string }[];
}

/**
 * One statement applying the counts of many events, each once for `consumer`: records the
 * events in `consumed_events`; for those it recorded (new ones), records the members of
 * distinct counts and adds to the days' counters their counts plus one per member not yet
 * counted that day. A single statement is atomic: counts and records commit together. The
 * rows travel as a dozen array parameters (`unnest`), whatever the number of events: building
 * a statement with a parameter per value took the query builder ~0.5 s for 200 events. The
 * events must have distinct IDs.
 */
export function applyCountsSql(consumer: string, events: readonly CountedEvent[]): SQL {
  const counts = events.flatMap((e) => e.counts.map(([field, n]) => ({ e, field, n })));
  const members = events.flatMap((e) => e.members.map((m) => ({ e, ...m })));
  const array = (values: unknown[]) => sql.param(values);
  return sql`WITH consumed AS (
      INSERT INTO consumed_events (sdk_app_id, consumer, event_id)
      SELECT sdk_app_id, ${consumer}, event_id
      FROM unnest(${array(events.map((e) => e.sdkAppId))}::bigint[],
        ${array(events.map((e) => e.eventId))}::uuid[]) AS v(sdk_app_id, event_id)
      ON CONFLICT DO NOTHING RETURNING sdk_app_id, event_id),
    counts AS (
      SELECT * FROM unnest(${array(counts.map((c) => c.e.sdkAppId))}::bigint[],
        ${array(counts.map((c) => c.e.eventId))}::uuid[],
        ${array(counts.map((c) => c.e.day))}::date[],
        ${array(counts.map((c) => c.field))}::text[],
        ${array(counts.map((c) => c.n))}::bigint[]) AS k(sdk_app_id, event_id, day, field, n)),
    members AS (
      SELECT * FROM unnest(${array(members.map((m) => m.e.sdkAppId))}::bigint[],
        ${array(members.map((m) => m.e.eventId))}::uuid[],
        ${array(members.map((m) => m.e.day))}::date[],
        ${array(members.map((m) => m.field))}::text[],
        ${array(members.map((m) => m.member))}::text[]) AS m(sdk_app_id, event_id, day, field, member)),
    firsts AS (
      INSERT INTO app_stats_distinct (sdk_app_id, day, field, member)
      SELECT m.sdk_app_id, m.day, m.field, m.member
      FROM members m JOIN consumed c USING (sdk_app_id, event_id)
      ON CONFLICT DO NOTHING RETURNING sdk_app_id, day, field),
    added AS (
      SELECT sdk_app_id, day, field, sum(n)::bigint AS n FROM (
        SELECT k.sdk_app_id, k.day, k.field, k.n
        FROM counts k JOIN consumed c USING (sdk_app_id, event_id)
        UNION ALL
        SELECT sdk_app_id, day, field, 1::bigint FROM firsts) AS x
      GROUP BY sdk_app_id, day, field)
    INSERT INTO app_stats_daily (sdk_app_id, day, field, value)
    SELECT sdk_app_id, day, field, n FROM added
    ON CONFLICT (sdk_app_id, day, field)
    DO UPDATE SET value = app_stats_daily.value + EXCLUDED.value`;
}
