import type { NodePgDatabase } from 'drizzle-orm/node-postgres';

import type { accountSchema } from './account.schema';

/** The account service's drizzle database. */
export type AccountDb = NodePgDatabase<typeof accountSchema>;
/** A transaction on it. */
export type AccountTx = Parameters<Parameters<AccountDb['transaction']>[0]>[0];
/** Where a repository method runs: the database, or the caller's transaction. */
export type AccountExecutor = AccountDb | AccountTx;
