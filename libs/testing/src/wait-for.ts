import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';

export interface WaitForOptions {
  /** Give up after this long; default 5000 ms. */
  timeoutMs?: number;
  /** Pause between attempts; default 25 ms. */
  intervalMs?: number;
  /** Says what was awaited, in the timeout error. */
  message?: string;
}

const NOT_YET = Symbol('not yet');

/** Races `promise` against the time left; NOT_YET when the time ran out first. */
async function withinRemaining<T>(promise: Promise<T>, ms: number): Promise<T | typeof NOT_YET> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof NOT_YET>((resolve) => {
    timer = setTimeout(() => resolve(NOT_YET), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls `fn` until it succeeds and returns its value. Not yet: it throws, or returns `false`
 * or `null`. Success: any other value, including `undefined`, so both
 * `waitFor(() => rows.length > 0)` and `waitFor(() => expect(x).toBe(1))` work, and
 * `waitFor(() => repo.find(id))` waits for a non-null row. After `timeoutMs` it throws an
 * error with the last error or value.
 */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  options: WaitForOptions = {},
): Promise<Exclude<T, false | null>> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const intervalMs = options.intervalMs ?? 25;
  const deadline = Date.now() + timeoutMs;
  let last: { error: unknown } | { value: unknown } | undefined;
  let attempts = 0;
  do {
    attempts++;
    try {
      const value = await withinRemaining(Promise.resolve().then(fn), deadline - Date.now());
      if (value === NOT_YET) {
        last ??= { error: new Error('the call did not settle before the timeout') };
        break;
      }
      if (value !== false && value !== null) return value as Exclude<T, false | null>;
      last = { value };
    } catch (error) {
      last = { error };
    }
    const pause = Math.min(intervalMs, deadline - Date.now());
    if (pause > 0) await sleep(pause);
  } while (Date.now() < deadline);

  const what = options.message ? `${options.message}: ` : '';
  const lastText =
    last === undefined
      ? 'no attempt'
      : 'error' in last
        ? `last error: ${last.error instanceof Error ? last.error.message : inspect(last.error)}`
        : `last value: ${inspect(last.value, { depth: 3 })}`;
  const error = new Error(
    `waitFor: ${what}timed out after ${timeoutMs} ms (${attempts} attempts); ${lastText}`,
  );
  if (last !== undefined && 'error' in last) error.cause = last.error;
  throw error;
}
