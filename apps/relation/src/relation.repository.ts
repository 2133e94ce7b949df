import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';

import { deleteConsumedBefore, markConsumed } from '@im/platform';

import { rowsOf } from './relation.db';
import type { RelationDb, RelationExecutor } from './relation.db';
import { RELATION_DB } from './relation.tokens';

/** A user's sequences (0 for a user without relation data). */
export interface UserSequences {
  sequence: number;
  standardSequence: number;
  customSequence: number;
  listSequence: number;
  blacklistSequence: number;
}

/** What changed of a user's data: which of its sequences move. */
export type SequenceKind = 'standard' | 'custom' | 'list' | 'blacklist';

export const NO_SEQUENCES: UserSequences = {
  sequence: 0,
  standardSequence: 0,
  customSequence: 0,
  listSequence: 0,
  blacklistSequence: 0,
};

const SEQUENCE_COLUMNS = sql`sequence::float8 AS "sequence",
  standard_sequence::float8 AS "standardSequence",
  custom_sequence::float8 AS "customSequence",
  list_sequence::float8 AS "listSequence",
  blacklist_sequence::float8 AS "blacklistSequence"`;

/**
 * The per-user rows every change locks (in user ID order, so two transactions never wait on
 * each other in a cycle) and that carry the user's sequences; the events of other services
 * already handled. `sdkAppId` is the first parameter of every method.
 */
@Injectable()
export class RelationRepository {
  constructor(@Inject(RELATION_DB) private readonly db: RelationDb) {}

  /**
   * Creates the users' rows when missing and locks them (FOR UPDATE) in user ID order until
   * the transaction ends. Returns the sequences of each.
   */
  async lockUsers(
    sdkAppId: number,
    userIds: string[],
    tx: RelationExecutor,
  ): Promise<Map<string, UserSequences>> {
    const ids = [...new Set(userIds)].sort();
    if (ids.length === 0) return new Map();
    await tx.execute(sql`INSERT INTO relation_users (sdk_app_id, user_id)
      SELECT ${sdkAppId}, u FROM unnest(${sql.param(ids)}::text[]) AS u ORDER BY u COLLATE "C"
      ON CONFLICT DO NOTHING`);
    const rows = await rowsOf<UserSequences & { userId: string }>(
      tx,
      sql`SELECT user_id AS "userId", ${SEQUENCE_COLUMNS} FROM relation_users
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ANY(${sql.param(ids)}::text[])
        ORDER BY user_id COLLATE "C" FOR UPDATE`,
    );
    return new Map(rows.map(({ userId, ...seq }) => [userId, seq]));
  }

  /** Moves each user's counter by one and the named sequences to it. */
  async bumpSequences(
    sdkAppId: number,
    changes: Map<string, Set<SequenceKind>>,
    tx: RelationExecutor,
  ): Promise<Map<string, UserSequences>> {
    const result = new Map<string, UserSequences>();
    for (const userId of [...changes.keys()].sort()) {
      const kinds = changes.get(userId)!;
      if (kinds.size === 0) continue;
      const on = (kind: SequenceKind) => (kinds.has(kind) ? 1 : 0);
      const set = (kind: SequenceKind, column: string) =>
        kinds.has(kind) ? sql.raw('r.sequence + 1') : sql.raw(`r.${column}`);
      const [row] = await rowsOf<UserSequences>(
        tx,
        sql`INSERT INTO relation_users AS r (sdk_app_id, user_id, sequence, standard_sequence,
            custom_sequence, list_sequence, blacklist_sequence)
          VALUES (${sdkAppId}, ${userId}, 1, ${on('standard')}, ${on('custom')}, ${on('list')},
            ${on('blacklist')})
          ON CONFLICT (sdk_app_id, user_id) DO UPDATE SET
            sequence = r.sequence + 1,
            standard_sequence = ${set('standard', 'standard_sequence')},
            custom_sequence = ${set('custom', 'custom_sequence')},
            list_sequence = ${set('list', 'list_sequence')},
            blacklist_sequence = ${set('blacklist', 'blacklist_sequence')}
          RETURNING ${SEQUENCE_COLUMNS}`,
      );
      result.set(userId, row);
    }
    return result;
  }

  async findSequences(
    sdkAppId: number,
    userId: string,
    db: RelationExecutor = this.db,
  ): Promise<UserSequences> {
    const [row] = await rowsOf<UserSequences>(
      db,
      sql`SELECT ${SEQUENCE_COLUMNS} FROM relation_users
        WHERE sdk_app_id = ${sdkAppId} AND user_id = ${userId}`,
    );
    return row ?? NO_SEQUENCES;
  }

  /** Drops the rows of deleted accounts (their sequences are not kept). */
  async deleteUsers(sdkAppId: number, userIds: string[], tx: RelationExecutor): Promise<void> {
    if (userIds.length === 0) return;
    await tx.execute(sql`DELETE FROM relation_users WHERE sdk_app_id = ${sdkAppId}
      AND user_id = ANY(${sql.param(userIds)}::text[])`);
  }

  /** Records that `consumer` handled the event; false when it had already. */
  markConsumed(
    sdkAppId: number,
    consumer: string,
    eventId: string,
    tx: RelationExecutor,
  ): Promise<boolean> {
    return markConsumed(tx, sdkAppId, consumer, eventId);
  }

  /** Forgets handled events older than the streams keep them (all apps). */
  deleteConsumedBefore(before: Date): Promise<number> {
    return deleteConsumedBefore(this.db, before);
  }
}
