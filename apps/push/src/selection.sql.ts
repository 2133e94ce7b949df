import { sql, SQL } from 'drizzle-orm';

import type { Predicate, SelectionPlan } from './push.rules';

/**
 * SQL of a push's selection, read as keyset pages in `user_id` order so that no page needs more
 * than `limit` rows in memory, whatever the size of the app:
 * - everybody: `push_users` from the cursor on;
 * - with AND predicates: the index range of the first one (`(sdk_app_id, tag, user_id)` or
 *   `(sdk_app_id, slot, value, user_id)`) drives, the others and the OR list filter;
 * - only OR predicates: the union of each predicate's next `limit` users, merged in order.
 * Every page answers *candidates* (what the driver produced, to move the cursor) and which of
 * them are targets (existing accounts that match); a short page of candidates is the last.
 */
export function selectionPageQuery(
  sdkAppId: number,
  plan: SelectionPlan,
  cursor: string | null,
  limit: number,
): SQL {
  const after = cursor ?? '';
  if (plan.and.length === 0 && plan.or.length === 0) {
    return sql`SELECT u.user_id, true AS ok FROM push_users u
      WHERE u.sdk_app_id = ${sdkAppId} AND u.user_id > ${after}
      ORDER BY u.user_id LIMIT ${limit}`;
  }
  if (plan.and.length > 0) {
    const [first, ...rest] = plan.and;
    return sql`SELECT d.user_id, true AS ok FROM ${driverTable(first)} d
      WHERE d.sdk_app_id = ${sdkAppId} AND ${driverMatch(first)} AND d.user_id > ${after}
        AND ${filters(sdkAppId, rest, plan.or)}
      ORDER BY d.user_id LIMIT ${limit}`;
  }
  const ranges = plan.or.map(
    (p) => sql`(SELECT d.user_id FROM ${driverTable(p)} d
      WHERE d.sdk_app_id = ${sdkAppId} AND ${driverMatch(p)} AND d.user_id > ${after}
      ORDER BY d.user_id LIMIT ${limit})`,
  );
  return sql`SELECT x.user_id, ${accountExists(sdkAppId)} AS ok
    FROM (${sql.join(ranges, sql` UNION `)}) x
    ORDER BY x.user_id LIMIT ${limit}`;
}

/** How many users the selection targets right now (the report's `Total` when a push starts). */
export function selectionCountQuery(sdkAppId: number, plan: SelectionPlan): SQL {
  if (plan.and.length === 0 && plan.or.length === 0)
    return sql`SELECT count(*)::int AS n FROM push_users WHERE sdk_app_id = ${sdkAppId}`;
  if (plan.and.length > 0) {
    const [first, ...rest] = plan.and;
    return sql`SELECT count(*)::int AS n FROM ${driverTable(first)} d
      WHERE d.sdk_app_id = ${sdkAppId} AND ${driverMatch(first)}
        AND ${filters(sdkAppId, rest, plan.or)}`;
  }
  const sets = plan.or.map(
    (p) => sql`SELECT d.user_id FROM ${driverTable(p)} d
      WHERE d.sdk_app_id = ${sdkAppId} AND ${driverMatch(p)}`,
  );
  return sql`SELECT count(*)::int AS n FROM (${sql.join(sets, sql` UNION `)}) x
    WHERE ${accountExists(sdkAppId)}`;
}

/** `x.user_id` or `d.user_id` is an account of the app (the mirror). */
function accountExists(sdkAppId: number, alias = 'x'): SQL {
  return sql`EXISTS (SELECT 1 FROM push_users u
    WHERE u.sdk_app_id = ${sdkAppId} AND u.user_id = ${sql.raw(alias)}.user_id)`;
}

function filters(sdkAppId: number, and: Predicate[], or: Predicate[]): SQL {
  const parts = [accountExists(sdkAppId, 'd'), ...and.map((p) => has(sdkAppId, p))];
  if (or.length > 0)
    parts.push(
      sql`(${sql.join(
        or.map((p) => has(sdkAppId, p)),
        sql` OR `,
      )})`,
    );
  return sql.join(parts, sql` AND `);
}

/** `d.user_id` has the predicate. */
function has(sdkAppId: number, p: Predicate): SQL {
  return p.kind === 'tag'
    ? sql`EXISTS (SELECT 1 FROM push_user_tags t WHERE t.sdk_app_id = ${sdkAppId}
        AND t.user_id = d.user_id AND t.tag = ${p.tag})`
    : sql`EXISTS (SELECT 1 FROM push_user_attrs a WHERE a.sdk_app_id = ${sdkAppId}
        AND a.user_id = d.user_id AND a.slot = ${p.slot} AND a.value = ${p.value})`;
}

function driverTable(p: Predicate): SQL {
  return p.kind === 'tag' ? sql`push_user_tags` : sql`push_user_attrs`;
}

function driverMatch(p: Predicate): SQL {
  return p.kind === 'tag'
    ? sql`d.tag = ${p.tag}`
    : sql`d.slot = ${p.slot} AND d.value = ${p.value}`;
}
