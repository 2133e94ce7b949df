/** Injection token of the configured MediaStorage. */
export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');
