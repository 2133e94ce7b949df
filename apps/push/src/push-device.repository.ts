import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { PushProviderName } from '@im/contracts';

import { rowsOf } from './push.db';
import type { PushDb } from './push.db';
import { PUSH_DB } from './push.tokens';

export interface Device {
  userId: string;
  provider: PushProviderName;
  token: string;
  platform: string | null;
}

/** Users' device tokens per provider (`push_devices`), newest first. */
@Injectable()
export class PushDeviceRepository {
  constructor(@Inject(PUSH_DB) private readonly db: PushDb) {}

  /** Registers a token for a user (moving it from another user) and keeps the newest `max`. */
  async upsertDevice(sdkAppId: number, device: Device, max: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO push_devices
          (sdk_app_id, provider, token, user_id, platform)
        VALUES (${sdkAppId}, ${device.provider}, ${device.token}, ${device.userId},
          ${device.platform})
        ON CONFLICT (sdk_app_id, provider, token) DO UPDATE
          SET user_id = excluded.user_id, platform = excluded.platform, updated_at = now()`);
      await tx.execute(sql`DELETE FROM push_devices WHERE sdk_app_id = ${sdkAppId}
        AND (provider, token) IN (SELECT provider, token FROM push_devices
          WHERE sdk_app_id = ${sdkAppId} AND user_id = ${device.userId}
          ORDER BY updated_at DESC OFFSET ${max})`);
    });
  }

  async deleteDevice(
    sdkAppId: number,
    userId: string,
    provider: PushProviderName,
    token: string,
  ): Promise<void> {
    await this.db.execute(sql`DELETE FROM push_devices WHERE sdk_app_id = ${sdkAppId}
      AND user_id = ${userId} AND provider = ${provider} AND token = ${token}`);
  }

  async findDevices(sdkAppId: number, userIds: string[]): Promise<Device[]> {
    if (userIds.length === 0) return [];
    const rows = await rowsOf(
      this.db,
      sql`SELECT user_id, provider, token, platform FROM push_devices
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(userIds)}::text[])
      ORDER BY user_id, updated_at DESC`,
    );
    return rows.map((r) => ({
      userId: String(r.user_id),
      provider: r.provider as PushProviderName,
      token: String(r.token),
      platform: typeof r.platform === 'string' ? r.platform : null,
    }));
  }

  /** Every (app, user) with a device, in pages of `pageSize` (keyset order). */
  async *deviceUsers(pageSize: number): AsyncGenerator<{ sdkAppId: number; userId: string }[]> {
    let after: { sdkAppId: number; userId: string } | undefined;
    for (;;) {
      const rows = await rowsOf(
        this.db,
        sql`SELECT DISTINCT sdk_app_id, user_id FROM push_devices
        ${after ? sql`WHERE (sdk_app_id, user_id) > (${after.sdkAppId}, ${after.userId})` : sql``}
        ORDER BY sdk_app_id, user_id LIMIT ${pageSize}`,
      );
      const page = rows.map((r) => ({ sdkAppId: Number(r.sdk_app_id), userId: String(r.user_id) }));
      yield page;
      if (page.length < pageSize) return;
      after = page[page.length - 1];
    }
  }

  async deleteTokens(
    sdkAppId: number,
    provider: PushProviderName,
    tokens: string[],
  ): Promise<void> {
    if (tokens.length === 0) return;
    await this.db.execute(sql`DELETE FROM push_devices WHERE sdk_app_id = ${sdkAppId}
      AND provider = ${provider} AND token = ANY(${sql.param(tokens)}::text[])`);
  }
}
