import type { SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';

import type { relationSchema } from './relation.schema';

/** The relation service's drizzle database. */
export type RelationDb = NodePgDatabase<typeof relationSchema>;
/** A transaction on it. */
export type RelationTx = Parameters<Parameters<RelationDb['transaction']>[0]>[0];
/** Where a repository method runs: the database, or the caller's transaction. */
export type RelationExecutor = RelationDb | RelationTx;

/** Runs a statement and returns its rows. */
export async function rowsOf<T extends object>(db: RelationExecutor, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return result.rows as T[];
}
