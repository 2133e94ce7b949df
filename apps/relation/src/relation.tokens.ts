/** Injection token of the relation service's drizzle database. */
export const RELATION_DB = Symbol('RELATION_DB');
