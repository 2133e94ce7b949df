/** Injection token of the message service's drizzle database. */
export const MESSAGE_DB = Symbol('MESSAGE_DB');
