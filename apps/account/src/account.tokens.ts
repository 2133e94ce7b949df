/** Injection token of the account service's drizzle database. */
export const ACCOUNT_DB = Symbol('ACCOUNT_DB');
