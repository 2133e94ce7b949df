import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { MessageDb } from './message.db';
import { MESSAGE_DB } from './message.tokens';

/** The only SQL on `dirty_words`. */
@Injectable()
export class DirtyWordsRepository {
  constructor(@Inject(MESSAGE_DB) private readonly db: MessageDb) {}

  async findAll(sdkAppId: number): Promise<string[]> {
    const { rows } = await this.db.execute<{ word: string }>(
      sql`SELECT word FROM dirty_words WHERE sdk_app_id = ${sdkAppId} ORDER BY created_at, word`,
    );
    return rows.map((r) => r.word);
  }

  /** A page of the words (oldest first), those containing `content` when given. */
  async findPage(
    sdkAppId: number,
    offset: number,
    limit: number,
    content?: string,
  ): Promise<{ total: number; words: { word: string; createdAt: string }[] }> {
    const filter =
      content !== undefined && content !== ''
        ? sql`AND strpos(lower(word), lower(${content})) > 0`
        : sql``;
    const where = sql`sdk_app_id = ${sdkAppId} ${filter}`;
    const { rows } = await this.db.execute<{ word: string; created: string }>(sql`
      SELECT word, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS created
      FROM dirty_words WHERE ${where} ORDER BY created_at, word OFFSET ${offset} LIMIT ${limit}`);
    const count = await this.db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM dirty_words WHERE ${where}`,
    );
    return {
      total: Number(count.rows[0].n),
      words: rows.map((r) => ({ word: r.word, createdAt: r.created })),
    };
  }

  /** Adds words unless the app would then have more than `max`; false when it would. */
  async add(sdkAppId: number, words: string[], max: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(hashtext('dirty_words:' || ${sdkAppId}::text)::bigint)`,
      );
      const { rows } = await tx.execute<{ n: string }>(sql`
        SELECT count(*) AS n FROM dirty_words
        WHERE sdk_app_id = ${sdkAppId} AND word <> ALL(${sql.param(words)}::text[])`);
      if (Number(rows[0].n) + words.length > max) return false;
      await tx.execute(sql`
        INSERT INTO dirty_words (sdk_app_id, word)
        SELECT ${sdkAppId}, w FROM unnest(${sql.param(words)}::text[]) AS w
        ON CONFLICT DO NOTHING`);
      return true;
    });
  }

  async delete(sdkAppId: number, words: string[]): Promise<void> {
    await this.db.execute(sql`
      DELETE FROM dirty_words
      WHERE sdk_app_id = ${sdkAppId} AND word = ANY(${sql.param(words)}::text[])`);
  }
}
