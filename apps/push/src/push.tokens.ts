/** Injection token of the push service's drizzle database. */
export const PUSH_DB = Symbol('PUSH_DB');
