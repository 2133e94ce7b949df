import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import { VERSION } from './conversation.repository';
import type { MessageExecutor } from './message.db';
import { ConvTypes } from './stored-message.model';

/** The batch's last message replaces the row's (see isNewerLast in message-writer.db). */
const NEWER_C2C_LAST = sql.raw(`(excluded.last_msg_seq > 0 AND (c.last_msg_seq = 0
  OR (excluded.last_time, excluded.last_msg_seq) > (c.last_time, c.last_msg_seq)))`);

/** A change of one user's C2C conversation by a batch of messages (aggregated). */
export interface C2cRowChange {
  sdkAppId: number;
  userId: string;
  convId: string;
  peer: string;
  lastSeq: number;
  /** 0 when no message of the batch moves the shown last message. */
  lastMsgSeq: number;
  lastTime: number;
  /** Messages of the batch that count as unread for this user. */
  unreadAdd: number;
  /** The user's own highest seq in the batch (sending reads up to it), else 0. */
  readTo: number;
}

/** A change of a group line by a batch of messages (aggregated). */
export interface GroupLineChange {
  sdkAppId: number;
  convId: string;
  groupId: string;
  lastSeq: number;
  lastMsgSeq: number;
  lastTime: number;
  counted: number;
  unreadSupported: boolean;
}

/** A sender's read position moved by its own group messages. */
export interface GroupReadChange {
  sdkAppId: number;
  userId: string;
  convId: string;
  groupId: string;
  readTo: number;
  countedAtRead: number;
}

/**
 * What a committed batch of messages changes on `conversations` and `group_lines`, in the
 * writer's transaction: one statement per kind of change, whatever the batch's size.
 */
@Injectable()
export class ConversationBatchRepository {
  /** Applies a batch's C2C changes (one row per user and conversation). */
  async applyC2c(tx: MessageExecutor, changes: C2cRowChange[]): Promise<void> {
    if (changes.length === 0) return;
    const col = <T>(pick: (c: C2cRowChange) => T) => sql.param(changes.map(pick));
    await tx.execute(sql`
      INSERT INTO conversations AS c (sdk_app_id, user_id, conv_id, conv_type, peer, last_seq,
        last_msg_seq, last_time, unread, read_seq, version)
      SELECT a, u, cv, ${ConvTypes.C2C}, p, ls, lm, lt, CASE WHEN rt >= ls THEN 0 ELSE ua END, rt,
        ${VERSION}
      FROM unnest(${col((c) => c.sdkAppId)}::bigint[], ${col((c) => c.userId)}::text[],
        ${col((c) => c.convId)}::text[], ${col((c) => c.peer)}::text[],
        ${col((c) => c.lastSeq)}::bigint[], ${col((c) => c.lastMsgSeq)}::bigint[],
        ${col((c) => c.lastTime)}::bigint[], ${col((c) => c.unreadAdd)}::int[],
        ${col((c) => c.readTo)}::bigint[]) AS v(a, u, cv, p, ls, lm, lt, ua, rt)
      ON CONFLICT (sdk_app_id, user_id, conv_id) DO UPDATE SET
        last_seq = GREATEST(c.last_seq, excluded.last_seq),
        -- the shown last message is the newest by (time, seq): an older import leaves it
        last_time = CASE WHEN ${NEWER_C2C_LAST} THEN excluded.last_time ELSE c.last_time END,
        last_msg_seq = CASE WHEN ${NEWER_C2C_LAST}
          THEN excluded.last_msg_seq ELSE c.last_msg_seq END,
        unread = CASE WHEN excluded.read_seq >= GREATEST(c.last_seq, excluded.last_seq) THEN 0
          ELSE c.unread + excluded.unread END,
        read_seq = GREATEST(c.read_seq, excluded.read_seq),
        is_deleted = false,
        version = excluded.version`);
  }

  /** Applies a batch's group line changes; returns each line's counted total after it. */
  async applyGroupLines(
    tx: MessageExecutor,
    changes: GroupLineChange[],
  ): Promise<Map<string, number>> {
    if (changes.length === 0) return new Map();
    const col = <T>(pick: (c: GroupLineChange) => T) => sql.param(changes.map(pick));
    const { rows } = await tx.execute<{
      sdk_app_id: string;
      conv_id: string;
      counted_total: string;
    }>(sql`
      INSERT INTO group_lines AS g (sdk_app_id, conv_id, group_id, last_seq, last_msg_seq,
        last_time, counted_total, unread_supported, version)
      SELECT a, cv, gid, ls, lm, lt, n, us, ${VERSION}
      FROM unnest(${col((c) => c.sdkAppId)}::bigint[], ${col((c) => c.convId)}::text[],
        ${col((c) => c.groupId)}::text[], ${col((c) => c.lastSeq)}::bigint[],
        ${col((c) => c.lastMsgSeq)}::bigint[], ${col((c) => c.lastTime)}::bigint[],
        ${col((c) => c.counted)}::bigint[], ${col((c) => c.unreadSupported)}::boolean[])
        AS v(a, cv, gid, ls, lm, lt, n, us)
      ON CONFLICT (sdk_app_id, conv_id) DO UPDATE SET
        last_seq = GREATEST(g.last_seq, excluded.last_seq),
        last_time = CASE WHEN excluded.last_msg_seq > g.last_msg_seq
          THEN excluded.last_time ELSE g.last_time END,
        last_msg_seq = GREATEST(g.last_msg_seq, excluded.last_msg_seq),
        counted_total = g.counted_total + excluded.counted_total,
        unread_supported = excluded.unread_supported,
        version = excluded.version
      RETURNING sdk_app_id, conv_id, counted_total`);
    return new Map(rows.map((r) => [`${r.sdk_app_id}|${r.conv_id}`, Number(r.counted_total)]));
  }

  /** Moves senders' read positions forward in their groups (creating their rows). */
  async applyGroupReads(tx: MessageExecutor, changes: GroupReadChange[]): Promise<void> {
    if (changes.length === 0) return;
    const col = <T>(pick: (c: GroupReadChange) => T) => sql.param(changes.map(pick));
    await tx.execute(sql`
      INSERT INTO conversations AS c (sdk_app_id, user_id, conv_id, conv_type, peer, read_seq,
        counted_at_read, version)
      SELECT a, u, cv, ${ConvTypes.GROUP}, gid, rt, car, ${VERSION}
      FROM unnest(${col((c) => c.sdkAppId)}::bigint[], ${col((c) => c.userId)}::text[],
        ${col((c) => c.convId)}::text[], ${col((c) => c.groupId)}::text[],
        ${col((c) => c.readTo)}::bigint[], ${col((c) => c.countedAtRead)}::bigint[])
        AS v(a, u, cv, gid, rt, car)
      ON CONFLICT (sdk_app_id, user_id, conv_id) DO UPDATE SET
        counted_at_read = CASE WHEN excluded.read_seq > c.read_seq
          THEN excluded.counted_at_read ELSE c.counted_at_read END,
        read_seq = GREATEST(c.read_seq, excluded.read_seq),
        is_deleted = false,
        version = excluded.version`);
  }
}
