import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';

import type { MsgElement, PushReport } from '@im/contracts';

import { rowsOf } from './push.db';
import type { PushDb, PushExecutor, Row } from './push.db';
import type { SelectionPlan } from './push.rules';
import { selectionCountQuery, selectionPageQuery } from './selection.sql';
import { PUSH_DB } from './push.tokens';

/** A push task as the runner and the report need it. */
export interface PushTask {
  sdkAppId: number;
  taskId: string;
  fromUserId: string;
  body: MsgElement[];
  offlinePush: Record<string, unknown> | null;
  /** The selection, with attribute names resolved to slots when the push was made. */
  plan: SelectionPlan;
  lifeTimeSeconds: number;
  status: 0 | 1 | 2;
  cursorUserId: string | null;
  total: number | null;
  createdAt: Date;
}

export interface NewPushTask {
  taskId: string;
  msgRandom: number;
  fromUserId: string;
  body: MsgElement[];
  offlinePush?: Record<string, unknown>;
  plan: SelectionPlan;
  lifeTimeSeconds: number;
}

/** What one delivered page adds to a task. */
export interface PageProgress {
  cursor: string;
  finished: number;
  onlineDelivered: number;
  stored: number;
}

/**
 * Push tasks (`push_tasks`): creation with MsgRandom de-duplication, the runner's lease and
 * pages over the selection, reports; and the pushes stored for offline users
 * (`push_stored`), which count into their task. `sdkAppId` is the first parameter of every
 * per-app method.
 */
@Injectable()
export class PushTaskRepository {
  constructor(@Inject(PUSH_DB) private readonly db: PushDb) {}

  /** The task of a MsgRandom pushed within the de-duplication window, if any. */
  async findTaskIdByRandom(
    sdkAppId: number,
    msgRandom: number,
    windowSeconds: number,
  ): Promise<string | undefined> {
    const rows = await this.rows(sql`SELECT task_id FROM push_tasks
      WHERE sdk_app_id = ${sdkAppId} AND msg_random = ${msgRandom}
        AND created_at > now() - make_interval(secs => ${windowSeconds})`);
    return rows[0] ? String(rows[0].task_id) : undefined;
  }

  /**
   * Inserts a task; when a task with the same MsgRandom exists, returns that one's ID instead
   * (detaching it first when it is older than the de-duplication window).
   */
  async insertTask(
    sdkAppId: number,
    task: NewPushTask,
    windowSeconds: number,
  ): Promise<{ taskId: string; created: boolean }> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE push_tasks SET msg_random = NULL
        WHERE sdk_app_id = ${sdkAppId} AND msg_random = ${task.msgRandom}
          AND created_at <= now() - make_interval(secs => ${windowSeconds})`);
      const inserted = await tx.execute(sql`INSERT INTO push_tasks
        (sdk_app_id, task_id, msg_random, from_user_id, body, offline_push, condition,
         life_time_seconds)
        VALUES (${sdkAppId}, ${task.taskId}, ${task.msgRandom}, ${task.fromUserId},
          ${JSON.stringify(task.body)}::jsonb,
          ${task.offlinePush ? JSON.stringify(task.offlinePush) : null}::jsonb,
          ${JSON.stringify(task.plan)}::jsonb,
          ${task.lifeTimeSeconds})
        ON CONFLICT (sdk_app_id, msg_random) WHERE msg_random IS NOT NULL DO NOTHING
        RETURNING task_id`);
      if (inserted.rows.length > 0) return { taskId: task.taskId, created: true };
      const existing = await this.rows(
        sql`SELECT task_id FROM push_tasks
          WHERE sdk_app_id = ${sdkAppId} AND msg_random = ${task.msgRandom}`,
        tx,
      );
      return { taskId: String(existing[0].task_id), created: false };
    });
  }

  /**
   * Takes an open task nobody runs (new, or whose runner's lease expired) for `owner` until
   * `leaseSeconds` from now; tasks of all apps, oldest first.
   */
  async claimTask(owner: string, leaseSeconds: number): Promise<PushTask | undefined> {
    const rows = await this.rows(sql`UPDATE push_tasks t
      SET status = 1, started_at = COALESCE(t.started_at, now()), lease_owner = ${owner},
          lease_until = now() + make_interval(secs => ${leaseSeconds})
      FROM (SELECT sdk_app_id, task_id FROM push_tasks
            WHERE status < 2 AND (lease_until IS NULL OR lease_until < now())
            ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED) c
      WHERE t.sdk_app_id = c.sdk_app_id AND t.task_id = c.task_id
      RETURNING t.*`);
    return rows[0] ? toTask(rows[0]) : undefined;
  }

  async countSelection(sdkAppId: number, plan: SelectionPlan): Promise<number> {
    const rows = await this.rows(selectionCountQuery(sdkAppId, plan));
    return Number(rows[0]?.n ?? 0);
  }

  /** The next page of a selection after `cursor` (see selection.sql.ts). */
  async selectPage(
    sdkAppId: number,
    plan: SelectionPlan,
    cursor: string | null,
    limit: number,
  ): Promise<{ candidates: string[]; targets: string[] }> {
    const rows = await this.rows(selectionPageQuery(sdkAppId, plan, cursor, limit));
    return {
      candidates: rows.map((r) => String(r.user_id)),
      targets: rows.filter((r) => r.ok === true).map((r) => String(r.user_id)),
    };
  }

  /** Sets the task's total once it is counted; false when `owner` lost the lease. */
  async setTotal(sdkAppId: number, taskId: string, owner: string, total: number): Promise<boolean> {
    const result = await this.db.execute(sql`UPDATE push_tasks SET total = ${total}
      WHERE sdk_app_id = ${sdkAppId} AND task_id = ${taskId} AND lease_owner = ${owner}
      RETURNING task_id`);
    return result.rows.length > 0;
  }

  /**
   * Records a delivered page (cursor, counts) and renews the lease, in the caller's
   * transaction; false when `owner` no longer holds the task.
   */
  async savePage(
    sdkAppId: number,
    taskId: string,
    owner: string,
    page: PageProgress,
    leaseSeconds: number,
    db: PushExecutor,
  ): Promise<boolean> {
    const result = await db.execute(sql`UPDATE push_tasks SET
        cursor_user_id = ${page.cursor},
        finished = finished + ${page.finished},
        online_delivered = online_delivered + ${page.onlineDelivered},
        stored = stored + ${page.stored},
        lease_until = now() + make_interval(secs => ${leaseSeconds})
      WHERE sdk_app_id = ${sdkAppId} AND task_id = ${taskId} AND lease_owner = ${owner}
        AND status = 1
      RETURNING task_id`);
    return result.rows.length > 0;
  }

  async addOfflineResults(
    sdkAppId: number,
    taskId: string,
    pushed: number,
    failed: number,
  ): Promise<void> {
    if (pushed === 0 && failed === 0) return;
    await this.db.execute(sql`UPDATE push_tasks SET offline_pushed = offline_pushed + ${pushed},
        offline_push_failed = offline_push_failed + ${failed}
      WHERE sdk_app_id = ${sdkAppId} AND task_id = ${taskId}`);
  }

  /** Marks the task done (Total = users handled), in the caller's transaction. */
  async finishTask(
    sdkAppId: number,
    taskId: string,
    owner: string,
    db: PushExecutor,
  ): Promise<
    { total: number; onlineDelivered: number; stored: number; offlinePushed: number } | undefined
  > {
    const rows = await this.rows(
      sql`UPDATE push_tasks SET status = 2, finished_at = now(), total = finished,
          lease_owner = NULL, lease_until = NULL
        WHERE sdk_app_id = ${sdkAppId} AND task_id = ${taskId} AND lease_owner = ${owner}
          AND status = 1
        RETURNING finished, online_delivered, stored, offline_pushed`,
      db,
    );
    const r = rows[0];
    return r
      ? {
          total: Number(r.finished),
          onlineDelivered: Number(r.online_delivered),
          stored: Number(r.stored),
          offlinePushed: Number(r.offline_pushed),
        }
      : undefined;
  }

  async findReports(sdkAppId: number, taskIds: string[]): Promise<PushReport[]> {
    const rows = await this.rows(sql`SELECT * FROM push_tasks
      WHERE sdk_app_id = ${sdkAppId} AND task_id = ANY(${sql.param(taskIds)}::text[])`);
    return rows.map(toReport);
  }

  /** Deletes finished tasks older than `days` and their stored copies; returns how many. */
  async deleteOldTasks(days: number): Promise<number> {
    const rows = await this.rows(sql`DELETE FROM push_tasks
      WHERE ctid IN (SELECT ctid FROM push_tasks WHERE status = 2
        AND created_at < now() - make_interval(days => ${days}) LIMIT 1000)
      RETURNING task_id`);
    return rows.length;
  }

  async insertStored(
    sdkAppId: number,
    taskId: string,
    userIds: string[],
    expiresAt: Date,
    db: PushExecutor = this.db,
  ): Promise<void> {
    if (userIds.length === 0) return;
    await db.execute(sql`INSERT INTO push_stored (sdk_app_id, user_id, task_id, expires_at)
      SELECT ${sdkAppId}, u, ${taskId}, ${expiresAt.toISOString()}::timestamptz
      FROM unnest(${sql.param(userIds)}::text[]) u
      ON CONFLICT DO NOTHING`);
  }

  /**
   * Takes (deletes) the unexpired stored pushes of users, oldest first, counting them as
   * delivered: whoever deletes a row delivers it, so each is delivered once.
   */
  async claimStored(
    sdkAppId: number,
    userIds: string[],
  ): Promise<{ userId: string; task: PushTask }[]> {
    if (userIds.length === 0) return [];
    return this.db.transaction(async (tx) => {
      const claimed = await this.rows(
        sql`DELETE FROM push_stored
          WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(userIds)}::text[])
            AND expires_at > now()
          RETURNING user_id, task_id`,
        tx,
      );
      if (claimed.length === 0) return [];
      const taskIds = [...new Set(claimed.map((r) => String(r.task_id)))];
      const tasks = await this.rows(
        sql`SELECT * FROM push_tasks
          WHERE sdk_app_id = ${sdkAppId} AND task_id = ANY(${sql.param(taskIds)}::text[])`,
        tx,
      );
      const byId = new Map(tasks.map((t) => [String(t.task_id), toTask(t)]));
      const counts = new Map<string, number>();
      for (const r of claimed)
        counts.set(String(r.task_id), (counts.get(String(r.task_id)) ?? 0) + 1);
      for (const [taskId, n] of counts)
        await tx.execute(sql`UPDATE push_tasks SET stored_delivered = stored_delivered + ${n}
          WHERE sdk_app_id = ${sdkAppId} AND task_id = ${taskId}`);
      return claimed
        .map((r) => ({ userId: String(r.user_id), task: byId.get(String(r.task_id)) }))
        .filter((c): c is { userId: string; task: PushTask } => c.task !== undefined)
        .sort((a, b) => a.task.createdAt.getTime() - b.task.createdAt.getTime());
    });
  }

  /** Deletes expired stored pushes (bounded per call); returns how many. */
  async deleteExpiredStored(): Promise<number> {
    const rows = await this.rows(sql`DELETE FROM push_stored
      WHERE ctid IN (SELECT ctid FROM push_stored WHERE expires_at <= now() LIMIT 5000)
      RETURNING task_id`);
    return rows.length;
  }

  transaction<T>(work: (tx: PushExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  private rows(query: SQL, db: PushExecutor = this.db): Promise<Row[]> {
    return rowsOf(db, query);
  }
}

function toTask(r: Row): PushTask {
  return {
    sdkAppId: Number(r.sdk_app_id),
    taskId: String(r.task_id),
    fromUserId: String(r.from_user_id),
    body: json(r.body) as MsgElement[],
    offlinePush: (json(r.offline_push) as Record<string, unknown> | null) ?? null,
    plan: (json(r.condition) as SelectionPlan | null) ?? { and: [], or: [] },
    lifeTimeSeconds: Number(r.life_time_seconds),
    status: Number(r.status) as 0 | 1 | 2,
    cursorUserId: typeof r.cursor_user_id === 'string' ? r.cursor_user_id : null,
    total: r.total === null ? null : Number(r.total),
    createdAt: asDate(r.created_at),
  };
}

function toReport(r: Row): PushReport {
  const status = Number(r.status) as 0 | 1 | 2;
  return {
    taskId: String(r.task_id),
    status,
    ...(r.started_at !== null && { startTime: seconds(r.started_at) }),
    ...(r.finished_at !== null && { finishTime: seconds(r.finished_at) }),
    total: r.total === null ? 0 : Number(r.total),
    finished: Number(r.finished),
    onlineDelivered: Number(r.online_delivered),
    stored: Number(r.stored),
    storedDelivered: Number(r.stored_delivered),
    offlinePushed: Number(r.offline_pushed),
    offlinePushFailed: Number(r.offline_push_failed),
  };
}

/** A jsonb column (parsed by pg, or text when a parser was replaced). */
function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

function seconds(value: unknown): number {
  return Math.floor(asDate(value).getTime() / 1000);
}
