/** What came of one HTTP request to an app backend. */
export type CallbackHttpResult =
  | { kind: 'response'; status: number; body: string }
  | { kind: 'timeout' }
  | { kind: 'error'; error: string };

/** A short description for logs and dead letters (never the body). */
export function describeHttpResult(result: CallbackHttpResult): string {
  switch (result.kind) {
    case 'response':
      return `HTTP ${result.status}`;
    case 'timeout':
      return 'timeout';
    case 'error':
      return `connection failed: ${result.error}`;
  }
}

/** An after-callback is delivered when the app answered with a 2xx status (the body is ignored). */
export function isDelivered(result: CallbackHttpResult): boolean {
  return result.kind === 'response' && result.status >= 200 && result.status < 300;
}
