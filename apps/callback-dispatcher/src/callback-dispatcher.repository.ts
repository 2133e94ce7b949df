import { Inject, Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';

import type { AfterCallbackCommand } from '@im/contracts';

import type { CallbackDispatcherDb, CallbackDispatcherExecutor } from './callback-dispatcher.db';
import {
  AttemptRow,
  callbackAttempts,
  callbackDeadLetters,
  callbackDeliveries,
  DeadLetterRow,
  DeliveryRow,
  NewAttempt,
  NewDelivery,
} from './callback-dispatcher.schema';
import { CALLBACK_DISPATCHER_DB } from './callback-dispatcher.tokens';

type RawDeliveryRow = {
  sdk_app_id: string | number;
  id: string | number;
  callback_id: string;
  source_event_id: string;
  command: AfterCallbackCommand;
  body: string;
  opt_platform: DeliveryRow['optPlatform'];
  client_ip: string;
  request_id: string;
  attempts: number;
  next_attempt_at: Date | string;
  lease_until: Date | string | null;
  last_error: string | null;
  queued_at: Date | string;
};

const toDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

function fromRaw(r: RawDeliveryRow): DeliveryRow {
  return {
    sdkAppId: Number(r.sdk_app_id),
    id: Number(r.id),
    callbackId: r.callback_id,
    sourceEventId: r.source_event_id,
    command: r.command,
    body: r.body,
    optPlatform: r.opt_platform,
    clientIp: r.client_ip,
    requestId: r.request_id,
    attempts: r.attempts,
    nextAttemptAt: toDate(r.next_attempt_at),
    leaseUntil: r.lease_until === null ? null : toDate(r.lease_until),
    lastError: r.last_error,
    queuedAt: toDate(r.queued_at),
  };
}

/** The only SQL of the service; `sdkAppId` is the first parameter of every app-scoped method. */
@Injectable()
export class CallbackDispatcherRepository {
  constructor(@Inject(CALLBACK_DISPATCHER_DB) private readonly db: CallbackDispatcherDb) {}

  // -------------------------------------------------------------------------------------------
  // The after-callback queue

  /** Queues callbacks; one already queued (same callback ID) is left alone. Returns how many. */
  async insertDeliveries(sdkAppId: number, rows: Omit<NewDelivery, 'sdkAppId'>[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = await this.db
      .insert(callbackDeliveries)
      .values(rows.map((r) => ({ ...r, sdkAppId })))
      .onConflictDoNothing()
      .returning({ id: callbackDeliveries.id });
    return inserted.length;
  }

  /**
   * Takes up to `limit` due callbacks of the app for delivery: leases them for `leaseMs` (no
   * other instance takes them meanwhile) and counts the attempt.
   */
  async claimDue(sdkAppId: number, limit: number, leaseMs: number): Promise<DeliveryRow[]> {
    // A CTE, not `WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)`: PostgreSQL may run
    // such a subquery more than once and so take more than n rows.
    const result = await this.db.execute<RawDeliveryRow>(sql`
      WITH due AS MATERIALIZED (
        SELECT id FROM callback_deliveries
         WHERE sdk_app_id = ${sdkAppId}
           AND next_attempt_at <= now()
           AND (lease_until IS NULL OR lease_until < now())
         ORDER BY next_attempt_at, id
         LIMIT ${limit}
           FOR UPDATE SKIP LOCKED)
      UPDATE callback_deliveries d
         SET lease_until = now() + ${leaseMs} * interval '1 millisecond',
             attempts = d.attempts + 1
        FROM due
       WHERE d.id = due.id AND d.sdk_app_id = ${sdkAppId}
      RETURNING d.*`);
    return result.rows.map(fromRaw).sort((a, b) => a.id - b.id);
  }

  /** When the app's next queued callback may be taken (now or later), if it has any. */
  async nextDueAt(sdkAppId: number): Promise<Date | undefined> {
    const result = await this.db.execute<{ due_at: Date | string | null }>(sql`
      SELECT min(greatest(next_attempt_at, coalesce(lease_until, next_attempt_at))) AS due_at
        FROM callback_deliveries
       WHERE sdk_app_id = ${sdkAppId}`);
    const dueAt = result.rows[0]?.due_at;
    return dueAt ? toDate(dueAt) : undefined;
  }

  /**
   * Apps with callbacks due now that nobody holds (left by a restart or another instance).
   * Not app-scoped: the sweep looks across apps.
   */
  async findAppsWithDueDeliveries(limit: number): Promise<number[]> {
    const result = await this.db.execute<{ sdk_app_id: string | number }>(sql`
      SELECT DISTINCT sdk_app_id FROM callback_deliveries
       WHERE next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
       LIMIT ${limit}`);
    return result.rows.map((r) => Number(r.sdk_app_id));
  }

  async deleteDelivery(sdkAppId: number, id: number): Promise<void> {
    await this.db
      .delete(callbackDeliveries)
      .where(and(eq(callbackDeliveries.sdkAppId, sdkAppId), eq(callbackDeliveries.id, id)));
  }

  /** Releases a failed delivery for another attempt after `delayMs`. */
  async reschedule(sdkAppId: number, id: number, delayMs: number, error: string): Promise<void> {
    await this.db
      .update(callbackDeliveries)
      .set({
        nextAttemptAt: sql`now() + ${delayMs} * interval '1 millisecond'`,
        leaseUntil: null,
        lastError: error,
      })
      .where(and(eq(callbackDeliveries.sdkAppId, sdkAppId), eq(callbackDeliveries.id, id)));
  }

  /** Moves a delivery that failed for good to the dead letters; undefined if it is gone. */
  async moveToDeadLetters(
    sdkAppId: number,
    id: number,
    error: string,
    db: CallbackDispatcherExecutor = this.db,
  ): Promise<DeadLetterRow | undefined> {
    const [row] = await db
      .delete(callbackDeliveries)
      .where(and(eq(callbackDeliveries.sdkAppId, sdkAppId), eq(callbackDeliveries.id, id)))
      .returning();
    if (!row) return undefined;
    const [dead] = await db
      .insert(callbackDeadLetters)
      .values({
        sdkAppId,
        callbackId: row.callbackId,
        sourceEventId: row.sourceEventId,
        command: row.command,
        body: row.body,
        optPlatform: row.optPlatform,
        clientIp: row.clientIp,
        requestId: row.requestId,
        attempts: row.attempts,
        lastError: error,
        queuedAt: row.queuedAt,
      })
      .returning();
    return dead;
  }

  // -------------------------------------------------------------------------------------------
  // Dead letters

  async findDeadLetters(
    sdkAppId: number,
    filter: { command?: AfterCallbackCommand; afterId?: number; limit: number },
    db: CallbackDispatcherExecutor = this.db,
  ): Promise<DeadLetterRow[]> {
    return db
      .select()
      .from(callbackDeadLetters)
      .where(
        and(
          eq(callbackDeadLetters.sdkAppId, sdkAppId),
          filter.command !== undefined
            ? eq(callbackDeadLetters.command, filter.command)
            : undefined,
          filter.afterId !== undefined ? gt(callbackDeadLetters.id, filter.afterId) : undefined,
        ),
      )
      .orderBy(asc(callbackDeadLetters.id))
      .limit(filter.limit);
  }

  async countDeadLetters(
    sdkAppId: number,
    command?: AfterCallbackCommand,
    db: CallbackDispatcherExecutor = this.db,
  ): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(callbackDeadLetters)
      .where(
        and(
          eq(callbackDeadLetters.sdkAppId, sdkAppId),
          command !== undefined ? eq(callbackDeadLetters.command, command) : undefined,
        ),
      );
    return Number(row?.n ?? 0);
  }

  /** Deletes dead letters of the app (the given ones, or all) and returns them. */
  async deleteDeadLetters(
    sdkAppId: number,
    ids: number[] | undefined,
    db: CallbackDispatcherExecutor = this.db,
  ): Promise<DeadLetterRow[]> {
    return db
      .delete(callbackDeadLetters)
      .where(
        and(
          eq(callbackDeadLetters.sdkAppId, sdkAppId),
          ids !== undefined ? inArray(callbackDeadLetters.id, ids) : undefined,
        ),
      )
      .returning();
  }

  /** Queues dead letters again with fresh attempts (same callback IDs); returns how many. */
  async requeue(
    sdkAppId: number,
    dead: DeadLetterRow[],
    db: CallbackDispatcherExecutor = this.db,
  ): Promise<number> {
    if (dead.length === 0) return 0;
    const inserted = await db
      .insert(callbackDeliveries)
      .values(
        dead.map((d) => ({
          sdkAppId,
          callbackId: d.callbackId,
          sourceEventId: d.sourceEventId,
          command: d.command,
          body: d.body,
          optPlatform: d.optPlatform,
          clientIp: d.clientIp,
          requestId: d.requestId,
          queuedAt: d.queuedAt,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: callbackDeliveries.id });
    return inserted.length;
  }

  /** A page of the app's dead letters, newest first. */
  async pageDeadLetters(
    sdkAppId: number,
    offset: number,
    limit: number,
    db: CallbackDispatcherExecutor = this.db,
  ): Promise<DeadLetterRow[]> {
    return db
      .select()
      .from(callbackDeadLetters)
      .where(eq(callbackDeadLetters.sdkAppId, sdkAppId))
      .orderBy(desc(callbackDeadLetters.id))
      .offset(offset)
      .limit(limit);
  }

  // -------------------------------------------------------------------------------------------
  // Delivery attempts (the console's recent deliveries; never a body)

  async insertAttempt(sdkAppId: number, attempt: Omit<NewAttempt, 'sdkAppId'>): Promise<void> {
    await this.db.insert(callbackAttempts).values({ ...attempt, sdkAppId });
  }

  /** A page of the app's delivery attempts, newest first. */
  async pageAttempts(
    sdkAppId: number,
    offset: number,
    limit: number,
    db: CallbackDispatcherExecutor = this.db,
  ): Promise<AttemptRow[]> {
    return db
      .select()
      .from(callbackAttempts)
      .where(eq(callbackAttempts.sdkAppId, sdkAppId))
      .orderBy(desc(callbackAttempts.id))
      .offset(offset)
      .limit(limit);
  }

  async countAttempts(sdkAppId: number, db: CallbackDispatcherExecutor = this.db): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(callbackAttempts)
      .where(eq(callbackAttempts.sdkAppId, sdkAppId));
    return Number(row?.n ?? 0);
  }

  /**
   * Deletes attempts older than `keepDays` days and, per app, all but the newest `keepPerApp`;
   * at most `batch` rows of each kind per call. Not app-scoped: the sweep looks across apps.
   * Returns how many were deleted.
   */
  async pruneAttempts(keepDays: number, keepPerApp: number, batch: number): Promise<number> {
    const old = await this.db.execute(sql`
      DELETE FROM callback_attempts WHERE id IN (
        SELECT id FROM callback_attempts
         WHERE at < now() - ${keepDays} * interval '1 day'
         LIMIT ${batch})`);
    const surplus = await this.db.execute(sql`
      DELETE FROM callback_attempts WHERE id IN (
        SELECT id FROM (
          SELECT id, row_number() OVER (PARTITION BY sdk_app_id ORDER BY id DESC) AS n
            FROM callback_attempts) ranked
         WHERE n > ${keepPerApp}
         LIMIT ${batch})`);
    return (old.rowCount ?? 0) + (surplus.rowCount ?? 0);
  }
}
