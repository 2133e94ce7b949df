import type { NodePgDatabase } from 'drizzle-orm/node-postgres';

import type { messageSchema } from './message.schema';

/** The message service's drizzle database. */
export type MessageDb = NodePgDatabase<typeof messageSchema>;
/** A transaction on it. */
export type MessageTx = Parameters<Parameters<MessageDb['transaction']>[0]>[0];
/** Where a repository method runs: the database, or the caller's transaction. */
export type MessageExecutor = MessageDb | MessageTx;
