import { Alert } from 'antd';

import { ApiError } from '../api/client';

/** A failed call as the platform answered it: its error code and message. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const title =
    error instanceof ApiError
      ? `Error ${error.code}: ${error.message}`
      : `Error: ${error instanceof Error ? error.message : String(error)}`;
  return (
    <Alert type="error" showIcon title={title} data-testid="error" style={{ marginBottom: 16 }} />
  );
}
