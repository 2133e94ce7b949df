import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';

import { PG_POOL } from '@im/platform';

import type { MediaKind, RenditionName } from './media-kinds.rules';

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
}

/** The only SQL of the media service: upload rows and per-app usage. */
@Injectable()
export class MediaRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async insertObject(sdkAppId: number, row: Omit<MediaObjectRow, 'sdkAppId' | 'createdAt'>) {
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
    };
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
}
