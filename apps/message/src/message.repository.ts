import { Inject, Injectable } from '@nestjs/common';
import { sql, SQL } from 'drizzle-orm';
import type { PoolClient } from 'pg';

import type { MsgElement } from '@im/contracts';

import type { MessageDb } from './message.db';
import { MESSAGE_DB } from './message.tokens';
import { MessageFlags } from './stored-message.model';
import type { ConvTypeCode, MessageExtra, StoredMessage } from './stored-message.model';

export type MessageRow = {
  sdk_app_id: string;
  conv_id: string;
  seq: string;
  conv_type: number;
  from_id: string;
  to_id: string;
  msg_time: string;
  stored_at: string;
  random: string;
  client_seq: string;
  dedupe_key: string | null;
  body: MsgElement[];
  cloud_custom_data: string | null;
  extra: MessageExtra | null;
  flags: number;
  hidden_from: string | null;
  expires_at: string | null;
  edited_at: string | null;
};

export const COLUMNS = sql.raw(`sdk_app_id, conv_id, seq, conv_type, from_id, to_id, msg_time,
  stored_at, random, client_seq, dedupe_key, body, cloud_custom_data, extra, flags, hidden_from,
  expires_at, edited_at`);

export function fromRow(r: MessageRow): StoredMessage {
  return {
    sdkAppId: Number(r.sdk_app_id),
    convId: r.conv_id,
    convType: r.conv_type as ConvTypeCode,
    seq: Number(r.seq),
    fromId: r.from_id,
    toId: r.to_id,
    msgTime: Number(r.msg_time),
    storedAt: Number(r.stored_at),
    random: Number(r.random),
    clientSeq: Number(r.client_seq),
    dedupeKey: r.dedupe_key,
    body: r.body,
    cloudCustomData: r.cloud_custom_data,
    extra: r.extra,
    flags: r.flags,
    hiddenFrom: r.hidden_from,
    expiresAt: r.expires_at === null ? null : Number(r.expires_at),
    editedAt: r.edited_at === null ? null : Number(r.edited_at),
  };
}

/** The connection of the writer's transaction (prepared statements are per connection). */
export type WriterClient = Pick<PoolClient, 'query'>;

const COLUMN_LIST = `sdk_app_id, conv_id, seq, conv_type, from_id, to_id, msg_time, stored_at,
  random, client_seq, dedupe_key, body, cloud_custom_data, extra, flags, hidden_from, expires_at,
  edited_at`;

const INSERT_BATCH = `
  INSERT INTO messages (sdk_app_id, conv_id, seq, day, conv_type, from_id, to_id, msg_time,
    stored_at, random, client_seq, dedupe_key, body, cloud_custom_data, extra, flags,
    hidden_from, expires_at)
  SELECT a, c, s, (now() AT TIME ZONE 'UTC')::date, t, f, o, mt, sa, r, cs, dk, b, cc, x, fl, h, e
  FROM jsonb_to_recordset($1::jsonb)
    AS u(a bigint, c text, s bigint, t smallint, f text, o text, mt bigint, sa bigint,
      r bigint, cs bigint, dk text, b jsonb, cc text, x jsonb, fl int, h text, e bigint)
  ON CONFLICT DO NOTHING
  RETURNING sdk_app_id, conv_id, seq`;

const FIND_BY_DEDUPE_KEYS = `
  SELECT ${COLUMN_LIST} FROM messages
  WHERE (sdk_app_id, conv_id, dedupe_key) IN (
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[]))
  ORDER BY seq`;

/** Identity of a duplicate found by its de-duplication key. */
export interface DedupeHit {
  sdkAppId: number;
  convId: string;
  dedupeKey: string;
  message: StoredMessage;
}

/** The only SQL on `messages`; every method is scoped by `sdkAppId`. */
@Injectable()
export class MessageRepository {
  constructor(@Inject(MESSAGE_DB) private readonly db: MessageDb) {}

  /**
   * Inserts messages into today's partition; a message whose de-duplication key is already
   * there today is skipped. Returns the `app|conv|seq` of those inserted. One prepared
   * statement whatever the batch's size: the rows travel as one JSON document (bodies stay
   * JSON, nothing is escaped twice).
   */
  async insertMessages(client: WriterClient, messages: StoredMessage[]): Promise<Set<string>> {
    if (messages.length === 0) return new Set();
    const rows = messages.map((m) => ({
      a: m.sdkAppId,
      c: m.convId,
      s: m.seq,
      t: m.convType,
      f: m.fromId,
      o: m.toId,
      mt: m.msgTime,
      sa: m.storedAt,
      r: m.random,
      cs: m.clientSeq,
      dk: m.dedupeKey,
      b: m.body,
      cc: m.cloudCustomData,
      x: m.extra,
      fl: m.flags,
      h: m.hiddenFrom,
      e: m.expiresAt,
    }));
    const { rows: inserted } = await client.query<{
      sdk_app_id: string;
      conv_id: string;
      seq: string;
    }>({ name: 'message_insert_batch', text: INSERT_BATCH, values: [JSON.stringify(rows)] });
    return new Set(inserted.map((r) => `${r.sdk_app_id}|${r.conv_id}|${r.seq}`));
  }

  /** The stored messages with these de-duplication keys (any day). */
  async findByDedupeKeys(
    client: WriterClient,
    keys: { sdkAppId: number; convId: string; dedupeKey: string }[],
  ): Promise<DedupeHit[]> {
    if (keys.length === 0) return [];
    const { rows } = await client.query<MessageRow>({
      name: 'message_find_by_dedupe_keys',
      text: FIND_BY_DEDUPE_KEYS,
      values: [
        keys.map((k) => k.sdkAppId),
        keys.map((k) => k.convId),
        keys.map((k) => k.dedupeKey),
      ],
    });
    return rows.map((r) => ({
      sdkAppId: Number(r.sdk_app_id),
      convId: r.conv_id,
      dedupeKey: r.dedupe_key ?? '',
      message: fromRow(r),
    }));
  }

  /** One message by seq. */
  async findOne(sdkAppId: number, convId: string, seq: number): Promise<StoredMessage | undefined> {
    const { rows } = await this.db.execute<MessageRow>(sql`
      SELECT ${COLUMNS} FROM messages
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId} AND seq = ${seq}
      LIMIT 1`);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  /** Messages of one conversation by seq. */
  async findBySeqs(sdkAppId: number, convId: string, seqs: number[]): Promise<StoredMessage[]> {
    if (seqs.length === 0) return [];
    const { rows } = await this.db.execute<MessageRow>(sql`
      SELECT ${COLUMNS} FROM messages
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId}
        AND seq = ANY(${sql.param(seqs)}::bigint[])`);
    return rows.map(fromRow);
  }

  /** Messages of several conversations, one seq each (last messages of a sync page). */
  async findEach(
    sdkAppId: number,
    wanted: { convId: string; seq: number }[],
  ): Promise<StoredMessage[]> {
    if (wanted.length === 0) return [];
    const { rows } = await this.db.execute<MessageRow>(sql`
      SELECT ${COLUMNS} FROM messages
      WHERE sdk_app_id = ${sdkAppId} AND (conv_id, seq) IN (
        SELECT * FROM unnest(${sql.param(wanted.map((w) => w.convId))}::text[],
          ${sql.param(wanted.map((w) => w.seq))}::bigint[]))`);
    return rows.map(fromRow);
  }

  /**
   * Per conversation, its newest rows with `after < seq <= upTo`, at most `perConversation`
   * each (one statement for a sync page; deleted and hidden rows included, the caller filters).
   */
  async findNewestEach(
    sdkAppId: number,
    wanted: { convId: string; after: number; upTo: number }[],
    perConversation: number,
  ): Promise<StoredMessage[]> {
    if (wanted.length === 0) return [];
    const { rows } = await this.db.execute<MessageRow>(sql`
      SELECT m.* FROM unnest(${sql.param(wanted.map((w) => w.convId))}::text[],
          ${sql.param(wanted.map((w) => w.after))}::bigint[],
          ${sql.param(wanted.map((w) => w.upTo))}::bigint[]) AS w(w_conv, w_after, w_up_to)
        CROSS JOIN LATERAL (
          SELECT ${COLUMNS} FROM messages
          WHERE sdk_app_id = ${sdkAppId} AND conv_id = w.w_conv
            AND seq > w.w_after AND seq <= w.w_up_to
          ORDER BY seq DESC
          LIMIT ${perConversation}) AS m`);
    return rows.map(fromRow);
  }

  /**
   * Rows of a conversation from `fromSeq` on (asc) or back (desc), deleted and hidden ones
   * included (the caller filters: it has to tell a hole from a hidden message).
   */
  async findRange(
    sdkAppId: number,
    convId: string,
    fromSeq: number,
    order: 'asc' | 'desc',
    limit: number,
    bound?: number,
  ): Promise<StoredMessage[]> {
    const range: SQL =
      order === 'asc'
        ? sql`seq >= ${fromSeq}${bound !== undefined ? sql` AND seq <= ${bound}` : sql``}`
        : sql`seq <= ${fromSeq}${bound !== undefined ? sql` AND seq >= ${bound}` : sql``}`;
    const { rows } = await this.db.execute<MessageRow>(sql`
      SELECT ${COLUMNS} FROM messages
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId} AND ${range}
      ORDER BY seq ${sql.raw(order === 'asc' ? 'ASC' : 'DESC')}
      LIMIT ${limit}`);
    return rows.map(fromRow);
  }

  /**
   * A C2C conversation's messages with time in [minTime, maxTime] before (time, seq) of a
   * cursor, newest first.
   */
  async findByTime(
    sdkAppId: number,
    convId: string,
    minTime: number,
    maxTime: number,
    before: { time: number; seq: number } | undefined,
    limit: number,
  ): Promise<StoredMessage[]> {
    const cursor = before ? sql`AND (msg_time, seq) < (${before.time}, ${before.seq})` : sql``;
    const { rows } = await this.db.execute<MessageRow>(sql`
      SELECT ${COLUMNS} FROM messages
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId}
        AND msg_time >= ${minTime} AND msg_time <= ${maxTime} ${cursor}
        AND flags & ${MessageFlags.deleted} = 0
      ORDER BY msg_time DESC, seq DESC
      LIMIT ${limit}`);
    return rows.map(fromRow);
  }

  /** A message of a conversation by the parts of its C2C MsgKey (random and time). */
  async findByKey(
    sdkAppId: number,
    convId: string,
    random: number,
    time: number,
  ): Promise<StoredMessage[]> {
    const { rows } = await this.db.execute<MessageRow>(sql`
      SELECT ${COLUMNS} FROM messages
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId} AND random = ${random}
        AND msg_time = ${time}
      ORDER BY seq`);
    return rows.map(fromRow);
  }

  /**
   * The seq of the `n`-th message at or before `upToSeq`, counting from the end, that an
   * explicit unread count may cover: counted ones and imported ones (imports are not counted
   * as they arrive, but set_unread_msg_num and import_group_member name them unread); 0 when
   * there are fewer. Also how many such messages there are when there are fewer.
   */
  async nthUnreadCandidate(
    sdkAppId: number,
    convId: string,
    n: number,
    upToSeq: number,
  ): Promise<{ seq: number; available: number }> {
    const candidate = sql`sdk_app_id = ${sdkAppId} AND conv_id = ${convId} AND seq <= ${upToSeq}
      AND (flags & ${MessageFlags.notCounted} = 0 OR flags & ${MessageFlags.imported} <> 0)`;
    const { rows } = await this.db.execute<{ seq: string }>(sql`
      SELECT seq FROM messages WHERE ${candidate} ORDER BY seq DESC OFFSET ${n - 1} LIMIT 1`);
    if (rows[0]) return { seq: Number(rows[0].seq), available: n };
    const counted = await this.db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM messages WHERE ${candidate}`,
    );
    return { seq: 0, available: Number(counted.rows[0].n) };
  }

  /** The highest seq of a conversation with time at most `time` (admin_set_msg_read). */
  async maxSeqUntil(sdkAppId: number, convId: string, time: number): Promise<number> {
    const { rows } = await this.db.execute<{ seq: string | null }>(sql`
      SELECT max(seq) AS seq FROM messages
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId} AND msg_time <= ${time}`);
    return Number(rows[0]?.seq ?? 0);
  }

  /**
   * Messages in (afterSeq, upToSeq] that count as unread for `userId`: from someone else, not
   * hidden from them, not deleted, not flagged as not counted.
   */
  async countUnread(
    sdkAppId: number,
    convId: string,
    userId: string,
    afterSeq: number,
    upToSeq: number,
  ): Promise<number> {
    if (upToSeq <= afterSeq) return 0;
    const skip = MessageFlags.deleted | MessageFlags.notCounted;
    const { rows } = await this.db.execute<{ n: string }>(sql`
      SELECT count(*) AS n FROM messages
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId}
        AND seq > ${afterSeq} AND seq <= ${upToSeq}
        AND from_id <> ${userId} AND hidden_from IS DISTINCT FROM ${userId}
        AND flags & ${skip} = 0`);
    return Number(rows[0].n);
  }

  /** Messages in (afterSeq, upToSeq] counted in a group line's `counted_total`. */
  async countCounted(
    sdkAppId: number,
    convId: string,
    afterSeq: number,
    upToSeq: number,
  ): Promise<number> {
    if (upToSeq <= afterSeq) return 0;
    const { rows } = await this.db.execute<{ n: string }>(sql`
      SELECT count(*) AS n FROM messages
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId}
        AND seq > ${afterSeq} AND seq <= ${upToSeq}
        AND flags & ${MessageFlags.notCounted} = 0`);
    return Number(rows[0].n);
  }

  /**
   * Replaces a message by a recall mark; returns it as it was, or undefined when absent or
   * recalled already. The flag is tested on the row being updated, so of two concurrent
   * recalls exactly one gets the message (the other waits for its row lock, then sees the flag).
   */
  async markRecalled(
    sdkAppId: number,
    convId: string,
    seq: number,
  ): Promise<StoredMessage | undefined> {
    const { rows } = await this.db.execute<MessageRow>(sql`
      UPDATE messages m SET flags = m.flags | ${MessageFlags.recalled}, body = '[]'::jsonb,
        cloud_custom_data = NULL
      FROM (SELECT ${COLUMNS} FROM messages
        WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId} AND seq = ${seq}) old
      WHERE m.sdk_app_id = ${sdkAppId} AND m.conv_id = ${convId} AND m.seq = ${seq}
        AND m.flags & ${MessageFlags.recalled} = 0
      RETURNING old.*`);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  /** New body and/or CloudCustomData; returns the edited message. */
  async updateContent(
    sdkAppId: number,
    convId: string,
    seq: number,
    change: { body?: MsgElement[]; cloudCustomData?: string; editedAt: number },
  ): Promise<StoredMessage | undefined> {
    const { rows } = await this.db.execute<MessageRow>(sql`
      UPDATE messages SET
        body = COALESCE(${change.body ? JSON.stringify(change.body) : null}::jsonb, body),
        cloud_custom_data = COALESCE(${change.cloudCustomData ?? null}::text, cloud_custom_data),
        edited_at = ${change.editedAt}
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId} AND seq = ${seq}
      RETURNING ${COLUMNS}`);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  /**
   * One-way deletion of messages for `userId` (delete_c2c_msg_ramble): they become hidden from
   * them; one the other party already does not see is deleted outright. Messages already
   * deleted or hidden from `userId` are left alone. Returns the seqs changed.
   */
  async hideFrom(
    sdkAppId: number,
    convId: string,
    seqs: number[],
    userId: string,
  ): Promise<number[]> {
    if (seqs.length === 0) return [];
    const { rows } = await this.db.execute<{ seq: string }>(sql`
      UPDATE messages SET
        flags = CASE WHEN hidden_from IS NULL THEN flags ELSE flags | ${MessageFlags.deleted} END,
        body = CASE WHEN hidden_from IS NULL THEN body ELSE '[]'::jsonb END,
        hidden_from = COALESCE(hidden_from, ${userId})
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId}
        AND seq = ANY(${sql.param(seqs)}::bigint[])
        AND flags & ${MessageFlags.deleted} = 0 AND hidden_from IS DISTINCT FROM ${userId}
      RETURNING seq`);
    return rows.map((r) => Number(r.seq));
  }

  /** Marks every message of a sender in a conversation deleted; returns how many. */
  async markDeletedBySender(sdkAppId: number, convId: string, fromId: string): Promise<number> {
    const { rows } = await this.db.execute<{ seq: string }>(sql`
      UPDATE messages SET flags = flags | ${MessageFlags.deleted}, body = '[]'::jsonb,
        cloud_custom_data = NULL
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId} AND from_id = ${fromId}
        AND flags & ${MessageFlags.deleted} = 0
      RETURNING seq`);
    return rows.length;
  }
}
