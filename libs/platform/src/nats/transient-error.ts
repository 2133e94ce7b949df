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
  // pg: a query (often the ROLLBACK) on a client whose connection broke under it
  'Client has encountered a connection error and is not queryable',
];

/** How deep a chain of `cause`s is followed (a driver error wrapped by the ORM, ...). */
const MAX_CAUSES = 5;

/**
 * Whether an error means a dependency (PostgreSQL, Redis) is down or busy rather than a bug:
 * a network failure, a connection-class SQLSTATE (08xxx), a shutdown or overload state, a
 * serialization failure, or a Redis client that gave up — itself or as the `cause` of the
 * error thrown (drizzle wraps the driver's error in a DrizzleQueryError). Callers answer
 * "unavailable, retry".
 */
export function isTransientInfraError(err: unknown): boolean {
  let current = err;
  for (let depth = 0; depth <= MAX_CAUSES; depth++) {
    if (isTransientItself(current)) return true;
    if (typeof current !== 'object' || current === null) return false;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function isTransientItself(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; name?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code) || RETRYABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
    return true;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return TRANSIENT_MESSAGES.some((m) => message.includes(m));
}
