import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import { rowsOf } from './relation.db';
import type { RelationDb, RelationExecutor } from './relation.db';
import { RELATION_DB } from './relation.tokens';

export interface FriendListRow {
  name: string;
  listId: number;
}

/** The only SQL on `friend_lists`; every method is scoped by `sdkAppId`. */
@Injectable()
export class FriendListsRepository {
  constructor(@Inject(RELATION_DB) private readonly db: RelationDb) {}

  /** `userId`'s lists in the order they were created. */
  async findLists(
    sdkAppId: number,
    userId: string,
    db: RelationExecutor = this.db,
  ): Promise<FriendListRow[]> {
    return rowsOf<FriendListRow>(
      db,
      sql`SELECT name, list_id AS "listId" FROM friend_lists WHERE sdk_app_id = ${sdkAppId}
        AND user_id = ${userId} ORDER BY created_at, list_id`,
    );
  }

  async insert(
    sdkAppId: number,
    userId: string,
    lists: FriendListRow[],
    tx: RelationExecutor,
  ): Promise<void> {
    for (const l of lists) {
      await tx.execute(sql`INSERT INTO friend_lists (sdk_app_id, user_id, name, list_id)
        VALUES (${sdkAppId}, ${userId}, ${l.name}, ${l.listId})`);
    }
  }

  async delete(
    sdkAppId: number,
    userId: string,
    names: string[],
    tx: RelationExecutor,
  ): Promise<string[]> {
    if (names.length === 0) return [];
    const rows = await rowsOf<{ name: string }>(
      tx,
      sql`DELETE FROM friend_lists WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}
        AND name = ANY(${sql.param(names)}::text[]) RETURNING name`,
    );
    return rows.map((r) => r.name);
  }

  /** Deletes every list of these users (account deletion). */
  async deleteOwnedBy(sdkAppId: number, userIds: string[], tx: RelationExecutor): Promise<void> {
    if (userIds.length === 0) return;
    await tx.execute(sql`DELETE FROM friend_lists WHERE sdk_app_id = ${sdkAppId}
      AND user_id = ANY(${sql.param(userIds)}::text[])`);
  }
}
