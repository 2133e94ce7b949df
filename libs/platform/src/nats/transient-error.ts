const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
/** SQLSTATEs that say "the database is not available right now, retry". */
const RETRYABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
const TRANSIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Connection is closed',
  'Cannot use a pool after calling end',
];

/**
 * Whether an error means a dependency (PostgreSQL, Redis) is down or busy rather than a bug:
 * a network failure, a connection-class SQLSTATE (08xxx), a shutdown or overload state, a
 * serialization failure, or a Redis client that gave up. Callers answer "unavailable, retry".
 */
export function isTransientInfraError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; name?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code) || RETRYABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
    return true;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return TRANSIENT_MESSAGES.some((m) => message.includes(m));
}
