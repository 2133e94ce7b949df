import { Injectable } from '@nestjs/common';

import type { WriterClient } from './message.repository';
import { ConvTypes } from './stored-message.model';

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

/** The conversation's version: the commit's clock, in microseconds (as VERSION). */
const NOW_VERSION = `(extract(epoch from clock_timestamp()) * 1000000)::bigint`;

/** The batch's last message replaces the row's (see isNewerLast in message-writer.db). */
const NEWER_C2C_LAST = `(excluded.last_msg_seq > 0 AND (c.last_msg_seq = 0
  OR (excluded.last_time, excluded.last_msg_seq) > (c.last_time, c.last_msg_seq)))`;

const APPLY_C2C = `
  INSERT INTO conversations AS c (sdk_app_id, user_id, conv_id, conv_type, peer, last_seq,
    last_msg_seq, last_time, unread, read_seq, version)
  SELECT a, u, cv, ${ConvTypes.C2C}, p, ls, lm, lt, CASE WHEN rt >= ls THEN 0 ELSE ua END, rt,
    ${NOW_VERSION}
  FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[],
    $7::bigint[], $8::int[], $9::bigint[]) AS v(a, u, cv, p, ls, lm, lt, ua, rt)
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
    version = excluded.version`;

const APPLY_GROUP_LINES = `
  INSERT INTO group_lines AS g (sdk_app_id, conv_id, group_id, last_seq, last_msg_seq,
    last_time, counted_total, unread_supported, version)
  SELECT a, cv, gid, ls, lm, lt, n, us, ${NOW_VERSION}
  FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[],
    $7::bigint[], $8::boolean[]) AS v(a, cv, gid, ls, lm, lt, n, us)
  ON CONFLICT (sdk_app_id, conv_id) DO UPDATE SET
    last_seq = GREATEST(g.last_seq, excluded.last_seq),
    last_time = CASE WHEN excluded.last_msg_seq > g.last_msg_seq
      THEN excluded.last_time ELSE g.last_time END,
    last_msg_seq = GREATEST(g.last_msg_seq, excluded.last_msg_seq),
    counted_total = g.counted_total + excluded.counted_total,
    unread_supported = excluded.unread_supported,
    version = excluded.version
  RETURNING sdk_app_id, conv_id, counted_total`;

const APPLY_GROUP_READS = `
  INSERT INTO conversations AS c (sdk_app_id, user_id, conv_id, conv_type, peer, read_seq,
    counted_at_read, version)
  SELECT a, u, cv, ${ConvTypes.GROUP}, gid, rt, car, ${NOW_VERSION}
  FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
    AS v(a, u, cv, gid, rt, car)
  ON CONFLICT (sdk_app_id, user_id, conv_id) DO UPDATE SET
    counted_at_read = CASE WHEN excluded.read_seq > c.read_seq
      THEN excluded.counted_at_read ELSE c.counted_at_read END,
    read_seq = GREATEST(c.read_seq, excluded.read_seq),
    is_deleted = false,
    version = excluded.version`;

/**
 * What a committed batch of messages changes on `conversations` and `group_lines`, in the
 * writer's transaction: one prepared statement per kind of change, whatever the batch's size.
 */
@Injectable()
export class ConversationBatchRepository {
  /** Applies a batch's C2C changes (one row per user and conversation). */
  async applyC2c(client: WriterClient, changes: C2cRowChange[]): Promise<void> {
    if (changes.length === 0) return;
    const col = <T>(pick: (c: C2cRowChange) => T) => changes.map(pick);
    await client.query({
      name: 'conversation_apply_c2c',
      text: APPLY_C2C,
      values: [
        col((c) => c.sdkAppId),
        col((c) => c.userId),
        col((c) => c.convId),
        col((c) => c.peer),
        col((c) => c.lastSeq),
        col((c) => c.lastMsgSeq),
        col((c) => c.lastTime),
        col((c) => c.unreadAdd),
        col((c) => c.readTo),
      ],
    });
  }

  /** Applies a batch's group line changes; returns each line's counted total after it. */
  async applyGroupLines(
    client: WriterClient,
    changes: GroupLineChange[],
  ): Promise<Map<string, number>> {
    if (changes.length === 0) return new Map();
    const col = <T>(pick: (c: GroupLineChange) => T) => changes.map(pick);
    const { rows } = await client.query<{
      sdk_app_id: string;
      conv_id: string;
      counted_total: string;
    }>({
      name: 'group_line_apply',
      text: APPLY_GROUP_LINES,
      values: [
        col((c) => c.sdkAppId),
        col((c) => c.convId),
        col((c) => c.groupId),
        col((c) => c.lastSeq),
        col((c) => c.lastMsgSeq),
        col((c) => c.lastTime),
        col((c) => c.counted),
        col((c) => c.unreadSupported),
      ],
    });
    return new Map(rows.map((r) => [`${r.sdk_app_id}|${r.conv_id}`, Number(r.counted_total)]));
  }

  /** Moves senders' read positions forward in their groups (creating their rows). */
  async applyGroupReads(client: WriterClient, changes: GroupReadChange[]): Promise<void> {
    if (changes.length === 0) return;
    const col = <T>(pick: (c: GroupReadChange) => T) => changes.map(pick);
    await client.query({
      name: 'conversation_apply_group_reads',
      text: APPLY_GROUP_READS,
      values: [
        col((c) => c.sdkAppId),
        col((c) => c.userId),
        col((c) => c.convId),
        col((c) => c.groupId),
        col((c) => c.readTo),
        col((c) => c.countedAtRead),
      ],
    });
  }
}
