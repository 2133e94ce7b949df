import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import { markConsumed } from '@im/platform';

import type { PushDb, PushExecutor } from './push.db';
import { PUSH_DB } from './push.tokens';

/** The events each durable consumer handled (the platform's `consumed_events`), for at-most-once work. */
@Injectable()
export class ConsumedEventsRepository {
  constructor(@Inject(PUSH_DB) private readonly db: PushDb) {}

  /** False when this consumer already handled the event (at-least-once delivery). */
  markConsumed(
    sdkAppId: number,
    consumer: string,
    eventId: string,
    db: PushExecutor = this.db,
  ): Promise<boolean> {
    return markConsumed(db, sdkAppId, consumer, eventId);
  }

  async deleteOldConsumedEvents(days: number): Promise<void> {
    await this.db.execute(sql`DELETE FROM consumed_events
      WHERE consumed_at < now() - make_interval(days => ${days})`);
  }
}
