/** The body of every REST answer (docs/rest-api.md §1.3) plus the command's own fields. */
export interface RestEnvelope {
  ActionStatus: 'OK' | 'FAIL';
  ErrorCode: number;
  ErrorInfo: string;
  [field: string]: unknown;
}

export function isRestEnvelope(value: unknown): value is RestEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.ActionStatus === 'OK' || v.ActionStatus === 'FAIL') &&
    typeof v.ErrorCode === 'number' &&
    typeof v.ErrorInfo === 'string'
  );
}
