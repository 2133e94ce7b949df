import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { Recommendation } from '@im/contracts';

import { rowsOf } from './relation.db';
import type { RelationDb, RelationExecutor } from './relation.db';
import { RELATION_DB } from './relation.tokens';

/** The only SQL on `recommendations`; every method is scoped by `sdkAppId`. */
@Injectable()
export class RecommendationsRepository {
  constructor(@Inject(RELATION_DB) private readonly db: RelationDb) {}

  async findAll(
    sdkAppId: number,
    userId: string,
    db: RelationExecutor = this.db,
  ): Promise<Recommendation[]> {
    return rowsOf<Recommendation>(
      db,
      sql`SELECT recommended_id AS "userId", note,
          floor(extract(epoch FROM created_at))::float8 AS "addedAt"
        FROM recommendations WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}
        ORDER BY created_at, recommended_id`,
    );
  }

  /** Adds entries or replaces their notes. */
  async upsert(
    sdkAppId: number,
    userId: string,
    items: { userId: string; note: string }[],
    tx: RelationExecutor,
  ): Promise<void> {
    for (const item of items) {
      await tx.execute(sql`INSERT INTO recommendations (sdk_app_id, user_id, recommended_id, note)
        VALUES (${sdkAppId}, ${userId}, ${item.userId}, ${item.note})
        ON CONFLICT (sdk_app_id, user_id, recommended_id) DO UPDATE SET note = excluded.note`);
    }
  }

  async delete(
    sdkAppId: number,
    userId: string,
    recommendedIds: string[],
    tx: RelationExecutor,
  ): Promise<string[]> {
    if (recommendedIds.length === 0) return [];
    const rows = await rowsOf<{ id: string }>(
      tx,
      sql`DELETE FROM recommendations WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}
        AND recommended_id = ANY(${sql.param(recommendedIds)}::text[])
        RETURNING recommended_id AS id`,
    );
    return rows.map((r) => r.id);
  }

  /** Deletes the buffers of these users and the entries naming them (account deletion). */
  async deleteTouching(
    sdkAppId: number,
    userIds: string[],
    tx: RelationExecutor,
  ): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await rowsOf<{ userId: string }>(
      tx,
      sql`DELETE FROM recommendations WHERE sdk_app_id = ${sdkAppId}
        AND (user_id = ANY(${sql.param(userIds)}::text[])
          OR recommended_id = ANY(${sql.param(userIds)}::text[]))
        RETURNING user_id AS "userId"`,
    );
    return [...new Set(rows.map((r) => r.userId))];
  }
}
