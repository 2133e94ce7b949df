import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import { rowsOf } from './relation.db';
import type { RelationDb, RelationExecutor } from './relation.db';
import { RELATION_DB } from './relation.tokens';

export interface BlacklistRow {
  blockedId: string;
  /** Epoch seconds. */
  addedAt: number;
}

/** The only SQL on `blacklist`; every method is scoped by `sdkAppId`. */
@Injectable()
export class BlacklistRepository {
  constructor(@Inject(RELATION_DB) private readonly db: RelationDb) {}

  /** Which of `userIds` are in `userId`'s blacklist. */
  async findBlocked(
    sdkAppId: number,
    userId: string,
    userIds: string[],
    db: RelationExecutor = this.db,
  ): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await rowsOf<{ blockedId: string }>(
      db,
      sql`SELECT blocked_id AS "blockedId" FROM blacklist WHERE sdk_app_id = ${sdkAppId}
        AND user_id = ${userId} AND blocked_id = ANY(${sql.param(userIds)}::text[])`,
    );
    return new Set(rows.map((r) => r.blockedId));
  }

  /** Which of `userIds` have `blockedId` in their blacklist. */
  async findBlockers(
    sdkAppId: number,
    blockedId: string,
    userIds: string[],
    db: RelationExecutor = this.db,
  ): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await rowsOf<{ userId: string }>(
      db,
      sql`SELECT user_id AS "userId" FROM blacklist WHERE sdk_app_id = ${sdkAppId}
        AND blocked_id = ${blockedId} AND user_id = ANY(${sql.param(userIds)}::text[])`,
    );
    return new Set(rows.map((r) => r.userId));
  }

  async findAllBlocked(
    sdkAppId: number,
    userId: string,
    db: RelationExecutor = this.db,
  ): Promise<string[]> {
    const rows = await rowsOf<{ blockedId: string }>(
      db,
      sql`SELECT blocked_id AS "blockedId" FROM blacklist
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}`,
    );
    return rows.map((r) => r.blockedId);
  }

  async count(sdkAppId: number, userId: string, db: RelationExecutor = this.db): Promise<number> {
    const [row] = await rowsOf<{ count: number }>(
      db,
      sql`SELECT count(*)::int AS count FROM blacklist
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}`,
    );
    return row.count;
  }

  async findPage(
    sdkAppId: number,
    userId: string,
    offset: number,
    limit: number,
  ): Promise<BlacklistRow[]> {
    return rowsOf<BlacklistRow>(
      this.db,
      sql`SELECT blocked_id AS "blockedId", floor(extract(epoch FROM created_at))::float8 AS "addedAt"
        FROM blacklist WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}
        ORDER BY created_at, blocked_id OFFSET ${offset} LIMIT ${limit}`,
    );
  }

  async insert(
    sdkAppId: number,
    userId: string,
    blockedIds: string[],
    tx: RelationExecutor,
  ): Promise<void> {
    for (const blockedId of blockedIds) {
      await tx.execute(sql`INSERT INTO blacklist (sdk_app_id, user_id, blocked_id)
        VALUES (${sdkAppId}, ${userId}, ${blockedId}) ON CONFLICT DO NOTHING`);
    }
  }

  /** Removes entries of `userId`; returns those that existed. */
  async delete(
    sdkAppId: number,
    userId: string,
    blockedIds: string[],
    tx: RelationExecutor,
  ): Promise<string[]> {
    if (blockedIds.length === 0) return [];
    const rows = await rowsOf<{ blockedId: string }>(
      tx,
      sql`DELETE FROM blacklist WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}
        AND blocked_id = ANY(${sql.param(blockedIds)}::text[]) RETURNING blocked_id AS "blockedId"`,
    );
    return rows.map((r) => r.blockedId);
  }

  /** Removes every entry owned by or naming one of `userIds` (account deletion). */
  async deleteTouching(
    sdkAppId: number,
    userIds: string[],
    tx: RelationExecutor,
  ): Promise<{ userId: string; blockedId: string }[]> {
    if (userIds.length === 0) return [];
    return rowsOf<{ userId: string; blockedId: string }>(
      tx,
      sql`DELETE FROM blacklist WHERE sdk_app_id = ${sdkAppId}
        AND (user_id = ANY(${sql.param(userIds)}::text[])
          OR blocked_id = ANY(${sql.param(userIds)}::text[]))
        RETURNING user_id AS "userId", blocked_id AS "blockedId"`,
    );
  }
}
