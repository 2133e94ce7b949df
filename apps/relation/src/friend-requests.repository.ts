import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { AddType, FriendRequestDirection } from '@im/contracts';

import { rowsOf } from './relation.db';
import type { RelationDb, RelationExecutor } from './relation.db';
import { RELATION_DB } from './relation.tokens';

export interface FriendRequestRow {
  sdkAppId: number;
  fromUserId: string;
  toUserId: string;
  addType: AddType;
  addSource: string;
  addWording: string;
  remark: string;
  groupName: string | null;
  /** Epoch seconds. */
  createdAt: number;
  expiresAt: number;
}

export interface NewFriendRequest {
  fromUserId: string;
  toUserId: string;
  addType: AddType;
  addSource: string;
  addWording: string;
  remark: string;
  groupName: string | null;
  ttlDays: number;
}

const REQUEST_COLUMNS = sql`sdk_app_id::float8 AS "sdkAppId", from_user_id AS "fromUserId",
  to_user_id AS "toUserId", add_type AS "addType", add_source AS "addSource",
  add_wording AS "addWording", remark, group_name AS "groupName",
  floor(extract(epoch FROM created_at))::float8 AS "createdAt",
  floor(extract(epoch FROM expires_at))::float8 AS "expiresAt"`;

/**
 * The only SQL on `friend_requests`. A request past `expires_at` counts as gone everywhere
 * (not listed, not accepted) until the sweeper deletes it and reports it expired.
 */
@Injectable()
export class FriendRequestsRepository {
  constructor(@Inject(RELATION_DB) private readonly db: RelationDb) {}

  /**
   * Creates the request or renews it (new fields, created and expiry times). Both times come
   * from one reading of the clock, so the expiry is exactly the TTL after the creation (two
   * readings could fall either side of a second), in hours so a DST change in the session's
   * time zone cannot stretch it; `clock_timestamp()` rather than `now()` keeps requests made
   * in one transaction in the order they were made.
   */
  async upsert(
    sdkAppId: number,
    req: NewFriendRequest,
    tx: RelationExecutor,
  ): Promise<FriendRequestRow> {
    const [row] = await rowsOf<FriendRequestRow>(
      tx,
      sql`INSERT INTO friend_requests AS r (sdk_app_id, from_user_id, to_user_id, add_type,
          add_source, add_wording, remark, group_name, created_at, expires_at)
        SELECT ${sdkAppId}, ${req.fromUserId}, ${req.toUserId}, ${req.addType},
          ${req.addSource}, ${req.addWording}, ${req.remark}, ${req.groupName},
          t.at, t.at + ${req.ttlDays}::int * interval '24 hours'
        FROM (SELECT clock_timestamp() AS at) t
        ON CONFLICT (sdk_app_id, from_user_id, to_user_id) DO UPDATE SET
          add_type = excluded.add_type, add_source = excluded.add_source,
          add_wording = excluded.add_wording, remark = excluded.remark,
          group_name = excluded.group_name, created_at = excluded.created_at,
          expires_at = excluded.expires_at
        RETURNING ${REQUEST_COLUMNS}`,
    );
    return row;
  }

  /** The live (not expired) request, read without a lock (to ask the app's callback first). */
  async findLive(
    sdkAppId: number,
    fromUserId: string,
    toUserId: string,
  ): Promise<FriendRequestRow | undefined> {
    const [row] = await rowsOf<FriendRequestRow>(
      this.db,
      sql`SELECT ${REQUEST_COLUMNS} FROM friend_requests WHERE sdk_app_id = ${sdkAppId}
        AND from_user_id = ${fromUserId} AND to_user_id = ${toUserId} AND expires_at > now()`,
    );
    return row;
  }

  /** The live (not expired) request, locked until the transaction ends. */
  async findLiveForUpdate(
    sdkAppId: number,
    fromUserId: string,
    toUserId: string,
    tx: RelationExecutor,
  ): Promise<FriendRequestRow | undefined> {
    const [row] = await rowsOf<FriendRequestRow>(
      tx,
      sql`SELECT ${REQUEST_COLUMNS} FROM friend_requests WHERE sdk_app_id = ${sdkAppId}
        AND from_user_id = ${fromUserId} AND to_user_id = ${toUserId} AND expires_at > now()
        FOR UPDATE`,
    );
    return row;
  }

  /** Deletes requests by their parties; returns those that existed (expired ones too). */
  async deletePairs(
    sdkAppId: number,
    pairs: { fromUserId: string; toUserId: string }[],
    tx: RelationExecutor,
  ): Promise<{ fromUserId: string; toUserId: string; isLive: boolean }[]> {
    if (pairs.length === 0) return [];
    return rowsOf<{ fromUserId: string; toUserId: string; isLive: boolean }>(
      tx,
      sql`DELETE FROM friend_requests r
        USING unnest(${sql.param(pairs.map((p) => p.fromUserId))}::text[],
          ${sql.param(pairs.map((p) => p.toUserId))}::text[]) AS p(f, t)
        WHERE r.sdk_app_id = ${sdkAppId} AND r.from_user_id = p.f AND r.to_user_id = p.t
        RETURNING r.from_user_id AS "fromUserId", r.to_user_id AS "toUserId",
          (r.expires_at > now()) AS "isLive"`,
    );
  }

  /** Deletes every request from or to one of `userIds` (account deletion). */
  async deleteTouching(
    sdkAppId: number,
    userIds: string[],
    tx: RelationExecutor,
  ): Promise<{ fromUserId: string; toUserId: string; isLive: boolean }[]> {
    if (userIds.length === 0) return [];
    return rowsOf<{ fromUserId: string; toUserId: string; isLive: boolean }>(
      tx,
      sql`DELETE FROM friend_requests WHERE sdk_app_id = ${sdkAppId}
        AND (from_user_id = ANY(${sql.param(userIds)}::text[])
          OR to_user_id = ANY(${sql.param(userIds)}::text[]))
        RETURNING from_user_id AS "fromUserId", to_user_id AS "toUserId",
          (expires_at > now()) AS "isLive"`,
    );
  }

  /** Live requests to (`incoming`) or from (`outgoing`) a user, newest first. */
  async findPage(
    sdkAppId: number,
    userId: string,
    direction: FriendRequestDirection,
    offset: number,
    limit: number,
  ): Promise<{ total: number; rows: FriendRequestRow[] }> {
    const who = direction === 'incoming' ? sql`to_user_id` : sql`from_user_id`;
    const [{ total }] = await rowsOf<{ total: number }>(
      this.db,
      sql`SELECT count(*)::int AS total FROM friend_requests WHERE sdk_app_id = ${sdkAppId}
        AND ${who} = ${userId} AND expires_at > now()`,
    );
    const rows = await rowsOf<FriendRequestRow>(
      this.db,
      sql`SELECT ${REQUEST_COLUMNS} FROM friend_requests WHERE sdk_app_id = ${sdkAppId}
        AND ${who} = ${userId} AND expires_at > now()
        ORDER BY created_at DESC, from_user_id, to_user_id OFFSET ${offset} LIMIT ${limit}`,
    );
    return { total, rows };
  }

  /**
   * Deletes up to `limit` expired requests of any app (skipping rows another instance holds)
   * and returns them.
   */
  async deleteExpired(limit: number, tx: RelationExecutor): Promise<FriendRequestRow[]> {
    return rowsOf<FriendRequestRow>(
      tx,
      sql`DELETE FROM friend_requests WHERE (sdk_app_id, from_user_id, to_user_id) IN (
          SELECT sdk_app_id, from_user_id, to_user_id FROM friend_requests
          WHERE expires_at <= now() ORDER BY expires_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING ${REQUEST_COLUMNS}`,
    );
  }
}
