import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { MessageDb, MessageExecutor } from './message.db';
import { MESSAGE_DB } from './message.tokens';
import { ConvTypes } from './stored-message.model';
import type { ConvTypeCode } from './stored-message.model';

/** Micro-seconds of the database clock: the version of a change (sync cursors). */
export const VERSION = sql.raw(`(extract(epoch from clock_timestamp()) * 1000000)::bigint`);

/** A user's conversation as stored, with its group line when it is a group. */
export interface ConversationRow {
  convId: string;
  convType: ConvTypeCode;
  peer: string;
  lastSeq: number;
  lastMsgSeq: number;
  lastTime: number;
  unread: number;
  readSeq: number;
  countedAtRead: number;
  isDeleted: boolean;
  deletedSeq: number;
  clearSeq: number;
  version: number;
  /** Pinned to the top of the user's list (`pinned_at` set). */
  isPinned: boolean;
  /** Group only. */
  line?: GroupLine;
}

export interface GroupLine {
  lastSeq: number;
  lastMsgSeq: number;
  lastTime: number;
  countedTotal: number;
  unreadSupported: boolean;
  version: number;
  /** clear_group_msg: members' history starts after this seq (read by findLine). */
  clearSeq?: number;
}

type JoinedRow = {
  conv_id: string;
  conv_type: number;
  peer: string;
  last_seq: string;
  last_msg_seq: string;
  last_time: string;
  unread: number;
  read_seq: string;
  counted_at_read: string;
  is_deleted: boolean;
  deleted_seq: string;
  clear_seq: string;
  version: string;
  pinned_at: string | null;
  g_last_seq: string | null;
  g_last_msg_seq: string | null;
  g_last_time: string | null;
  g_counted_total: string | null;
  g_unread_supported: boolean | null;
  g_version: string | null;
};

const JOINED = sql.raw(`c.conv_id, c.conv_type, c.peer, c.last_seq, c.last_msg_seq, c.last_time,
  c.unread, c.read_seq, c.counted_at_read, c.is_deleted, c.deleted_seq, c.clear_seq, c.version,
  c.pinned_at,
  g.last_seq AS g_last_seq, g.last_msg_seq AS g_last_msg_seq, g.last_time AS g_last_time,
  g.counted_total AS g_counted_total, g.unread_supported AS g_unread_supported,
  g.version AS g_version`);

function fromJoined(r: JoinedRow): ConversationRow {
  const row: ConversationRow = {
    convId: r.conv_id,
    convType: r.conv_type as ConvTypeCode,
    peer: r.peer,
    lastSeq: Number(r.last_seq),
    lastMsgSeq: Number(r.last_msg_seq),
    lastTime: Number(r.last_time),
    unread: r.unread,
    readSeq: Number(r.read_seq),
    countedAtRead: Number(r.counted_at_read),
    isDeleted: r.is_deleted,
    deletedSeq: Number(r.deleted_seq),
    clearSeq: Number(r.clear_seq),
    version: Number(r.version),
    isPinned: r.pinned_at !== null && r.pinned_at !== undefined,
  };
  if (row.convType === ConvTypes.GROUP)
    row.line = {
      lastSeq: Number(r.g_last_seq ?? 0),
      lastMsgSeq: Number(r.g_last_msg_seq ?? 0),
      lastTime: Number(r.g_last_time ?? 0),
      countedTotal: Number(r.g_counted_total ?? 0),
      unreadSupported: r.g_unread_supported ?? true,
      version: Number(r.g_version ?? 0),
    };
  return row;
}

/**
 * The SQL on `conversations` and `group_lines` besides a message batch's changes
 * (ConversationBatchRepository); every method is scoped by `sdkAppId`.
 */
@Injectable()
export class ConversationRepository {
  constructor(@Inject(MESSAGE_DB) private readonly db: MessageDb) {}

  /** A group's line, if it has one. */
  /**
   * clear_group_msg: the group's members' history starts after `upTo` (never beyond its last
   * seq, never moving back). Returns the clear seq now in force (0 when the group has no line).
   */
  async clearLine(sdkAppId: number, convId: string, upTo: number): Promise<number> {
    const { rows } = await this.db.execute<{ clear_seq: string }>(sql`
      UPDATE group_lines SET clear_seq = GREATEST(clear_seq, LEAST(${upTo}, last_seq))
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId}
      RETURNING clear_seq`);
    return rows[0] ? Number(rows[0].clear_seq) : 0;
  }

  async findLine(sdkAppId: number, convId: string): Promise<GroupLine | undefined> {
    const { rows } = await this.db.execute<{
      last_seq: string;
      last_msg_seq: string;
      last_time: string;
      counted_total: string;
      unread_supported: boolean;
      version: string;
      clear_seq: string;
    }>(sql`
      SELECT last_seq, last_msg_seq, last_time, counted_total, unread_supported, version,
        clear_seq
      FROM group_lines WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId}`);
    const r = rows[0];
    return r
      ? {
          lastSeq: Number(r.last_seq),
          lastMsgSeq: Number(r.last_msg_seq),
          lastTime: Number(r.last_time),
          countedTotal: Number(r.counted_total),
          unreadSupported: r.unread_supported,
          version: Number(r.version),
          clearSeq: Number(r.clear_seq),
        }
      : undefined;
  }

  /** One user's conversation (with its group line). */
  async findOne(
    sdkAppId: number,
    userId: string,
    convId: string,
    db: MessageExecutor = this.db,
  ): Promise<ConversationRow | undefined> {
    const { rows } = await db.execute<JoinedRow>(sql`
      SELECT ${JOINED} FROM conversations c
      LEFT JOIN group_lines g ON g.sdk_app_id = c.sdk_app_id AND g.conv_id = c.conv_id
      WHERE c.sdk_app_id = ${sdkAppId} AND c.user_id = ${userId} AND c.conv_id = ${convId}`);
    return rows[0] ? fromJoined(rows[0]) : undefined;
  }

  /**
   * A user's conversations changed after `cursor` (its row or its group's line), in version
   * order, with the database clock's current version.
   */
  async findChanged(
    sdkAppId: number,
    userId: string,
    cursor: number,
    limit: number,
  ): Promise<{ rows: ConversationRow[]; now: number }> {
    const { rows } = await this.db.execute<JoinedRow & { now: string }>(sql`
      SELECT ${JOINED}, ${VERSION} AS now FROM conversations c
      LEFT JOIN group_lines g ON g.sdk_app_id = c.sdk_app_id AND g.conv_id = c.conv_id
      WHERE c.sdk_app_id = ${sdkAppId} AND c.user_id = ${userId}
        AND GREATEST(c.version, COALESCE(g.version, 0)) > ${cursor}
      ORDER BY GREATEST(c.version, COALESCE(g.version, 0)), c.conv_id
      LIMIT ${limit}`);
    let now = 0;
    if (rows.length === 0) {
      const clock = await this.db.execute<{ now: string }>(sql`SELECT ${VERSION} AS now`);
      now = Number(clock.rows[0].now);
    } else now = Number(rows[0].now);
    return { rows: rows.map(fromJoined), now };
  }

  /**
   * A user's listed conversations (with a message, not deleted) by last message time, newest
   * first, those at or before `maxTime` (recentcontact/get_list).
   */
  async findByLastTime(
    sdkAppId: number,
    userId: string,
    maxTime: number | undefined,
    limit: number,
    pinned?: boolean,
  ): Promise<ConversationRow[]> {
    const lastTime = sql.raw(
      `(CASE WHEN c.conv_type = ${ConvTypes.GROUP} THEN COALESCE(g.last_time, 0) ELSE c.last_time END)`,
    );
    const lastMsg = sql.raw(
      `(CASE WHEN c.conv_type = ${ConvTypes.GROUP} THEN COALESCE(g.last_msg_seq, 0) ELSE c.last_msg_seq END)`,
    );
    const cursor = maxTime !== undefined ? sql`AND ${lastTime} <= ${maxTime}` : sql``;
    const pinFilter =
      pinned === undefined
        ? sql``
        : pinned
          ? sql`AND c.pinned_at IS NOT NULL`
          : sql`AND c.pinned_at IS NULL`;
    const { rows } = await this.db.execute<JoinedRow>(sql`
      SELECT ${JOINED} FROM conversations c
      LEFT JOIN group_lines g ON g.sdk_app_id = c.sdk_app_id AND g.conv_id = c.conv_id
      WHERE c.sdk_app_id = ${sdkAppId} AND c.user_id = ${userId}
        AND ${lastMsg} > 0
        AND (NOT c.is_deleted OR (c.conv_type = ${ConvTypes.GROUP} AND ${lastMsg} > c.deleted_seq))
        ${cursor}
        ${pinFilter}
      ORDER BY ${lastTime} DESC, c.conv_id
      LIMIT ${limit}`);
    return rows.map(fromJoined);
  }

  /** All of a user's C2C rows with unread messages, or those with the given peers. */
  async findC2cUnread(
    sdkAppId: number,
    userId: string,
  ): Promise<{ peer: string; unread: number }[]> {
    const { rows } = await this.db.execute<{ peer: string; unread: number }>(sql`
      SELECT peer, unread FROM conversations
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId} AND conv_type = ${ConvTypes.C2C}
        AND unread > 0`);
    return rows;
  }

  /**
   * Sets a C2C read position (never back) and the unread count that goes with it, unless the
   * position is not ahead; returns the row after, or undefined when there is none.
   */
  async setC2cRead(
    sdkAppId: number,
    userId: string,
    convId: string,
    readSeq: number,
    unread: number,
  ): Promise<{ readSeq: number; unread: number; moved: boolean } | undefined> {
    const { rows } = await this.db.execute<{
      read_seq: string;
      unread: number;
      moved: boolean;
    }>(sql`
      WITH old AS (
        SELECT read_seq FROM conversations
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId} AND conv_id = ${convId}
        FOR UPDATE)
      UPDATE conversations c SET
        read_seq = GREATEST(c.read_seq, ${readSeq}),
        unread = CASE WHEN ${readSeq} > c.read_seq THEN ${unread} ELSE c.unread END,
        version = CASE WHEN ${readSeq} > c.read_seq THEN ${VERSION} ELSE c.version END
      FROM old
      WHERE c.sdk_app_id = ${sdkAppId} AND c.user_id = ${userId} AND c.conv_id = ${convId}
      RETURNING c.read_seq, c.unread, ${readSeq} > old.read_seq AS moved`);
    const r = rows[0];
    return r ? { readSeq: Number(r.read_seq), unread: r.unread, moved: r.moved } : undefined;
  }

  /**
   * Sets a group member's read position: `advance` never moves back, `set` puts it anywhere
   * (set_unread_msg_num) and lists the conversation again — a row left deleted would let a
   * `member-joined` fact consumed later (joinGroup) overwrite the count that was set. Creates
   * the row. Returns the position after and whether it moved.
   */
  async setGroupRead(
    sdkAppId: number,
    userId: string,
    convId: string,
    groupId: string,
    readSeq: number,
    countedAtRead: number,
    mode: 'advance' | 'set',
  ): Promise<{ readSeq: number; countedAtRead: number; moved: boolean }> {
    const guard = mode === 'advance' ? sql`excluded.read_seq > c.read_seq` : sql`true`;
    const { rows } = await this.db.execute<{
      read_seq: string;
      counted_at_read: string;
      old_read_seq: string | null;
    }>(sql`
      WITH old AS (
        SELECT read_seq FROM conversations
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId} AND conv_id = ${convId})
      INSERT INTO conversations AS c (sdk_app_id, user_id, conv_id, conv_type, peer, read_seq,
        counted_at_read, version)
      VALUES (${sdkAppId}, ${userId}, ${convId}, ${ConvTypes.GROUP}, ${groupId}, ${readSeq},
        ${countedAtRead}, ${VERSION})
      ON CONFLICT (sdk_app_id, user_id, conv_id) DO UPDATE SET
        read_seq = CASE WHEN ${guard} THEN excluded.read_seq ELSE c.read_seq END,
        counted_at_read = CASE WHEN ${guard} THEN excluded.counted_at_read ELSE c.counted_at_read END,
        version = CASE WHEN ${guard} THEN excluded.version ELSE c.version END
        ${mode === 'set' ? sql`, is_deleted = false, deleted_seq = 0` : sql``}
      RETURNING read_seq, counted_at_read, (SELECT read_seq FROM old) AS old_read_seq`);
    const r = rows[0];
    const after = Number(r.read_seq);
    return {
      readSeq: after,
      countedAtRead: Number(r.counted_at_read),
      moved: r.old_read_seq === null || Number(r.old_read_seq) !== after,
    };
  }

  /**
   * Takes a conversation off a user's list (a group one comes back with a message after
   * `deletedSeq`); `clearSeq` hides its history up to there. Returns false when there is none.
   */
  async markDeleted(
    sdkAppId: number,
    userId: string,
    convId: string,
    deletedSeq: number,
    clearSeq: number | undefined,
  ): Promise<boolean> {
    const { rows } = await this.db.execute<{ conv_id: string }>(sql`
      UPDATE conversations SET is_deleted = true, deleted_seq = ${deletedSeq},
        clear_seq = GREATEST(clear_seq, ${clearSeq ?? 0}), version = ${VERSION}
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId} AND conv_id = ${convId}
      RETURNING conv_id`);
    return rows.length > 0;
  }

  /**
   * Pins (`pinnedAt` epoch ms) or unpins a user's conversation; a pin keeps its first time.
   * Returns false when the user has no such conversation.
   */
  async setPinned(
    sdkAppId: number,
    userId: string,
    convId: string,
    pinnedAt: number | null,
  ): Promise<boolean> {
    const { rows } = await this.db.execute<{ conv_id: string }>(sql`
      UPDATE conversations SET pinned_at = CASE WHEN ${pinnedAt}::bigint IS NULL THEN NULL
          ELSE COALESCE(pinned_at, ${pinnedAt}::bigint) END,
        version = ${VERSION}
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId} AND conv_id = ${convId}
      RETURNING conv_id`);
    return rows.length > 0;
  }

  /** How many conversations a user has pinned, leaving one out (the one being pinned). */
  async countPinned(sdkAppId: number, userId: string, exceptConvId: string): Promise<number> {
    const { rows } = await this.db.execute<{ n: string }>(sql`
      SELECT count(*) AS n FROM conversations
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId} AND pinned_at IS NOT NULL
        AND conv_id <> ${exceptConvId}`);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * New members of a group start reading at the group's current position (their unread
   * count starts at 0, T16); a former member coming back is listed again.
   */
  async joinGroup(
    sdkAppId: number,
    convId: string,
    groupId: string,
    userIds: string[],
  ): Promise<void> {
    if (userIds.length === 0) return;
    await this.db.execute(sql`
      INSERT INTO conversations AS c (sdk_app_id, user_id, conv_id, conv_type, peer, read_seq,
        counted_at_read, version)
      SELECT ${sdkAppId}, u, ${convId}, ${ConvTypes.GROUP}, ${groupId},
        COALESCE(g.last_seq, 0), COALESCE(g.counted_total, 0), ${VERSION}
      FROM unnest(${sql.param(userIds)}::text[]) AS u
      LEFT JOIN group_lines g ON g.sdk_app_id = ${sdkAppId} AND g.conv_id = ${convId}
      ON CONFLICT (sdk_app_id, user_id, conv_id) DO UPDATE SET
        read_seq = GREATEST(c.read_seq, excluded.read_seq),
        counted_at_read = CASE WHEN excluded.read_seq > c.read_seq
          THEN excluded.counted_at_read ELSE c.counted_at_read END,
        is_deleted = false, deleted_seq = 0, version = excluded.version
      WHERE c.is_deleted`);
  }

  /**
   * Members placed at given read positions (imports, GroupUnreadService.joinImported): like
   * joinGroup, a row that exists and is listed is left as it is — it was written after.
   */
  async joinGroupAt(
    sdkAppId: number,
    convId: string,
    groupId: string,
    members: { userId: string; readSeq: number; countedAtRead: number }[],
  ): Promise<void> {
    if (members.length === 0) return;
    const col = <T>(pick: (m: (typeof members)[number]) => T) => sql.param(members.map(pick));
    await this.db.execute(sql`
      INSERT INTO conversations AS c (sdk_app_id, user_id, conv_id, conv_type, peer, read_seq,
        counted_at_read, version)
      SELECT ${sdkAppId}, u, ${convId}, ${ConvTypes.GROUP}, ${groupId}, rs, car, ${VERSION}
      FROM unnest(${col((m) => m.userId)}::text[], ${col((m) => m.readSeq)}::bigint[],
        ${col((m) => m.countedAtRead)}::bigint[]) AS v(u, rs, car)
      ON CONFLICT (sdk_app_id, user_id, conv_id) DO UPDATE SET
        read_seq = excluded.read_seq, counted_at_read = excluded.counted_at_read,
        is_deleted = false, deleted_seq = 0, version = excluded.version
      WHERE c.is_deleted`);
  }

  /** Members who left: their group conversation is off their list for good. */
  async leaveGroup(sdkAppId: number, convId: string, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.db.execute(sql`
      UPDATE conversations SET is_deleted = true, deleted_seq = ${Number.MAX_SAFE_INTEGER},
        version = ${VERSION}
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId}
        AND user_id = ANY(${sql.param(userIds)}::text[])`);
  }
}
