import type { NodePgDatabase } from 'drizzle-orm/node-postgres';

import type { pushSchema } from './push.schema';

/** The push service's drizzle database. */
export type PushDb = NodePgDatabase<typeof pushSchema>;
/** A transaction on it. */
export type PushTx = Parameters<Parameters<PushDb['transaction']>[0]>[0];
/** Where a repository method runs: the database, or the caller's transaction. */
export type PushExecutor = PushDb | PushTx;
