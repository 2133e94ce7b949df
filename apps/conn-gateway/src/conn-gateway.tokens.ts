/** Injection token of the gateway's app credentials cache. */
export const CREDENTIALS_CACHE = Symbol('CREDENTIALS_CACHE');
