import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray, sql } from 'drizzle-orm';

import type { AccountDb, AccountExecutor } from './account.db';
import { accountNoSpeaking } from './account.schema';
import { ACCOUNT_DB } from './account.tokens';

/** End times of one account's global mute (epoch s, 0 = not muted). */
export interface MuteTimes {
  c2cUntil: number;
  groupUntil: number;
}

/** The only SQL on `account_no_speaking`; every method is scoped by `sdkAppId`. */
@Injectable()
export class NoSpeakingRepository {
  constructor(@Inject(ACCOUNT_DB) private readonly db: AccountDb) {}

  /** The mutes of the given users that have a row. */
  async find(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, MuteTimes>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(accountNoSpeaking)
      .where(
        and(
          eq(accountNoSpeaking.sdkAppId, sdkAppId),
          inArray(accountNoSpeaking.userId, [...userIds]),
        ),
      );
    return new Map(rows.map((r) => [r.userId, { c2cUntil: r.c2cUntil, groupUntil: r.groupUntil }]));
  }

  /**
   * Sets the given end times of an existing account (the others stay) and returns both;
   * undefined when the account does not exist.
   */
  async set(
    sdkAppId: number,
    userId: string,
    times: Partial<MuteTimes>,
    db: AccountExecutor = this.db,
  ): Promise<MuteTimes | undefined> {
    const c2c = times.c2cUntil ?? null;
    const group = times.groupUntil ?? null;
    const result = await db.execute<{ c2c_until: string; group_until: string }>(sql`
      INSERT INTO account_no_speaking (sdk_app_id, user_id, c2c_until, group_until)
      SELECT sdk_app_id, user_id, COALESCE(${c2c}::bigint, 0), COALESCE(${group}::bigint, 0)
        FROM accounts WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}
      ON CONFLICT (sdk_app_id, user_id) DO UPDATE SET
        c2c_until = COALESCE(${c2c}::bigint, account_no_speaking.c2c_until),
        group_until = COALESCE(${group}::bigint, account_no_speaking.group_until),
        updated_at = now()
      RETURNING c2c_until, group_until`);
    const row = result.rows[0];
    return row && { c2cUntil: Number(row.c2c_until), groupUntil: Number(row.group_until) };
  }
}
