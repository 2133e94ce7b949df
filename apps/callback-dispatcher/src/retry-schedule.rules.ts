/**
 * Delay before the next delivery of an after-callback whose `attempt`-th delivery failed:
 * `base`, 2·`base`, 4·`base`, ... capped at `max` (bounded exponential, docs/requirements.md AMB-47).
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(0, attempt - 1), 30);
  return Math.min(maxMs, baseMs * 2 ** exponent);
}

/** Total time from the first delivery to the last one, when every delivery fails at once. */
export function retryHorizonMs(maxAttempts: number, baseMs: number, maxMs: number): number {
  let total = 0;
  for (let attempt = 1; attempt < maxAttempts; attempt++)
    total += retryDelayMs(attempt, baseMs, maxMs);
  return total;
}
