/** Injection tokens of the platform module. */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const PLATFORM_LOGGER = Symbol('PLATFORM_LOGGER');
/** The service's `ServiceErrorCodes` (present when the module answers RPCs). */
export const SERVICE_ERROR_CODES = Symbol('SERVICE_ERROR_CODES');
