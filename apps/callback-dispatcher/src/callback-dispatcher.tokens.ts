/** Injection token of the callback-dispatcher service's drizzle database. */
export const CALLBACK_DISPATCHER_DB = Symbol('CALLBACK_DISPATCHER_DB');
