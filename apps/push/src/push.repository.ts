import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { MsgElement, PushProviderName, PushReport } from '@im/contracts';

import type { PushDb, PushExecutor } from './push.db';
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

export interface Device {
  userId: string;
  provider: PushProviderName;
  token: string;
  platform: string | null;
}

type Row = Record<string, unknown>;

/** The only SQL of the service; `sdkAppId` is the first parameter of every method. */
@Injectable()
export class PushRepository {
  constructor(@Inject(PUSH_DB) protected readonly db: PushDb) {}

  // --- account mirror ----------------------------------------------------------------------

  async upsertUsers(
    sdkAppId: number,
    userIds: string[],
    db: PushExecutor = this.db,
  ): Promise<void> {
    if (userIds.length === 0) return;
    await db.execute(sql`INSERT INTO push_users (sdk_app_id, user_id)
      SELECT ${sdkAppId}, u FROM unnest(${sql.param(userIds)}::text[]) u
      ON CONFLICT DO NOTHING`);
  }

  /** Removes users and everything the service holds about them. */
  async deleteUsers(
    sdkAppId: number,
    userIds: string[],
    db: PushExecutor = this.db,
  ): Promise<void> {
    if (userIds.length === 0) return;
    const ids = sql.param(userIds);
    for (const table of [
      'push_users',
      'push_user_tags',
      'push_user_attrs',
      'push_devices',
      'push_stored',
    ]) {
      await db.execute(sql`DELETE FROM ${sql.identifier(table)}
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${ids}::text[])`);
    }
  }

  async countUsers(sdkAppId: number, userIds: string[]): Promise<Set<string>> {
    const rows = await this.rows(
      sql`SELECT user_id FROM push_users
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(userIds)}::text[])`,
    );
    return new Set(rows.map((r) => String(r.user_id)));
  }

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

  // --- attribute names and values ----------------------------------------------------------

  async findAttrNames(sdkAppId: number, db: PushExecutor = this.db): Promise<Map<number, string>> {
    const rows = await this.rows(
      sql`SELECT slot, name FROM push_attr_names WHERE sdk_app_id = ${sdkAppId} ORDER BY slot`,
      db,
    );
    return new Map(rows.map((r) => [Number(r.slot), String(r.name)]));
  }

  /** Replaces the names of the given slots (the caller checked that names stay distinct). */
  async replaceAttrNames(
    sdkAppId: number,
    names: Map<number, string>,
    db: PushExecutor = this.db,
  ): Promise<void> {
    const slots = [...names.keys()];
    await db.execute(sql`DELETE FROM push_attr_names
      WHERE sdk_app_id = ${sdkAppId} AND slot = ANY(${sql.param(slots)}::smallint[])`);
    await db.execute(sql`INSERT INTO push_attr_names (sdk_app_id, slot, name)
      SELECT ${sdkAppId}, s, n
      FROM unnest(${sql.param(slots)}::smallint[], ${sql.param([...names.values()])}::text[]) AS x(s, n)`);
  }

  async upsertUserAttrs(
    sdkAppId: number,
    values: { userId: string; slot: number; value: string }[],
    db: PushExecutor = this.db,
  ): Promise<void> {
    if (values.length === 0) return;
    await db.execute(sql`INSERT INTO push_user_attrs (sdk_app_id, user_id, slot, value)
      SELECT ${sdkAppId}, u, s, v FROM unnest(
        ${sql.param(values.map((v) => v.userId))}::text[],
        ${sql.param(values.map((v) => v.slot))}::smallint[],
        ${sql.param(values.map((v) => v.value))}::text[]) AS x(u, s, v)
      ON CONFLICT (sdk_app_id, user_id, slot) DO UPDATE SET value = excluded.value`);
  }

  async deleteUserAttrs(
    sdkAppId: number,
    values: { userId: string; slot: number }[],
    db: PushExecutor = this.db,
  ): Promise<void> {
    if (values.length === 0) return;
    await db.execute(sql`DELETE FROM push_user_attrs a
      USING unnest(${sql.param(values.map((v) => v.userId))}::text[],
                   ${sql.param(values.map((v) => v.slot))}::smallint[]) AS x(u, s)
      WHERE a.sdk_app_id = ${sdkAppId} AND a.user_id = x.u AND a.slot = x.s`);
  }

  async findUserAttrs(
    sdkAppId: number,
    userIds: string[],
  ): Promise<{ userId: string; slot: number; value: string }[]> {
    const rows = await this.rows(sql`SELECT user_id, slot, value FROM push_user_attrs
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(userIds)}::text[])
      ORDER BY user_id, slot`);
    return rows.map((r) => ({
      userId: String(r.user_id),
      slot: Number(r.slot),
      value: String(r.value),
    }));
  }

  // --- tags --------------------------------------------------------------------------------

  async insertUserTags(
    sdkAppId: number,
    pairs: { userId: string; tag: string }[],
    db: PushExecutor = this.db,
  ): Promise<void> {
    if (pairs.length === 0) return;
    await db.execute(sql`INSERT INTO push_user_tags (sdk_app_id, user_id, tag)
      SELECT ${sdkAppId}, u, t FROM unnest(
        ${sql.param(pairs.map((p) => p.userId))}::text[],
        ${sql.param(pairs.map((p) => p.tag))}::text[]) AS x(u, t)
      ON CONFLICT DO NOTHING`);
  }

  /** Users among `userIds` with more than `max` tags. */
  async findUsersOverTagLimit(
    sdkAppId: number,
    userIds: string[],
    max: number,
    db: PushExecutor = this.db,
  ): Promise<string[]> {
    const rows = await this.rows(
      sql`SELECT user_id FROM push_user_tags
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(userIds)}::text[])
        GROUP BY user_id HAVING count(*) > ${max}`,
      db,
    );
    return rows.map((r) => String(r.user_id));
  }

  async deleteUserTags(
    sdkAppId: number,
    pairs: { userId: string; tag: string }[],
    db: PushExecutor = this.db,
  ): Promise<void> {
    if (pairs.length === 0) return;
    await db.execute(sql`DELETE FROM push_user_tags t
      USING unnest(${sql.param(pairs.map((p) => p.userId))}::text[],
                   ${sql.param(pairs.map((p) => p.tag))}::text[]) AS x(u, g)
      WHERE t.sdk_app_id = ${sdkAppId} AND t.user_id = x.u AND t.tag = x.g`);
  }

  async deleteAllUserTags(sdkAppId: number, userIds: string[]): Promise<void> {
    await this.db.execute(sql`DELETE FROM push_user_tags
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(userIds)}::text[])`);
  }

  async findUserTags(sdkAppId: number, userIds: string[]): Promise<Map<string, string[]>> {
    const rows = await this.rows(sql`SELECT user_id, tag FROM push_user_tags
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(userIds)}::text[])
      ORDER BY user_id, created_at, tag`);
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const id = String(r.user_id);
      out.set(id, [...(out.get(id) ?? []), String(r.tag)]);
    }
    return out;
  }

  // --- tasks -------------------------------------------------------------------------------

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

  // --- stored pushes -----------------------------------------------------------------------

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

  async deleteOldConsumedEvents(days: number): Promise<void> {
    await this.db.execute(sql`DELETE FROM push_consumed_events
      WHERE consumed_at < now() - make_interval(days => ${days})`);
  }

  // --- devices -----------------------------------------------------------------------------

  /** Registers a token for a user (moving it from another user) and keeps the newest `max`. */
  async upsertDevice(sdkAppId: number, device: Device, max: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO push_devices
          (sdk_app_id, provider, token, user_id, platform)
        VALUES (${sdkAppId}, ${device.provider}, ${device.token}, ${device.userId},
          ${device.platform})
        ON CONFLICT (sdk_app_id, provider, token) DO UPDATE
          SET user_id = excluded.user_id, platform = excluded.platform, updated_at = now()`);
      await tx.execute(sql`DELETE FROM push_devices WHERE sdk_app_id = ${sdkAppId}
        AND (provider, token) IN (SELECT provider, token FROM push_devices
          WHERE sdk_app_id = ${sdkAppId} AND user_id = ${device.userId}
          ORDER BY updated_at DESC OFFSET ${max})`);
    });
  }

  async deleteDevice(
    sdkAppId: number,
    userId: string,
    provider: PushProviderName,
    token: string,
  ): Promise<void> {
    await this.db.execute(sql`DELETE FROM push_devices WHERE sdk_app_id = ${sdkAppId}
      AND user_id = ${userId} AND provider = ${provider} AND token = ${token}`);
  }

  async findDevices(sdkAppId: number, userIds: string[]): Promise<Device[]> {
    if (userIds.length === 0) return [];
    const rows = await this.rows(sql`SELECT user_id, provider, token, platform FROM push_devices
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(userIds)}::text[])
      ORDER BY user_id, updated_at DESC`);
    return rows.map((r) => ({
      userId: String(r.user_id),
      provider: r.provider as PushProviderName,
      token: String(r.token),
      platform: typeof r.platform === 'string' ? r.platform : null,
    }));
  }

  async deleteTokens(
    sdkAppId: number,
    provider: PushProviderName,
    tokens: string[],
  ): Promise<void> {
    if (tokens.length === 0) return;
    await this.db.execute(sql`DELETE FROM push_devices WHERE sdk_app_id = ${sdkAppId}
      AND provider = ${provider} AND token = ANY(${sql.param(tokens)}::text[])`);
  }

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

  transaction<T>(work: (tx: PushExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  private async rows(query: ReturnType<typeof sql>, db: PushExecutor = this.db): Promise<Row[]> {
    const result = await db.execute<Row>(query);
    return result.rows;
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
