/** Injection token of the callback-dispatcher service's drizzle database. */
export const CALLBACK_DISPATCHER_DB = Symbol('CALLBACK_DISPATCHER_DB');
/** The `CallbackTuning` of the config. */
export const CALLBACK_TUNING = Symbol('CALLBACK_TUNING');
/** The service's `CallbackHttpClient` (keep-alive pools per app). */
export const CALLBACK_HTTP = Symbol('CALLBACK_HTTP');
