import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';

import { rowsOf } from './relation.db';
import type { RelationDb, RelationExecutor } from './relation.db';
import { RELATION_DB } from './relation.tokens';

/** One direction of a friendship with its fields (REL-5, REL-10). */
export interface FriendRow {
  userId: string;
  friendId: string;
  remark: string;
  remarkTime: number;
  groups: string[];
  addSource: string;
  addWording: string;
  addTime: number;
  custom: Record<string, string>;
}

export type NewFriend = FriendRow;

export interface FriendPatch {
  remark?: string;
  remarkTime?: number;
  groups?: string[];
  /** Custom fields to set (merged into the stored ones). */
  custom?: Record<string, string>;
}

/** The sequence the owner's row gets at the end of this transaction (the owner is locked). */
const nextSequence = (sdkAppId: number, owner: SQL) =>
  sql`COALESCE((SELECT r.sequence + 1 FROM relation_users r
    WHERE r.sdk_app_id = ${sdkAppId} AND r.user_id = ${owner}), 1)`;

const FRIEND_COLUMNS = sql`user_id AS "userId", friend_id AS "friendId", remark,
  remark_time::float8 AS "remarkTime", groups, add_source AS "addSource",
  add_wording AS "addWording", add_time::float8 AS "addTime", custom`;

/** The only SQL on `friends`; every method is scoped by `sdkAppId`. */
@Injectable()
export class FriendsRepository {
  constructor(@Inject(RELATION_DB) private readonly db: RelationDb) {}

  /** `userId`'s rows of these friends. */
  async findFriends(
    sdkAppId: number,
    userId: string,
    friendIds: string[],
    db: RelationExecutor = this.db,
  ): Promise<Map<string, FriendRow>> {
    if (friendIds.length === 0) return new Map();
    const rows = await rowsOf<FriendRow>(
      db,
      sql`SELECT ${FRIEND_COLUMNS} FROM friends WHERE sdk_app_id = ${sdkAppId}
        AND user_id = ${userId} AND friend_id = ANY(${sql.param(friendIds)}::text[])`,
    );
    return new Map(rows.map((r) => [r.friendId, r]));
  }

  /** Which of `ownerIds` have `friendId` in their table. */
  async findOwnersHaving(
    sdkAppId: number,
    friendId: string,
    ownerIds: string[],
    db: RelationExecutor = this.db,
  ): Promise<Set<string>> {
    if (ownerIds.length === 0) return new Set();
    const rows = await rowsOf<{ userId: string }>(
      db,
      sql`SELECT user_id AS "userId" FROM friends WHERE sdk_app_id = ${sdkAppId}
        AND friend_id = ${friendId} AND user_id = ANY(${sql.param(ownerIds)}::text[])`,
    );
    return new Set(rows.map((r) => r.userId));
  }

  /** Everyone who has `friendId` in their table. */
  async findOwnersOf(
    sdkAppId: number,
    friendId: string,
    db: RelationExecutor = this.db,
  ): Promise<string[]> {
    const rows = await rowsOf<{ userId: string }>(
      db,
      sql`SELECT user_id AS "userId" FROM friends
        WHERE sdk_app_id = ${sdkAppId} AND friend_id = ${friendId} ORDER BY user_id`,
    );
    return rows.map((r) => r.userId);
  }

  /** Every friend ID of `userId`, in the order they were added. */
  async findFriendIds(
    sdkAppId: number,
    userId: string,
    db: RelationExecutor = this.db,
  ): Promise<string[]> {
    const rows = await rowsOf<{ friendId: string }>(
      db,
      sql`SELECT friend_id AS "friendId" FROM friends WHERE sdk_app_id = ${sdkAppId}
        AND user_id = ${userId} ORDER BY created_at, friend_id`,
    );
    return rows.map((r) => r.friendId);
  }

  async countFriends(
    sdkAppId: number,
    userIds: string[],
    db: RelationExecutor = this.db,
  ): Promise<Map<string, number>> {
    const counts = new Map(userIds.map((id) => [id, 0]));
    if (userIds.length === 0) return counts;
    const rows = await rowsOf<{ userId: string; count: number }>(
      db,
      sql`SELECT user_id AS "userId", count(*)::int AS count FROM friends
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(userIds)}::text[])
        GROUP BY user_id`,
    );
    for (const r of rows) counts.set(r.userId, r.count);
    return counts;
  }

  /** A page of `userId`'s friends in the order they were added. */
  async findPage(
    sdkAppId: number,
    userId: string,
    offset: number,
    limit: number,
    db: RelationExecutor = this.db,
  ): Promise<FriendRow[]> {
    return rowsOf<FriendRow>(
      db,
      sql`SELECT ${FRIEND_COLUMNS} FROM friends WHERE sdk_app_id = ${sdkAppId}
        AND user_id = ${userId} ORDER BY created_at, friend_id OFFSET ${offset} LIMIT ${limit}`,
    );
  }

  async insertFriends(sdkAppId: number, rows: NewFriend[], tx: RelationExecutor): Promise<void> {
    for (const r of rows) {
      await tx.execute(sql`INSERT INTO friends (sdk_app_id, user_id, friend_id, remark,
          remark_time, groups, add_source, add_wording, add_time, custom, sequence)
        VALUES (${sdkAppId}, ${r.userId}, ${r.friendId}, ${r.remark}, ${r.remarkTime},
          ${sql.param(r.groups)}::text[], ${r.addSource}, ${r.addWording}, ${r.addTime},
          ${JSON.stringify(r.custom)}::jsonb, ${nextSequence(sdkAppId, sql`${r.userId}`)})
        ON CONFLICT DO NOTHING`);
      await tx.execute(sql`DELETE FROM friend_tombstones WHERE sdk_app_id = ${sdkAppId}
        AND user_id = ${r.userId} AND friend_id = ${r.friendId}`);
    }
  }

  async updateFriend(
    sdkAppId: number,
    userId: string,
    friendId: string,
    patch: FriendPatch,
    tx: RelationExecutor,
  ): Promise<void> {
    const sets = [
      sql`updated_at = now()`,
      sql`sequence = ${nextSequence(sdkAppId, sql`friends.user_id`)}`,
    ];
    if (patch.remark !== undefined) sets.push(sql`remark = ${patch.remark}`);
    if (patch.remarkTime !== undefined) sets.push(sql`remark_time = ${patch.remarkTime}`);
    if (patch.groups !== undefined) sets.push(sql`groups = ${sql.param(patch.groups)}::text[]`);
    if (patch.custom !== undefined)
      sets.push(sql`custom = custom || ${JSON.stringify(patch.custom)}::jsonb`);
    await tx.execute(sql`UPDATE friends SET ${sql.join(sets, sql`, `)}
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId} AND friend_id = ${friendId}`);
  }

  /** Deletes these directions; returns the ones that existed. */
  async deletePairs(
    sdkAppId: number,
    pairs: { userId: string; friendId: string }[],
    tx: RelationExecutor,
  ): Promise<{ userId: string; friendId: string }[]> {
    if (pairs.length === 0) return [];
    const deleted = await rowsOf<{ userId: string; friendId: string }>(
      tx,
      sql`DELETE FROM friends f USING unnest(${sql.param(pairs.map((p) => p.userId))}::text[],
          ${sql.param(pairs.map((p) => p.friendId))}::text[]) AS p(u, fr)
        WHERE f.sdk_app_id = ${sdkAppId} AND f.user_id = p.u AND f.friend_id = p.fr
        RETURNING f.user_id AS "userId", f.friend_id AS "friendId"`,
    );
    if (deleted.length) {
      await tx.execute(sql`INSERT INTO friend_tombstones (sdk_app_id, user_id, friend_id, sequence)
        SELECT ${sdkAppId}, d.u, d.fr, ${nextSequence(sdkAppId, sql`d.u`)}
        FROM unnest(${sql.param(deleted.map((d) => d.userId))}::text[],
          ${sql.param(deleted.map((d) => d.friendId))}::text[]) AS d(u, fr)
        ON CONFLICT (sdk_app_id, user_id, friend_id) DO UPDATE SET sequence = excluded.sequence`);
    }
    return deleted;
  }

  /** `userId`'s friends written after `sequence`, in the order of their changes. */
  async findChangedSince(
    sdkAppId: number,
    userId: string,
    sequence: number,
    offset: number,
    limit: number,
  ): Promise<{ total: number; rows: FriendRow[] }> {
    const [{ total }] = await rowsOf<{ total: number }>(
      this.db,
      sql`SELECT count(*)::int AS total FROM friends WHERE sdk_app_id = ${sdkAppId}
        AND user_id = ${userId} AND sequence > ${sequence}`,
    );
    const rows = await rowsOf<FriendRow>(
      this.db,
      sql`SELECT ${FRIEND_COLUMNS} FROM friends WHERE sdk_app_id = ${sdkAppId}
        AND user_id = ${userId} AND sequence > ${sequence}
        ORDER BY sequence, friend_id OFFSET ${offset} LIMIT ${limit}`,
    );
    return { total, rows };
  }

  /** Friends `userId` deleted after `sequence` and has not added again. */
  async findDeletedSince(sdkAppId: number, userId: string, sequence: number): Promise<string[]> {
    const rows = await rowsOf<{ friendId: string }>(
      this.db,
      sql`SELECT friend_id AS "friendId" FROM friend_tombstones WHERE sdk_app_id = ${sdkAppId}
        AND user_id = ${userId} AND sequence > ${sequence} ORDER BY sequence, friend_id`,
    );
    return rows.map((r) => r.friendId);
  }

  /** Forgets the tombstones owned by deleted accounts. */
  async deleteTombstonesOf(sdkAppId: number, userIds: string[], tx: RelationExecutor) {
    if (userIds.length === 0) return;
    await tx.execute(sql`DELETE FROM friend_tombstones WHERE sdk_app_id = ${sdkAppId}
      AND user_id = ANY(${sql.param(userIds)}::text[])`);
  }

  /** Every direction in which one of `userIds` is the owner or the friend. */
  async findPairsTouching(
    sdkAppId: number,
    userIds: string[],
    db: RelationExecutor = this.db,
  ): Promise<{ userId: string; friendId: string }[]> {
    if (userIds.length === 0) return [];
    return rowsOf<{ userId: string; friendId: string }>(
      db,
      sql`SELECT user_id AS "userId", friend_id AS "friendId" FROM friends
        WHERE sdk_app_id = ${sdkAppId} AND (user_id = ANY(${sql.param(userIds)}::text[])
          OR friend_id = ANY(${sql.param(userIds)}::text[]))`,
    );
  }

  /** Puts friends into lists (each list once per friend); returns the friends that changed. */
  async addToLists(
    sdkAppId: number,
    userId: string,
    friendIds: string[],
    names: string[],
    tx: RelationExecutor,
  ): Promise<string[]> {
    if (friendIds.length === 0 || names.length === 0) return [];
    const rows = await rowsOf<{ friendId: string }>(
      tx,
      sql`UPDATE friends SET updated_at = now(),
          sequence = ${nextSequence(sdkAppId, sql`friends.user_id`)}, groups = groups || ARRAY(
          SELECT n FROM unnest(${sql.param(names)}::text[]) WITH ORDINALITY AS t(n, i)
          WHERE n <> ALL(groups) ORDER BY i)
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}
          AND friend_id = ANY(${sql.param(friendIds)}::text[])
          AND NOT (groups @> ${sql.param(names)}::text[])
        RETURNING friend_id AS "friendId"`,
    );
    return rows.map((r) => r.friendId);
  }

  /** Takes the lists off every friend of `userId`; returns the friends that changed. */
  async removeLists(
    sdkAppId: number,
    userId: string,
    names: string[],
    tx: RelationExecutor,
  ): Promise<string[]> {
    if (names.length === 0) return [];
    const rows = await rowsOf<{ friendId: string }>(
      tx,
      sql`UPDATE friends SET updated_at = now(),
          sequence = ${nextSequence(sdkAppId, sql`friends.user_id`)}, groups = ARRAY(
          SELECT g FROM unnest(groups) WITH ORDINALITY AS t(g, i)
          WHERE g <> ALL(${sql.param(names)}::text[]) ORDER BY i)
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}
          AND groups && ${sql.param(names)}::text[]
        RETURNING friend_id AS "friendId"`,
    );
    return rows.map((r) => r.friendId);
  }

  /** Per list name, the friends of `userId` in it (in the order they were added). */
  async findListMembers(
    sdkAppId: number,
    userId: string,
    db: RelationExecutor = this.db,
  ): Promise<Map<string, string[]>> {
    const rows = await rowsOf<{ name: string; friendId: string }>(
      db,
      sql`SELECT g AS name, friend_id AS "friendId" FROM friends, unnest(groups) AS g
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId} ORDER BY created_at, friend_id`,
    );
    const members = new Map<string, string[]>();
    for (const r of rows) members.set(r.name, [...(members.get(r.name) ?? []), r.friendId]);
    return members;
  }
}
