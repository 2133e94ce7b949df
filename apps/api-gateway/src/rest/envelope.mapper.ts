/** The body of every /v4 answer (rest-api.md §1.3); HTTP status stays 200. */
export interface Envelope {
  ActionStatus: 'OK' | 'FAIL';
  ErrorInfo: string;
  ErrorCode: number;
  [field: string]: unknown;
}

export function ok(fields: Record<string, unknown> = {}): Envelope {
  return { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, ...fields };
}

export function fail(code: number, info: string): Envelope {
  return { ActionStatus: 'FAIL', ErrorInfo: info, ErrorCode: code };
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
