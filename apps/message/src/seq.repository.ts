import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { MessageDb } from './message.db';
import { MESSAGE_DB } from './message.tokens';

/** The durable high-water marks of conversation seqs (`seq_marks`). */
@Injectable()
export class SeqRepository {
  constructor(@Inject(MESSAGE_DB) private readonly db: MessageDb) {}

  /**
   * Raises a conversation's mark by `amount` (creating it at `amount`) and returns the marks
   * before and after: every seq ever handed out is at most `before`.
   */
  async raise(
    sdkAppId: number,
    convId: string,
    amount: number,
  ): Promise<{ before: number; after: number }> {
    const { rows } = await this.db.execute<{ high_water: string }>(sql`
      INSERT INTO seq_marks (sdk_app_id, conv_id, high_water)
      VALUES (${sdkAppId}, ${convId}, ${amount})
      ON CONFLICT (sdk_app_id, conv_id)
        DO UPDATE SET high_water = seq_marks.high_water + ${amount}
      RETURNING high_water`);
    const after = Number(rows[0].high_water);
    return { before: after - amount, after };
  }
}
