import { Alert } from 'antd';

/** What a write did, until the next one. */
export function Done({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <Alert type="success" showIcon title={text} data-testid="done" style={{ marginBottom: 16 }} />
  );
}
