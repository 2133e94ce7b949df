/** Injection token of the group service's drizzle database. */
export const GROUP_DB = Symbol('GROUP_DB');
/** The AppCredentialsCache the group service reads per-app settings through. */
export const GROUP_SETTINGS_CACHE = Symbol('GROUP_SETTINGS_CACHE');
