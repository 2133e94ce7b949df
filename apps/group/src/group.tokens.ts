/** Injection token of the group service's drizzle database. */
export const GROUP_DB = Symbol('GROUP_DB');
