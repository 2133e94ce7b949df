/** Injection token of the message service's drizzle database. */
export const MESSAGE_DB = Symbol('MESSAGE_DB');
/** The MessageTuning in effect. */
export const MESSAGE_TUNING = Symbol('MESSAGE_TUNING');
/** The before-send hook (callbacks issue); a no-op until then. */
export const BEFORE_SEND_HOOK = Symbol('BEFORE_SEND_HOOK');
