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

/**
 * Runs queries of one transaction one after the other (a transaction is one connection, which
 * must not get a second query while the first runs) and returns their results in order.
 */
export async function inSequence<T extends readonly unknown[]>(
  ...queries: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  const results: unknown[] = [];
  for (const query of queries) results.push(await query());
  return results as unknown as T;
}
