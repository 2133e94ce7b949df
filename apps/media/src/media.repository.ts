import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';

import { PG_POOL } from '@im/platform';

import type { MediaKind, RenditionName } from './media-kinds.rules';
import { SWEEP_CLAIM_SECONDS } from './media-retention.rules';

export interface StoredRendition {
  rendition: RenditionName;
  size: number;
  width?: number;
  height?: number;
}

export interface MediaObjectRow {
  sdkAppId: number;
  uuid: string;
  kind: MediaKind;
  ownerId: string;
  contentType: string;
  fileName: string;
  totalBytes: number;
  renditions: StoredRendition[];
  createdAt: Date;
  /** The latest stored message naming it (null: none yet). */
  attachedAt: Date | null;
  /** When the app forbade it (`forbid_illegal_object`); null: downloads work. */
  forbiddenAt: Date | null;
}

/** A row the retention sweeper claimed: what to delete from the store. */
export interface ClaimedObject {
  sdkAppId: number;
  uuid: string;
  renditions: StoredRendition[];
}

interface DbRow {
  sdk_app_id: string;
  uuid: string;
  kind: MediaKind;
  owner_id: string;
  content_type: string;
  file_name: string;
  total_bytes: string;
  renditions: StoredRendition[];
  created_at: Date;
  attached_at: Date | null;
  forbidden_at: Date | null;
}

const CLAIMED = `RETURNING m.sdk_app_id, m.uuid, m.renditions`;
const claimable = (alias: string) =>
  `(${alias}.swept_at IS NULL OR ${alias}.swept_at < now() - make_interval(secs => ${SWEEP_CLAIM_SECONDS}))`;

/** The only SQL of the media service: upload rows and per-app usage. */
@Injectable()
export class MediaRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async insertObject(
    sdkAppId: number,
    row: Omit<MediaObjectRow, 'sdkAppId' | 'createdAt' | 'attachedAt' | 'forbiddenAt'>,
  ) {
    await this.pool.query(
      `INSERT INTO media_objects
         (sdk_app_id, uuid, kind, owner_id, content_type, file_name, total_bytes, renditions)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        sdkAppId,
        row.uuid,
        row.kind,
        row.ownerId,
        row.contentType,
        row.fileName,
        row.totalBytes,
        JSON.stringify(row.renditions),
      ],
    );
  }

  async findObject(sdkAppId: number, uuid: string): Promise<MediaObjectRow | undefined> {
    const { rows } = await this.pool.query<DbRow>(
      `SELECT * FROM media_objects WHERE sdk_app_id = $1 AND uuid = $2`,
      [sdkAppId, uuid],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      sdkAppId: Number(r.sdk_app_id),
      uuid: r.uuid,
      kind: r.kind,
      ownerId: r.owner_id,
      contentType: r.content_type,
      fileName: r.file_name,
      totalBytes: Number(r.total_bytes),
      renditions: r.renditions,
      createdAt: r.created_at,
      attachedAt: r.attached_at,
      forbiddenAt: r.forbidden_at,
    };
  }

  /**
   * Sets (at `at`) or clears (null) the forbidden mark of an upload; false when the app has no
   * such upload. Forbidding twice keeps the first time.
   */
  async setForbidden(sdkAppId: number, uuid: string, at: Date | null): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE media_objects SET forbidden_at = CASE WHEN $3::timestamptz IS NULL THEN NULL
                                                    ELSE coalesce(forbidden_at, $3) END
       WHERE sdk_app_id = $1 AND uuid = $2`,
      [sdkAppId, uuid, at],
    );
    return (rowCount ?? 0) > 0;
  }

  async countObjects(sdkAppId: number): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM media_objects WHERE sdk_app_id = $1`,
      [sdkAppId],
    );
    return Number(rows[0].n);
  }

  /**
   * Adds `bytes` to the app's usage when the total stays within `quota`; false (nothing
   * changed) otherwise. Atomic: concurrent uploads cannot overshoot together.
   */
  async reserveBytes(sdkAppId: number, bytes: number, quota: number): Promise<boolean> {
    if (bytes > quota) return false;
    const { rowCount } = await this.pool.query(
      `INSERT INTO media_usage (sdk_app_id, bytes_used) VALUES ($1, $2)
       ON CONFLICT (sdk_app_id) DO UPDATE
         SET bytes_used = media_usage.bytes_used + EXCLUDED.bytes_used, updated_at = now()
         WHERE media_usage.bytes_used + EXCLUDED.bytes_used <= $3`,
      [sdkAppId, bytes, quota],
    );
    return rowCount === 1;
  }

  /** Changes the app's usage by `delta` (negative: released), never below zero. */
  async adjustBytes(sdkAppId: number, delta: number): Promise<void> {
    await this.pool.query(
      `UPDATE media_usage SET bytes_used = greatest(0, bytes_used + $2), updated_at = now()
       WHERE sdk_app_id = $1`,
      [sdkAppId, delta],
    );
  }

  async usedBytes(sdkAppId: number): Promise<number> {
    const { rows } = await this.pool.query<{ bytes_used: string }>(
      `SELECT bytes_used FROM media_usage WHERE sdk_app_id = $1`,
      [sdkAppId],
    );
    return rows[0] ? Number(rows[0].bytes_used) : 0;
  }

  /**
   * A stored message (of time `at`) names these uploads of the app: each is attached from then
   * on, at the latest such message's time. Ids the app has no upload of change nothing.
   * Idempotent: a redelivered event sets the same times.
   */
  async markAttached(sdkAppId: number, uuids: string[], at: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE media_objects SET attached_at = greatest(attached_at, $3)
       WHERE sdk_app_id = $1 AND uuid = ANY($2::text[])`,
      [sdkAppId, uuids, at],
    );
    return rowCount ?? 0;
  }

  /**
   * Claims at most `limit` uploads (of any app) no message named and made before `madeBefore`,
   * oldest first; rows another sweeper claimed in the last minutes are left to it.
   */
  async claimUnattached(madeBefore: Date, limit: number): Promise<ClaimedObject[]> {
    const { rows } = await this.pool.query<DbRow>(
      `UPDATE media_objects m SET swept_at = now()
       FROM (SELECT sdk_app_id, uuid FROM media_objects o
             WHERE attached_at IS NULL AND created_at < $1 AND ${claimable('o')}
             ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED) c
       WHERE m.sdk_app_id = c.sdk_app_id AND m.uuid = c.uuid
       ${CLAIMED}`,
      [madeBefore, limit],
    );
    return rows.map(toClaimed);
  }

  /** Apps that keep attached media (the roaming pass asks each one's window). */
  async appsWithAttached(): Promise<number[]> {
    const { rows } = await this.pool.query<{ sdk_app_id: string }>(
      `SELECT DISTINCT sdk_app_id FROM media_objects WHERE attached_at IS NOT NULL`,
    );
    return rows.map((r) => Number(r.sdk_app_id));
  }

  /** Claims at most `limit` of the app's uploads whose latest message is older than `before`. */
  async claimAttachedBefore(
    sdkAppId: number,
    before: Date,
    limit: number,
  ): Promise<ClaimedObject[]> {
    const { rows } = await this.pool.query<DbRow>(
      `UPDATE media_objects m SET swept_at = now()
       FROM (SELECT sdk_app_id, uuid FROM media_objects o
             WHERE sdk_app_id = $1 AND attached_at < $2 AND ${claimable('o')}
             ORDER BY attached_at LIMIT $3 FOR UPDATE SKIP LOCKED) c
       WHERE m.sdk_app_id = c.sdk_app_id AND m.uuid = c.uuid
       ${CLAIMED}`,
      [sdkAppId, before, limit],
    );
    return rows.map(toClaimed);
  }

  /**
   * Deletes an upload's row (its objects are gone from the store) and gives its bytes back to
   * the app's quota, in one statement; false when it was already gone.
   */
  async deleteObject(sdkAppId: number, uuid: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ deleted: boolean }>(
      `WITH gone AS (
         DELETE FROM media_objects WHERE sdk_app_id = $1 AND uuid = $2 RETURNING total_bytes
       ), released AS (
         UPDATE media_usage SET bytes_used = greatest(0, bytes_used - gone.total_bytes),
                                updated_at = now()
         FROM gone WHERE media_usage.sdk_app_id = $1
       )
       SELECT EXISTS (SELECT 1 FROM gone) AS deleted`,
      [sdkAppId, uuid],
    );
    return rows[0]?.deleted ?? false;
  }
}

function toClaimed(r: DbRow): ClaimedObject {
  return { sdkAppId: Number(r.sdk_app_id), uuid: r.uuid, renditions: r.renditions };
}
