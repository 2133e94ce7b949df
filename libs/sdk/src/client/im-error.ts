/** A request the platform refused (code of docs/error-codes.md) or that failed in transit. */
export class ImError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** With a busy answer (60018): when the platform wants the request again, ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ImError';
  }
}

/** The platform's busy answer (docs/error-codes.md): overloaded, nothing done, retry later. */
export const BUSY_CODE = 60018;

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
  60018, // too many requests: the platform is overloaded (retryAfterMs says when to retry)
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

/**
 * How long to wait before retrying after `err`: the platform's `retryAfterMs` when it gave one
 * (bounded to 30 s), otherwise `fallbackMs`.
 */
export function retryDelayMs(err: unknown, fallbackMs: number): number {
  const hint = err instanceof ImError ? err.retryAfterMs : undefined;
  return hint !== undefined && hint >= 0 ? Math.min(hint, 30_000) : fallbackMs;
}

/** A wait of between half and the whole of `ms`, so many clients retrying do not do it at once. */
export function jittered(ms: number, random = Math.random): number {
  return Math.round(ms / 2 + (random() * ms) / 2);
}
