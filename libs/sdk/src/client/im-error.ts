/** A request the platform refused (code of spec/error-codes.md) or that failed in transit. */
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
} as const;
