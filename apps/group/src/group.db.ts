import type { NodePgDatabase } from 'drizzle-orm/node-postgres';

import type { groupSchema } from './group.schema';

/** The group service's drizzle database. */
export type GroupDb = NodePgDatabase<typeof groupSchema>;
/** A transaction on it. */
export type GroupTx = Parameters<Parameters<GroupDb['transaction']>[0]>[0];
/** Where a repository method runs: the database, or the caller's transaction. */
export type GroupExecutor = GroupDb | GroupTx;
