import type { NodePgDatabase } from 'drizzle-orm/node-postgres';

import type { relationSchema } from './relation.schema';

/** The relation service's drizzle database. */
export type RelationDb = NodePgDatabase<typeof relationSchema>;
/** A transaction on it. */
export type RelationTx = Parameters<Parameters<RelationDb['transaction']>[0]>[0];
/** Where a repository method runs: the database, or the caller's transaction. */
export type RelationExecutor = RelationDb | RelationTx;
