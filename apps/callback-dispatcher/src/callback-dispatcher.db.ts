import type { NodePgDatabase } from 'drizzle-orm/node-postgres';

import type { callbackDispatcherSchema } from './callback-dispatcher.schema';

/** The callback-dispatcher service's drizzle database. */
export type CallbackDispatcherDb = NodePgDatabase<typeof callbackDispatcherSchema>;
/** A transaction on it. */
export type CallbackDispatcherTx = Parameters<
  Parameters<CallbackDispatcherDb['transaction']>[0]
>[0];
/** Where a repository method runs: the database, or the caller's transaction. */
export type CallbackDispatcherExecutor = CallbackDispatcherDb | CallbackDispatcherTx;
