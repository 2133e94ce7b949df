import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { MessageExtension } from '@im/contracts';

import type { ExtensionPlan, ExtensionState } from './extension.rules';
import type { MessageDb, MessageExecutor } from './message.db';
import { MESSAGE_DB } from './message.tokens';

/** The only SQL on `message_extension_heads` and `message_extensions`. */
@Injectable()
export class ExtensionRepository {
  constructor(@Inject(MESSAGE_DB) private readonly db: MessageDb) {}

  /**
   * Runs `decide` on the message's extensions with its head row locked (writes of one message
   * are serialized, so compare-and-set holds), then stores the plan it returns.
   */
  async update(
    sdkAppId: number,
    convId: string,
    seq: number,
    now: number,
    decide: (state: ExtensionState) => ExtensionPlan,
  ): Promise<ExtensionPlan> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`
        INSERT INTO message_extension_heads (sdk_app_id, conv_id, seq, changed_at)
        VALUES (${sdkAppId}, ${convId}, ${seq}, ${now})
        ON CONFLICT (sdk_app_id, conv_id, seq) DO NOTHING`);
      const state = await this.load(tx, sdkAppId, convId, seq, true);
      const plan = decide(state);
      if (!plan.changed || plan.overLimit) return plan;
      if (plan.clear)
        await tx.execute(sql`
          DELETE FROM message_extensions
          WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId} AND seq = ${seq}`);
      if (plan.deletes.length > 0)
        await tx.execute(sql`
          DELETE FROM message_extensions
          WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId} AND seq = ${seq}
            AND key = ANY(${sql.param(plan.deletes)}::text[])`);
      for (const w of plan.writes)
        await tx.execute(sql`
          INSERT INTO message_extensions (sdk_app_id, conv_id, seq, key, value, ext_seq)
          VALUES (${sdkAppId}, ${convId}, ${seq}, ${w.key}, ${w.value}, ${w.seq})
          ON CONFLICT (sdk_app_id, conv_id, seq, key)
          DO UPDATE SET value = EXCLUDED.value, ext_seq = EXCLUDED.ext_seq`);
      await tx.execute(sql`
        UPDATE message_extension_heads
        SET latest_seq = ${plan.latestSeq}, clear_seq = ${plan.clearSeq}, changed_at = ${now}
        WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId} AND seq = ${seq}`);
      return plan;
    });
  }

  /** A message's extensions (nothing set: version 0, no keys). */
  find(sdkAppId: number, convId: string, seq: number): Promise<ExtensionState> {
    return this.load(this.db, sdkAppId, convId, seq, false);
  }

  private async load(
    db: MessageExecutor,
    sdkAppId: number,
    convId: string,
    seq: number,
    forUpdate: boolean,
  ): Promise<ExtensionState> {
    const head = await db.execute<{ latest_seq: string; clear_seq: string }>(sql`
      SELECT latest_seq, clear_seq FROM message_extension_heads
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId} AND seq = ${seq}
      ${forUpdate ? sql`FOR UPDATE` : sql``}`);
    const rows = await db.execute<{ key: string; value: string; ext_seq: string }>(sql`
      SELECT key, value, ext_seq FROM message_extensions
      WHERE sdk_app_id = ${sdkAppId} AND conv_id = ${convId} AND seq = ${seq}`);
    const keys = new Map<string, MessageExtension>(
      rows.rows.map((r) => [r.key, { key: r.key, value: r.value, seq: Number(r.ext_seq) }]),
    );
    return {
      latestSeq: Number(head.rows[0]?.latest_seq ?? 0),
      clearSeq: Number(head.rows[0]?.clear_seq ?? 0),
      keys,
    };
  }
}
