import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { PushProviderName } from '@im/contracts';

import type { PushDb } from './push.db';
import { PUSH_DB } from './push.tokens';

/** The app's daily offline-push statistics per provider (`push_offline_stats`). */
@Injectable()
export class PushStatsRepository {
  constructor(@Inject(PUSH_DB) private readonly db: PushDb) {}

  async addOfflineStats(
    sdkAppId: number,
    provider: PushProviderName,
    sent: number,
    failed: number,
    invalidTokens: number,
  ): Promise<void> {
    await this.db.execute(sql`INSERT INTO push_offline_stats
        (sdk_app_id, day, provider, sent, failed, invalid_tokens)
      VALUES (${sdkAppId}, (now() AT TIME ZONE 'UTC')::date, ${provider}, ${sent}, ${failed},
        ${invalidTokens})
      ON CONFLICT (sdk_app_id, day, provider) DO UPDATE SET
        sent = push_offline_stats.sent + excluded.sent,
        failed = push_offline_stats.failed + excluded.failed,
        invalid_tokens = push_offline_stats.invalid_tokens + excluded.invalid_tokens`);
  }
}
