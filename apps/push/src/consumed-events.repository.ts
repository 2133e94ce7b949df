import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { PushDb, PushExecutor } from './push.db';
import { PUSH_DB } from './push.tokens';

/** The events each durable consumer handled (`push_consumed_events`), for at-most-once work. */
@Injectable()
export class ConsumedEventsRepository {
  constructor(@Inject(PUSH_DB) private readonly db: PushDb) {}

  /** False when this consumer already handled the event (at-least-once delivery). */
  async markConsumed(
    sdkAppId: number,
    consumer: string,
    eventId: string,
    db: PushExecutor = this.db,
  ): Promise<boolean> {
    const result = await db.execute(sql`INSERT INTO push_consumed_events
      (sdk_app_id, consumer, event_id) VALUES (${sdkAppId}, ${consumer}, ${eventId})
      ON CONFLICT DO NOTHING RETURNING event_id`);
    return result.rows.length > 0;
  }

  async deleteOldConsumedEvents(days: number): Promise<void> {
    await this.db.execute(sql`DELETE FROM push_consumed_events
      WHERE consumed_at < now() - make_interval(days => ${days})`);
  }
}
