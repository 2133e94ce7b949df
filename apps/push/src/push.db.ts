import type { SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';

import type { pushSchema } from './push.schema';

/** The push service's drizzle database. */
export type PushDb = NodePgDatabase<typeof pushSchema>;
/** A transaction on it. */
export type PushTx = Parameters<Parameters<PushDb['transaction']>[0]>[0];
/** Where a repository method runs: the database, or the caller's transaction. */
export type PushExecutor = PushDb | PushTx;
/** A row of a raw query. */
export type Row = Record<string, unknown>;

/** The rows of a raw query, on the database or the caller's transaction. */
export async function rowsOf(db: PushExecutor, query: SQL): Promise<Row[]> {
  const result = await db.execute<Row>(query);
  return result.rows;
}
