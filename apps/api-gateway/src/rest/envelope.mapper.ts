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

export function fail(code: number, info: string): Envelope {
  const text = info.length > ErrorInfoMax ? `${info.slice(0, ErrorInfoMax - 1)}…` : info;
  return { ActionStatus: 'FAIL', ErrorInfo: text, ErrorCode: code };
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
