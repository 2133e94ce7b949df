/** Injection token of the message service's drizzle database. */
export const MESSAGE_DB = Symbol('MESSAGE_DB');
/** The AppCredentialsCache per-app settings are read through. */
export const MESSAGE_SETTINGS_CACHE = Symbol('MESSAGE_SETTINGS_CACHE');
/** The MessageTuning in effect. */
export const MESSAGE_TUNING = Symbol('MESSAGE_TUNING');
/** The before-send hook (callbacks issue); a no-op until then. */
export const BEFORE_SEND_HOOK = Symbol('BEFORE_SEND_HOOK');
