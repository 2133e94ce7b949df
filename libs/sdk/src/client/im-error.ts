/** A request the platform refused (code of docs/error-codes.md) or that failed in transit. */
export class ImError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ImError';
  }
}

/** Codes the SDK itself uses for transport failures (not platform codes). */
export const SdkErrorCodes = {
  /** No answer within the request timeout. */
  Timeout: -1,
  /** The connection closed before the answer came. */
  Disconnected: -2,
  /** The client was closed by the application. */
  Closed: -3,
  /** The application cancelled the operation (an upload's AbortSignal). */
  Aborted: -4,
} as const;

/**
 * Platform codes that say "try again" (a service did not answer in time, an internal error):
 * a send is retried with the same random after a short pause, like a lost connection, and a
 * pull or sync is asked again instead of being given up.
 */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([
  60008, // request timed out
  20004, // C2C network error
  20005, // C2C internal error
  90994, // internal error
  90995, // internal error
  91000, // service error
  10002, // group internal error
]);

/** A request that failed because the platform was busy or did not answer: worth retrying. */
export function isBusy(err: unknown): boolean {
  return (
    err instanceof ImError && (err.code === SdkErrorCodes.Timeout || RETRYABLE_CODES.has(err.code))
  );
}

/** A wait of between half and the whole of `ms`, so many clients retrying do not do it at once. */
export function jittered(ms: number, random = Math.random): number {
  return Math.round(ms / 2 + (random() * ms) / 2);
}
