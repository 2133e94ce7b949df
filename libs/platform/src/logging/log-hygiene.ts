/**
 * What a log line may carry. Logs are read by operators, shipped to other systems and kept
 * for long: they never hold message content, UserSigs or keys, and no value in them is
 * unbounded. Field names are redacted by the logger (`REDACT` in logger.ts); this file
 * covers what field names cannot: error objects that embed the values of a failed query,
 * and strings of any size.
 */

/** The most a string value of a log line keeps, in UTF-16 units. */
export const LogStringMax = 1024;
/** The most of a stack a log line keeps. */
const StackMax = 4096;
/** How deep the size cap walks into a logged object; deeper values are replaced. */
const DepthMax = 6;
/** Keys of an object, items of an array, the cap keeps. */
const EntriesMax = 50;

/** `s` cut to `max` units with a note of how much was left out. */
export function truncateForLog(s: string, max = LogStringMax): string {
  return s.length <= max ? s : `${s.slice(0, max)}…[${s.length - max} more]`;
}

/**
 * An error's message without the values it embeds: drizzle's "Failed query: … params: …"
 * carries every bound parameter (message bodies, nicknames, custom data) after `params:`.
 */
export function safeErrorMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : String(err);
  const at = raw.indexOf('\nparams:');
  return truncateForLog(at >= 0 ? `${raw.slice(0, at)}\nparams: [redacted]` : raw);
}

/** Fields of a driver error that identify it without echoing data (PostgreSQL, Node, NATS). */
const SafeErrorFields = ['code', 'constraint', 'table', 'column', 'routine', 'severity'] as const;

interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  cause?: SerializedError;
  [field: string]: unknown;
}

/**
 * The `err` serializer: type, safe message, capped stack, a few identifying fields and the
 * cause chain (two levels). Unlike pino's standard serializer it copies no other property,
 * so a query error's `params`, a PostgreSQL error's `detail` ("Key (x)=(value)…") and a
 * request's body never reach the log.
 */
export function serializeError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) {
    return typeof value === 'string' ? safeErrorMessage(value) : capForLog(value);
  }
  const message = safeErrorMessage(value);
  const out: SerializedError = { type: value.constructor?.name ?? 'Error', message };
  if (value.stack) {
    // the stack's first line repeats the unsafe message: keep only the frames
    const frames = value.stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = truncateForLog(`${out.type}: ${message}\n${frames.join('\n')}`, StackMax);
  }
  const fields = value as unknown as Record<string, unknown>;
  for (const key of SafeErrorFields) {
    const v = fields[key];
    if (typeof v === 'string' || typeof v === 'number') out[key] = truncateForLog(String(v), 128);
  }
  if (value.cause !== undefined && depth < 2) {
    out.cause = serializeError(value.cause, depth + 1) as SerializedError;
  }
  return out;
}

/** `value` with every string capped and deep or wide structures cut. */
export function capForLog(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return truncateForLog(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return serializeError(value);
  if (depth >= DepthMax) return '[too deep]';
  if (Array.isArray(value)) {
    const items = value.slice(0, EntriesMax).map((v) => capForLog(v, depth + 1));
    if (value.length > EntriesMax) items.push(`…[${value.length - EntriesMax} more]`);
    return items;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [k, v] of Object.entries(value)) {
    if (n++ === EntriesMax) {
      out['…'] = `${Object.keys(value).length - EntriesMax} more keys`;
      break;
    }
    out[k] = capForLog(v, depth + 1);
  }
  return out;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Repeated identical refusals logged once per window: the first `perWindow` lines of a key
 * pass, the rest are counted and reported by the next line that passes. Keys are few (a
 * command and a code), and old windows are dropped, so memory stays bounded.
 */
export class LogThrottle {
  private readonly windows = new Map<string, { start: number; seen: number; suppressed: number }>();

  constructor(
    private readonly windowMs = 60_000,
    private readonly perWindow = 5,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether to log this occurrence, and how many of the key were left out before it. */
  admit(key: string): { log: boolean; suppressed: number } {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      const suppressed = w?.suppressed ?? 0;
      if (!w && this.windows.size >= this.maxKeys) this.evict(t);
      w = { start: t, seen: 0, suppressed: 0 };
      this.windows.set(key, w);
      w.seen = 1;
      return { log: true, suppressed };
    }
    w.seen += 1;
    if (w.seen <= this.perWindow) return { log: true, suppressed: 0 };
    w.suppressed += 1;
    return { log: false, suppressed: 0 };
  }

  private evict(t: number): void {
    for (const [key, w] of this.windows) {
      if (t - w.start >= this.windowMs) this.windows.delete(key);
    }
    // still full: forget the oldest entries (their suppressed counts are lost, not the log)
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
