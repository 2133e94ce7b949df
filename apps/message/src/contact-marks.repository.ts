import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { ContactGroupInfo } from '@im/contracts';

import { VERSION } from './conversation.repository';
import type { MessageDb, MessageExecutor, MessageTx } from './message.db';
import { MESSAGE_DB } from './message.tokens';

/** A conversation's marks and groups as stored (`standardMark` = signed bigint text). */
export interface ContactMarkRow {
  convId: string;
  standardMark: string;
  customMark: string;
  groupIds: number[];
  updatedAt: number;
}

type MarkRow = {
  conv_id: string;
  standard_mark: string;
  custom_mark: string;
  group_ids: number[];
  updated_at: string;
};

const fromRow = (r: MarkRow): ContactMarkRow => ({
  convId: r.conv_id,
  standardMark: String(r.standard_mark),
  customMark: r.custom_mark,
  groupIds: [...r.group_ids].sort((a, b) => a - b),
  updatedAt: Number(r.updated_at),
});

const MARK_COLUMNS = sql.raw(`conv_id, standard_mark, custom_mark, group_ids, updated_at`);

/**
 * The SQL on `conversation_groups` and `conversation_marks`; every method is scoped by
 * `sdkAppId` and the user. Changes run in one transaction per command, serialized per user.
 */
@Injectable()
export class ContactMarksRepository {
  constructor(@Inject(MESSAGE_DB) private readonly db: MessageDb) {}

  /** Runs `work` in a transaction holding the user's lock (one change at a time per user). */
  inUserTx<T>(sdkAppId: number, userId: string, work: (tx: MessageTx) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(hashtextextended(${`contact-marks|${sdkAppId}|${userId}`}, 0))`,
      );
      return work(tx);
    });
  }

  async findGroups(
    sdkAppId: number,
    userId: string,
    db: MessageExecutor = this.db,
  ): Promise<ContactGroupInfo[]> {
    const { rows } = await db.execute<{ group_id: number; name: string }>(sql`
      SELECT group_id, name FROM conversation_groups
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId} ORDER BY group_id`);
    return rows.map((r) => ({ groupId: r.group_id, name: r.name }));
  }

  async insertGroup(
    tx: MessageExecutor,
    sdkAppId: number,
    userId: string,
    group: ContactGroupInfo,
  ): Promise<void> {
    await tx.execute(sql`
      INSERT INTO conversation_groups (sdk_app_id, user_id, group_id, name)
      VALUES (${sdkAppId}, ${userId}, ${group.groupId}, ${group.name})`);
  }

  async renameGroup(
    tx: MessageExecutor,
    sdkAppId: number,
    userId: string,
    groupId: number,
    name: string,
  ): Promise<void> {
    await tx.execute(sql`
      UPDATE conversation_groups SET name = ${name}
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId} AND group_id = ${groupId}`);
  }

  /** Deletes groups and takes them off every conversation; returns the conversations changed. */
  async deleteGroups(
    tx: MessageExecutor,
    sdkAppId: number,
    userId: string,
    groupIds: number[],
    now: number,
  ): Promise<string[]> {
    const ids = sql.param(groupIds);
    await tx.execute(sql`
      DELETE FROM conversation_groups
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId} AND group_id = ANY(${ids}::int[])`);
    const { rows } = await tx.execute<{ conv_id: string }>(sql`
      UPDATE conversation_marks SET updated_at = ${now},
        group_ids = ARRAY(SELECT unnest(group_ids) EXCEPT SELECT unnest(${ids}::int[]))
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId} AND group_ids && ${ids}::int[]
      RETURNING conv_id`);
    return rows.map((r) => r.conv_id);
  }

  /** How many conversations of the user have marks or groups. */
  async countMarked(tx: MessageExecutor, sdkAppId: number, userId: string): Promise<number> {
    const { rows } = await tx.execute<{ n: string }>(sql`
      SELECT count(*) AS n FROM conversation_marks
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}`);
    return Number(rows[0]?.n ?? 0);
  }

  async findMarks(
    sdkAppId: number,
    userId: string,
    convIds: string[],
    db: MessageExecutor = this.db,
  ): Promise<ContactMarkRow[]> {
    if (convIds.length === 0) return [];
    const { rows } = await db.execute<MarkRow>(sql`
      SELECT ${MARK_COLUMNS} FROM conversation_marks
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}
        AND conv_id = ANY(${sql.param(convIds)}::text[])`);
    return rows.map(fromRow);
  }

  /** A page of the user's conversations with data, in conversation id order. */
  async findMarksPage(
    sdkAppId: number,
    userId: string,
    offset: number,
    limit: number,
  ): Promise<ContactMarkRow[]> {
    const { rows } = await this.db.execute<MarkRow>(sql`
      SELECT ${MARK_COLUMNS} FROM conversation_marks
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}
      ORDER BY conv_id OFFSET ${offset} LIMIT ${limit}`);
    return rows.map(fromRow);
  }

  /** Adds conversations to a group (creating their rows); returns their rows after. */
  async addToGroup(
    tx: MessageExecutor,
    sdkAppId: number,
    userId: string,
    groupId: number,
    convIds: string[],
    now: number,
  ): Promise<void> {
    if (convIds.length === 0) return;
    await tx.execute(sql`
      INSERT INTO conversation_marks AS m (sdk_app_id, user_id, conv_id, group_ids, updated_at)
      SELECT ${sdkAppId}, ${userId}, cv, ARRAY[${groupId}::int], ${now}
      FROM unnest(${sql.param(convIds)}::text[]) AS cv
      ON CONFLICT (sdk_app_id, user_id, conv_id) DO UPDATE SET
        group_ids = CASE WHEN ${groupId}::int = ANY(m.group_ids) THEN m.group_ids
          ELSE array_append(m.group_ids, ${groupId}::int) END,
        updated_at = excluded.updated_at`);
  }

  async removeFromGroup(
    tx: MessageExecutor,
    sdkAppId: number,
    userId: string,
    groupId: number,
    convIds: string[],
    now: number,
  ): Promise<void> {
    if (convIds.length === 0) return;
    await tx.execute(sql`
      UPDATE conversation_marks SET group_ids = array_remove(group_ids, ${groupId}::int),
        updated_at = ${now}
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}
        AND conv_id = ANY(${sql.param(convIds)}::text[])`);
  }

  /** Sets and clears standard mark bits and/or replaces the custom mark; the row after. */
  async applyMark(
    tx: MessageExecutor,
    sdkAppId: number,
    userId: string,
    change: { convId: string; setMask: string; clearMask: string; customMark?: string },
    now: number,
  ): Promise<ContactMarkRow> {
    const custom = change.customMark ?? null;
    const { rows } = await tx.execute<MarkRow>(sql`
      INSERT INTO conversation_marks AS m (sdk_app_id, user_id, conv_id, standard_mark,
        custom_mark, updated_at)
      VALUES (${sdkAppId}, ${userId}, ${change.convId},
        ${change.setMask}::bigint & ~${change.clearMask}::bigint, COALESCE(${custom}::text, ''),
        ${now})
      ON CONFLICT (sdk_app_id, user_id, conv_id) DO UPDATE SET
        standard_mark = (m.standard_mark | ${change.setMask}::bigint) & ~${change.clearMask}::bigint,
        custom_mark = COALESCE(${custom}::text, m.custom_mark),
        updated_at = excluded.updated_at
      RETURNING ${MARK_COLUMNS}`);
    return fromRow(rows[0]);
  }

  /** Drops rows left with no mark and no group (they no longer count toward the limit). */
  async pruneEmpty(tx: MessageExecutor, sdkAppId: number, userId: string): Promise<void> {
    await tx.execute(sql`
      DELETE FROM conversation_marks
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}
        AND standard_mark = 0 AND custom_mark = '' AND cardinality(group_ids) = 0`);
  }

  /** The user's conversation rows, if any, show the change at their next sync. */
  async touchConversations(
    tx: MessageExecutor,
    sdkAppId: number,
    userId: string,
    convIds: string[],
  ): Promise<void> {
    if (convIds.length === 0) return;
    await tx.execute(sql`
      UPDATE conversations SET version = ${VERSION}
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}
        AND conv_id = ANY(${sql.param(convIds)}::text[])`);
  }
}
