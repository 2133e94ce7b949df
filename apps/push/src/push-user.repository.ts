import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';

import { rowsOf } from './push.db';
import type { PushDb, PushExecutor, Row } from './push.db';
import { PUSH_DB } from './push.tokens';

/**
 * The app's users as push sees them: the account mirror (`push_users`, for "every user"
 * pushes), attribute names and values, and tags. `sdkAppId` is the first parameter of every
 * method.
 */
@Injectable()
export class PushUserRepository {
  constructor(@Inject(PUSH_DB) private readonly db: PushDb) {}

  async upsertUsers(
    sdkAppId: number,
    userIds: string[],
    db: PushExecutor = this.db,
  ): Promise<void> {
    if (userIds.length === 0) return;
    await db.execute(sql`INSERT INTO push_users (sdk_app_id, user_id)
      SELECT ${sdkAppId}, u FROM unnest(${sql.param(userIds)}::text[]) u
      ON CONFLICT DO NOTHING`);
  }

  /** Removes users and everything the service holds about them. */
  async deleteUsers(
    sdkAppId: number,
    userIds: string[],
    db: PushExecutor = this.db,
  ): Promise<void> {
    if (userIds.length === 0) return;
    const ids = sql.param(userIds);
    for (const table of [
      'push_users',
      'push_user_tags',
      'push_user_attrs',
      'push_devices',
      'push_stored',
    ]) {
      await db.execute(sql`DELETE FROM ${sql.identifier(table)}
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${ids}::text[])`);
    }
  }

  async countUsers(sdkAppId: number, userIds: string[]): Promise<Set<string>> {
    const rows = await this.rows(
      sql`SELECT user_id FROM push_users
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(userIds)}::text[])`,
    );
    return new Set(rows.map((r) => String(r.user_id)));
  }

  async findAttrNames(sdkAppId: number, db: PushExecutor = this.db): Promise<Map<number, string>> {
    const rows = await this.rows(
      sql`SELECT slot, name FROM push_attr_names WHERE sdk_app_id = ${sdkAppId} ORDER BY slot`,
      db,
    );
    return new Map(rows.map((r) => [Number(r.slot), String(r.name)]));
  }

  /**
   * Holds the app's attribute names until the transaction ends: concurrent renames of one app
   * then run one after the other (each reads what the previous wrote) instead of racing to
   * insert the same slot.
   */
  async lockAttrNames(sdkAppId: number, db: PushExecutor): Promise<void> {
    await db.execute(
      sql`SELECT pg_advisory_xact_lock(hashtextextended(${`push_attr_names:${sdkAppId}`}, 0))`,
    );
  }

  /** Replaces the names of the given slots (the caller checked that names stay distinct). */
  async replaceAttrNames(
    sdkAppId: number,
    names: Map<number, string>,
    db: PushExecutor = this.db,
  ): Promise<void> {
    const slots = [...names.keys()];
    await db.execute(sql`DELETE FROM push_attr_names
      WHERE sdk_app_id = ${sdkAppId} AND slot = ANY(${sql.param(slots)}::smallint[])`);
    await db.execute(sql`INSERT INTO push_attr_names (sdk_app_id, slot, name)
      SELECT ${sdkAppId}, s, n
      FROM unnest(${sql.param(slots)}::smallint[], ${sql.param([...names.values()])}::text[]) AS x(s, n)`);
  }

  async upsertUserAttrs(
    sdkAppId: number,
    values: { userId: string; slot: number; value: string }[],
    db: PushExecutor = this.db,
  ): Promise<void> {
    if (values.length === 0) return;
    await db.execute(sql`INSERT INTO push_user_attrs (sdk_app_id, user_id, slot, value)
      SELECT ${sdkAppId}, u, s, v FROM unnest(
        ${sql.param(values.map((v) => v.userId))}::text[],
        ${sql.param(values.map((v) => v.slot))}::smallint[],
        ${sql.param(values.map((v) => v.value))}::text[]) AS x(u, s, v)
      ON CONFLICT (sdk_app_id, user_id, slot) DO UPDATE SET value = excluded.value`);
  }

  async deleteUserAttrs(
    sdkAppId: number,
    values: { userId: string; slot: number }[],
    db: PushExecutor = this.db,
  ): Promise<void> {
    if (values.length === 0) return;
    await db.execute(sql`DELETE FROM push_user_attrs a
      USING unnest(${sql.param(values.map((v) => v.userId))}::text[],
                   ${sql.param(values.map((v) => v.slot))}::smallint[]) AS x(u, s)
      WHERE a.sdk_app_id = ${sdkAppId} AND a.user_id = x.u AND a.slot = x.s`);
  }

  async findUserAttrs(
    sdkAppId: number,
    userIds: string[],
  ): Promise<{ userId: string; slot: number; value: string }[]> {
    const rows = await this.rows(sql`SELECT user_id, slot, value FROM push_user_attrs
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(userIds)}::text[])
      ORDER BY user_id, slot`);
    return rows.map((r) => ({
      userId: String(r.user_id),
      slot: Number(r.slot),
      value: String(r.value),
    }));
  }

  async insertUserTags(
    sdkAppId: number,
    pairs: { userId: string; tag: string }[],
    db: PushExecutor = this.db,
  ): Promise<void> {
    if (pairs.length === 0) return;
    await db.execute(sql`INSERT INTO push_user_tags (sdk_app_id, user_id, tag)
      SELECT ${sdkAppId}, u, t FROM unnest(
        ${sql.param(pairs.map((p) => p.userId))}::text[],
        ${sql.param(pairs.map((p) => p.tag))}::text[]) AS x(u, t)
      ON CONFLICT DO NOTHING`);
  }

  /** Users among `userIds` with more than `max` tags. */
  async findUsersOverTagLimit(
    sdkAppId: number,
    userIds: string[],
    max: number,
    db: PushExecutor = this.db,
  ): Promise<string[]> {
    const rows = await this.rows(
      sql`SELECT user_id FROM push_user_tags
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(userIds)}::text[])
        GROUP BY user_id HAVING count(*) > ${max}`,
      db,
    );
    return rows.map((r) => String(r.user_id));
  }

  async deleteUserTags(
    sdkAppId: number,
    pairs: { userId: string; tag: string }[],
    db: PushExecutor = this.db,
  ): Promise<void> {
    if (pairs.length === 0) return;
    await db.execute(sql`DELETE FROM push_user_tags t
      USING unnest(${sql.param(pairs.map((p) => p.userId))}::text[],
                   ${sql.param(pairs.map((p) => p.tag))}::text[]) AS x(u, g)
      WHERE t.sdk_app_id = ${sdkAppId} AND t.user_id = x.u AND t.tag = x.g`);
  }

  async deleteAllUserTags(sdkAppId: number, userIds: string[]): Promise<void> {
    await this.db.execute(sql`DELETE FROM push_user_tags
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(userIds)}::text[])`);
  }

  async findUserTags(sdkAppId: number, userIds: string[]): Promise<Map<string, string[]>> {
    const rows = await this.rows(sql`SELECT user_id, tag FROM push_user_tags
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(userIds)}::text[])
      ORDER BY user_id, created_at, tag`);
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const id = String(r.user_id);
      out.set(id, [...(out.get(id) ?? []), String(r.tag)]);
    }
    return out;
  }

  transaction<T>(work: (tx: PushExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  private rows(query: SQL, db: PushExecutor = this.db): Promise<Row[]> {
    return rowsOf(db, query);
  }
}
