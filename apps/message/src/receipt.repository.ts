import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { MessageDb } from './message.db';
import { MESSAGE_DB } from './message.tokens';

/** The only SQL on `message_receipts`. */
@Injectable()
export class ReceiptRepository {
  constructor(@Inject(MESSAGE_DB) private readonly db: MessageDb) {}

  /** Records that `userId` read these messages (a repeated receipt keeps its first time). */
  async insertReceipts(
    sdkAppId: number,
    convId: string,
    userId: string,
    seqs: number[],
    readAt: number,
  ): Promise<number[]> {
    if (seqs.length === 0) return [];
    const { rows } = await this.db.execute<{ seq: string }>(sql`
      INSERT INTO message_receipts (sdk_app_id, conv_id, seq, user_id, read_at)
      SELECT ${sdkAppId}, ${convId}, s, ${userId}, ${readAt}
      FROM unnest(${sql.param(seqs)}::bigint[]) AS s
      ON CONFLICT (sdk_app_id, conv_id, seq, user_id) DO NOTHING
      RETURNING seq`);
    return rows.map((r) => Number(r.seq));
  }

  /** How many users read each of these messages (seqs nobody read are absent). */
  async countReaders(
    sdkAppId: number,
    convId: string,
    seqs: number[],
  ): Promise<Map<number, number>> {
    if (seqs.length === 0) return new Map();
    const { rows } = await this.db.execute<{ seq: string; n: string }>(sql`
      SELECT seq, count(*) AS n FROM message_receipts
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId}
        AND seq = ANY(${sql.param(seqs)}::bigint[])
      GROUP BY seq`);
    return new Map(rows.map((r) => [Number(r.seq), Number(r.n)]));
  }

  /** Every reader of one message, in user-ID order. */
  async findReaders(sdkAppId: number, convId: string, seq: number): Promise<string[]> {
    const { rows } = await this.db.execute<{ user_id: string }>(sql`
      SELECT user_id FROM message_receipts
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId} AND seq = ${seq}
      ORDER BY user_id COLLATE "C"`);
    return rows.map((r) => r.user_id);
  }
}
