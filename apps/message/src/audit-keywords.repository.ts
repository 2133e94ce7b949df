import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { AuditKeywordInfo, AuditLibInfo } from '@im/contracts';

import type { MessageDb } from './message.db';
import { MESSAGE_DB } from './message.tokens';

const TIME = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')`);

/** The only SQL on `audit_keyword_libs` and `audit_keywords` (the cloud keyword lists). */
@Injectable()
export class AuditKeywordsRepository {
  constructor(@Inject(MESSAGE_DB) private readonly db: MessageDb) {}

  /** The app's libraries, the default one created on first use. */
  async findLibs(
    sdkAppId: number,
    offset: number,
    limit: number,
  ): Promise<{ total: number; libs: AuditLibInfo[] }> {
    await this.db.execute(sql`
      INSERT INTO audit_keyword_libs (sdk_app_id, lib_id, lib_name)
      SELECT ${sdkAppId}, ${randomUUID()}, ${`default_${sdkAppId}`}
      WHERE NOT EXISTS (SELECT 1 FROM audit_keyword_libs WHERE sdk_app_id = ${sdkAppId})`);
    const { rows } = await this.db.execute<{
      lib_id: string;
      lib_name: string;
      describe: string;
      suggestion: 'Block' | 'Review';
      created: string;
      total: string;
    }>(sql`
      SELECT lib_id, lib_name, describe, suggestion, ${TIME('created_at')} AS created,
        count(*) OVER () AS total
      FROM audit_keyword_libs WHERE sdk_app_id = ${sdkAppId}
      ORDER BY created_at, lib_id OFFSET ${offset} LIMIT ${limit}`);
    const total = rows.length ? Number(rows[0].total) : await this.countLibs(sdkAppId);
    return {
      total,
      libs: rows.map((r) => ({
        id: r.lib_id,
        name: r.lib_name,
        describe: r.describe,
        createdAt: r.created,
        suggestion: r.suggestion,
      })),
    };
  }

  private async countLibs(sdkAppId: number): Promise<number> {
    const { rows } = await this.db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM audit_keyword_libs WHERE sdk_app_id = ${sdkAppId}`,
    );
    return Number(rows[0].n);
  }

  async libExists(sdkAppId: number, libId: string): Promise<boolean> {
    const { rows } = await this.db.execute(sql`
      SELECT 1 FROM audit_keyword_libs WHERE sdk_app_id = ${sdkAppId} AND lib_id = ${libId}`);
    return rows.length > 0;
  }

  /** A page of a library's keywords, those containing `content` when given. */
  async findKeywords(
    sdkAppId: number,
    libId: string,
    offset: number,
    limit: number,
    content?: string,
  ): Promise<{ total: number; keywords: AuditKeywordInfo[] }> {
    const filter =
      content !== undefined && content !== ''
        ? sql`AND strpos(lower(content), lower(${content})) > 0`
        : sql``;
    const where = sql`sdk_app_id = ${sdkAppId} AND lib_id = ${libId} ${filter}`;
    const { rows } = await this.db.execute<{
      keyword_id: string;
      content: string;
      label: string;
      created: string;
    }>(sql`
      SELECT keyword_id, content, label, ${TIME('created_at')} AS created FROM audit_keywords
      WHERE ${where} ORDER BY keyword_id OFFSET ${offset} LIMIT ${limit}`);
    const count = await this.db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM audit_keywords WHERE ${where}`,
    );
    return {
      total: Number(count.rows[0].n),
      keywords: rows.map((r) => ({
        id: String(r.keyword_id),
        content: r.content,
        label: r.label,
        createdAt: r.created,
      })),
    };
  }

  /** Every keyword of the app's libraries with its label and its library's suggestion. */
  async findAllKeywords(
    sdkAppId: number,
  ): Promise<{ content: string; label: string; suggestion: 'Block' | 'Review' }[]> {
    const { rows } = await this.db.execute<{
      content: string;
      label: string;
      suggestion: 'Block' | 'Review';
    }>(sql`
      SELECT k.content, k.label, l.suggestion FROM audit_keywords k
      JOIN audit_keyword_libs l ON l.sdk_app_id = k.sdk_app_id AND l.lib_id = k.lib_id
      WHERE k.sdk_app_id = ${sdkAppId} ORDER BY k.keyword_id`);
    return rows;
  }

  /** Adds keywords unless the library would then hold more than `max`; false when it would. */
  async addKeywords(
    sdkAppId: number,
    libId: string,
    keywords: { content: string; label: string }[],
    max: number,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(hashtextextended(${`audit|${sdkAppId}|${libId}`}, 0))`,
      );
      const contents = keywords.map((k) => k.content);
      const { rows } = await tx.execute<{ n: string }>(sql`
        SELECT count(*) AS n FROM audit_keywords
        WHERE sdk_app_id = ${sdkAppId} AND lib_id = ${libId}
          AND content <> ALL(${sql.param(contents)}::text[])`);
      if (Number(rows[0].n) + keywords.length > max) return false;
      await tx.execute(sql`
        INSERT INTO audit_keywords (sdk_app_id, lib_id, content, label)
        SELECT ${sdkAppId}, ${libId}, c, l
        FROM unnest(${sql.param(contents)}::text[], ${sql.param(keywords.map((k) => k.label))}::text[])
          AS v(c, l)
        ON CONFLICT (sdk_app_id, lib_id, content) DO UPDATE SET label = excluded.label`);
      return true;
    });
  }

  async deleteKeywords(sdkAppId: number, libId: string, ids: string[]): Promise<void> {
    await this.db.execute(sql`
      DELETE FROM audit_keywords
      WHERE sdk_app_id = ${sdkAppId} AND lib_id = ${libId}
        AND keyword_id::text = ANY(${sql.param(ids)}::text[])`);
  }
}
