import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import type { SystemNotification } from '@im/contracts';

import type { MessageDb } from './message.db';
import { MESSAGE_DB } from './message.tokens';

/** The only SQL on `notifications`. */
@Injectable()
export class NotificationRepository {
  constructor(@Inject(MESSAGE_DB) private readonly db: MessageDb) {}

  /**
   * Keeps one notification of a fact for each user (a fact seen again is skipped); returns
   * the users it was new for, with the notification as stored.
   *
   * Inserts of one app are serialized by a transaction-scoped advisory lock, so ids become
   * visible in id order: a client that pulled up to id N (`afterId` cursor) can never miss a
   * smaller id committed later (one statement for a large group takes its ids over a while, and
   * a concurrent smaller insert would otherwise commit a higher id first).
   */
  async insert(
    sdkAppId: number,
    userIds: string[],
    eventId: string,
    kind: string,
    data: Record<string, unknown>,
    time: number,
  ): Promise<{ userId: string; notification: SystemNotification }[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db.transaction(async (tx) => {
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(hashtext('notifications:' || ${sdkAppId}::text)::bigint)`,
      );
      const result = await tx.execute<{ user_id: string; id: string }>(sql`
        INSERT INTO notifications (sdk_app_id, user_id, event_id, kind, data, created_at)
        SELECT ${sdkAppId}, u, ${eventId}, ${kind}, ${JSON.stringify(data)}::json, ${time}
        FROM unnest(${sql.param(userIds)}::text[]) AS u
        ON CONFLICT (sdk_app_id, user_id, event_id) DO NOTHING
        RETURNING user_id, id`);
      return result.rows;
    });
    return rows.map((r) => ({
      userId: r.user_id,
      notification: { id: Number(r.id), kind, time, data },
    }));
  }

  /** A user's notifications after `afterId` no older than `since`, oldest first. */
  async findAfter(
    sdkAppId: number,
    userId: string,
    afterId: number,
    since: number,
    limit: number,
  ): Promise<SystemNotification[]> {
    const { rows } = await this.db.execute<{
      id: string;
      kind: string;
      data: Record<string, unknown>;
      created_at: string;
    }>(sql`
      SELECT id, kind, data, created_at FROM notifications
      WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId} AND id > ${afterId}
        AND created_at >= ${since}
      ORDER BY id LIMIT ${limit}`);
    return rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      time: Number(r.created_at),
      data: r.data,
    }));
  }
}
