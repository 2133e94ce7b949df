import { NatsError } from 'nats';

/**
 * JetStream API errors that say "not now" rather than "no": a request that timed out or found
 * no responder (a cluster electing a leader, a node restarting, a busy machine), the cluster
 * temporarily unavailable, or another instance of the service creating the same stream or
 * consumer at the same moment. Setting up streams and consumers retries on them.
 */
const TRANSIENT_API_CODES = new Set([
  10008, // JetStream cluster temporarily unavailable
  10058, // stream name already in use (another instance created it first)
  10013, // consumer name already in use
  10105, // consumer already exists (with another instance's request in flight)
  10148, // consumer already exists
]);

export function isTransientJetStreamError(err: unknown): boolean {
  if (!(err instanceof NatsError)) return false;
  if (err.code === 'TIMEOUT' || err.code === '503') return true;
  const apiCode = err.api_error?.err_code;
  return apiCode !== undefined && TRANSIENT_API_CODES.has(apiCode);
}

/** Delay before the n-th retry of a JetStream setup call: 250 ms doubling, at most 5 s. */
export function setupRetryDelayMs(attempt: number): number {
  return Math.min(5000, 250 * 2 ** Math.max(0, attempt - 1));
}
