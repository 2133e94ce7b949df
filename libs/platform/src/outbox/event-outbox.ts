import type { EventFact, EventOf, EventSubject, EventEnvelope } from '@im/contracts';
import { sql, SQL } from 'drizzle-orm';
import type { Pool } from 'pg';

import type { PlatformLogger } from '../logging/logger';
import type { RequestContext } from '../logging/request-context';
import type { NatsBus } from '../nats/nats-bus';

/** What can run a statement inside the caller's transaction (a drizzle database or transaction). */
export interface SqlExecutor {
  execute(query: SQL): Promise<unknown>;
}

export interface EventOutboxOptions {
  /** How often the relay looks for events left behind (crash, NATS down). */
  pollIntervalMs?: number;
  batchSize?: number;
}

interface OutboxRow {
  id: string;
  subject: string;
  event: EventEnvelope;
  context: RequestContext;
}

/**
 * Transactional outbox: a service stages an event in the same transaction as the change it
 * reports (`stage(tx, subject, fact)`), so a committed change always gets its event and a
 * rolled-back one never does. The relay publishes staged events through JetStream right after
 * commit (`flush()`), and every `pollIntervalMs` for anything left behind; several instances
 * share the work (`FOR UPDATE SKIP LOCKED`). Delivery is at least once: JetStream drops
 * duplicates by `eventId` within its window, consumers are idempotent by `eventId`.
 */
export class EventOutbox {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;

  constructor(
    private readonly pool: Pool,
    private readonly bus: NatsBus,
    private readonly logger: PlatformLogger,
    private readonly options: EventOutboxOptions = {},
  ) {}

  /** Stages an event in the caller's transaction and returns it (with its eventId). */
  async stage<S extends EventSubject>(
    tx: SqlExecutor,
    subject: S,
    fact: EventFact<EventOf<S>> & { sdkAppId?: number },
  ): Promise<EventOf<S>> {
    const { event, context } = this.bus.buildEvent(subject, fact);
    const envelope = event as EventOf<S> & EventEnvelope;
    await tx.execute(
      sql`INSERT INTO outbox_events (sdk_app_id, subject, event, context)
          VALUES (${envelope.sdkAppId}, ${subject}, ${JSON.stringify(event)}::json, ${JSON.stringify(context)}::json)`,
    );
    return event;
  }

  /**
   * Runs `work` in a transaction of `db` (a drizzle database), in which it changes data and
   * stages the events of the change; publishes them right after the commit.
   */
  async commit<Tx, T>(
    db: { transaction<R>(work: (tx: Tx) => Promise<R>): Promise<R> },
    work: (tx: Tx) => Promise<T>,
  ): Promise<T> {
    const result = await db.transaction(work);
    this.flush();
    return result;
  }

  start(): void {
    this.stopped = false;
    const interval = this.options.pollIntervalMs ?? 1000;
    this.timer = setInterval(() => this.flush(), interval);
    this.timer.unref();
    this.flush();
  }

  /** Publishes what is staged, soon; call after a commit. Never throws. */
  flush(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((err: unknown) =>
        this.logger.warn({ err: (err as Error).message }, 'outbox relay failed; will retry'),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.flush();
        }
      });
  }

  /** Publishes until nothing is staged; resolves with the number published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.relayBatch();
      total += published;
      if (published < (this.options.batchSize ?? 100)) return total;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    // Last chance for what the final requests staged.
    await this.drain().catch(() => undefined);
  }

  private async relayBatch(): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(
        `SELECT id, subject, event, context FROM outbox_events
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize ?? 100],
      );
      for (const row of rows) await this.bus.publishEvent(row.subject, row.event, row.context);
      if (rows.length) {
        await client.query('DELETE FROM outbox_events WHERE id = ANY($1::bigint[])', [
          rows.map((r) => r.id),
        ]);
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
