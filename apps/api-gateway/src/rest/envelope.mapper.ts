/** The body of every /v4 answer (docs/rest-api.md §1.3); HTTP status stays 200. */
export interface Envelope {
  ActionStatus: 'OK' | 'FAIL';
  ErrorInfo: string;
  ErrorCode: number;
  [field: string]: unknown;
}

export function ok(fields: Record<string, unknown> = {}): Envelope {
  return { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, ...fields };
}

/** The most an ErrorInfo says: a refused value of any size is echoed only in part. */
export const ErrorInfoMax = 512;

export function fail(code: number, info: string, retryAfterMs?: number): Envelope {
  const text = info.length > ErrorInfoMax ? `${info.slice(0, ErrorInfoMax - 1)}…` : info;
  const envelope: Envelope = { ActionStatus: 'FAIL', ErrorInfo: text, ErrorCode: code };
  // a busy answer (60018) says when to come back (docs/rest-api.md §1.3)
  if (retryAfterMs !== undefined) envelope.RetryAfterMs = retryAfterMs;
  return envelope;
}

/** The HTTP `Retry-After` (whole seconds, at least 1) of an envelope that carries RetryAfterMs. */
export function retryAfterHeader(envelope: Envelope): string | undefined {
  const ms = envelope.RetryAfterMs;
  return typeof ms === 'number' ? String(Math.max(1, Math.ceil(ms / 1000))) : undefined;
}

/** A refusal of the edge itself, carried up to the handler that writes the envelope. */
export class RestFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RestFailure';
  }
}
