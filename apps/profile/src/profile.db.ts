import type { NodePgDatabase } from 'drizzle-orm/node-postgres';

import type { profileSchema } from './profile.schema';

/** The profile service's drizzle database. */
export type ProfileDb = NodePgDatabase<typeof profileSchema>;
/** A transaction on it. */
export type ProfileTx = Parameters<Parameters<ProfileDb['transaction']>[0]>[0];
/** Where a repository method runs: the database, or the caller's transaction. */
export type ProfileExecutor = ProfileDb | ProfileTx;
