import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { ArchiveFileInfo } from '@im/contracts';

import type { BuiltArchiveFile } from './message-archive.rules';
import type { MessageDb, MessageExecutor } from './message.db';
import { COLUMNS, fromRow } from './message.repository';
import type { MessageRow } from './message.repository';
import { MESSAGE_DB } from './message.tokens';
import { MessageFlags } from './stored-message.model';
import type { ConvTypeCode, StoredMessage } from './stored-message.model';

/** One app, chat type and hour of message time. */
export interface ArchiveHour {
  sdkAppId: number;
  convType: ConvTypeCode;
  /** Start of the hour, UNIX seconds. */
  hour: number;
}

/** A stored archive file without its bytes. */
export interface StoredArchiveFile extends ArchiveFileInfo {
  generation: number;
  fingerprint: string;
}

/** Where a page of an hour's messages ends (message time, conversation, seq). */
export interface ArchiveCursor {
  time: number;
  convId: string;
  seq: number;
}

/** What an archive holds: messages neither deleted nor recalled. */
const SKIPPED = MessageFlags.deleted | MessageFlags.recalled;

/**
 * SQL of the hourly archives (`message_archive_files`) and the reads of `messages` that build
 * them; every statement is scoped by `sdkAppId` but the retention prune of maintenance, which
 * removes expired hours of every app.
 */
@Injectable()
export class MessageArchiveRepository {
  constructor(@Inject(MESSAGE_DB) private readonly db: MessageDb) {}

  /**
   * What the hour's messages are now: their count and newest store and edit. An archive built
   * from other messages (an import or edit since) is rebuilt.
   */
  async fingerprint(db: MessageExecutor, h: ArchiveHour): Promise<{ count: number; key: string }> {
    const { rows } = await db.execute<{ n: string; stored: string | null; edited: string | null }>(
      sql`
      SELECT count(*) AS n, max(stored_at) AS stored, max(edited_at) AS edited FROM messages
      WHERE sdk_app_id = ${h.sdkAppId} AND conv_type = ${h.convType}
        AND msg_time >= ${h.hour} AND msg_time < ${h.hour + 3600}
        AND flags & ${SKIPPED} = 0`,
    );
    const r = rows[0];
    return { count: Number(r.n), key: `${r.n}/${r.stored ?? 0}/${r.edited ?? 0}` };
  }

  /** The hour's messages after a cursor, by (time, conversation, seq). */
  async messagesPage(
    db: MessageExecutor,
    h: ArchiveHour,
    after: ArchiveCursor | undefined,
    limit: number,
  ): Promise<StoredMessage[]> {
    const cursor = after
      ? sql`AND (msg_time, conv_id, seq) > (${after.time}, ${after.convId}, ${after.seq})`
      : sql``;
    const { rows } = await db.execute<MessageRow>(sql`
      SELECT ${COLUMNS} FROM messages
      WHERE sdk_app_id = ${h.sdkAppId} AND conv_type = ${h.convType}
        AND msg_time >= ${h.hour} AND msg_time < ${h.hour + 3600}
        AND flags & ${SKIPPED} = 0 ${cursor}
      ORDER BY msg_time, conv_id, seq
      LIMIT ${limit}`);
    return rows.map(fromRow);
  }

  /** The stored files of an hour (one build), by part. */
  async files(db: MessageExecutor, h: ArchiveHour): Promise<StoredArchiveFile[]> {
    const { rows } = await db.execute<{
      part: number;
      generation: string;
      fingerprint: string;
      file_size: number;
      file_md5: string;
      gzip_size: number;
      gzip_md5: string;
    }>(sql`
      SELECT part, generation, fingerprint, file_size, file_md5, gzip_size, gzip_md5
      FROM message_archive_files
      WHERE sdk_app_id = ${h.sdkAppId} AND conv_type = ${h.convType} AND hour = ${h.hour}
      ORDER BY part`);
    return rows.map((r) => ({
      part: r.part,
      generation: Number(r.generation),
      fingerprint: r.fingerprint,
      fileSize: r.file_size,
      fileMd5: r.file_md5,
      gzipSize: r.gzip_size,
      gzipMd5: r.gzip_md5,
    }));
  }

  /** Serialises builds of one hour across instances (held until the transaction ends). */
  async lockHour(tx: MessageExecutor, h: ArchiveHour): Promise<void> {
    const key = `archive|${h.sdkAppId}|${h.convType}|${h.hour}`;
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  }

  async deleteHour(tx: MessageExecutor, h: ArchiveHour): Promise<void> {
    await tx.execute(sql`
      DELETE FROM message_archive_files
      WHERE sdk_app_id = ${h.sdkAppId} AND conv_type = ${h.convType} AND hour = ${h.hour}`);
  }

  async insertFile(
    tx: MessageExecutor,
    h: ArchiveHour,
    build: { generation: number; fingerprint: string },
    f: BuiltArchiveFile,
  ): Promise<void> {
    await tx.execute(sql`
      INSERT INTO message_archive_files (sdk_app_id, conv_type, hour, part, generation,
        fingerprint, file_size, file_md5, gzip_size, gzip_md5, data)
      VALUES (${h.sdkAppId}, ${h.convType}, ${h.hour}, ${f.part}, ${build.generation},
        ${build.fingerprint}, ${f.fileSize}, ${f.fileMd5}, ${f.gzipSize}, ${f.gzipMd5},
        ${f.gzip})`);
  }

  /** Bytes [offset, offset + length) of a file of one build, with its size; undefined if gone. */
  async readChunk(
    h: ArchiveHour,
    file: { part: number; generation: number },
    offset: number,
    length: number,
  ): Promise<{ data: Buffer; total: number } | undefined> {
    const { rows } = await this.db.execute<{ data: Buffer; total: number }>(sql`
      SELECT substring(data FROM ${offset + 1} FOR ${length}) AS data, gzip_size AS total
      FROM message_archive_files
      WHERE sdk_app_id = ${h.sdkAppId} AND conv_type = ${h.convType} AND hour = ${h.hour}
        AND part = ${file.part} AND generation = ${file.generation}`);
    return rows[0];
  }

  /** Removes the files of hours before `hour` (past the retention); returns how many. */
  async pruneBefore(hour: number): Promise<number> {
    const { rows } = await this.db.execute<{ part: number }>(sql`
      DELETE FROM message_archive_files WHERE hour < ${hour} RETURNING part`);
    return rows.length;
  }
}
