/** Injection token of the profile service's drizzle database. */
export const PROFILE_DB = Symbol('PROFILE_DB');
