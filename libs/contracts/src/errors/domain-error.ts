import { categoryOf, ErrorCategory } from './error-category';
import { ErrorCode } from './error-code';

/**
 * The error shape that travels over NATS as the `err` of a reply: a code of
 * docs/error-codes.md, its category and a short English message. Never a stack.
 * `retryAfterMs` comes with a busy answer (60018): when the caller may try again.
 */
export interface RpcErrorPayload {
  code: number;
  category: ErrorCategory;
  message: string;
  retryAfterMs?: number;
}

/** Base class of every domain error; each service throws its own subclass. */
export class DomainError extends Error {
  readonly category: ErrorCategory;
  /** For a busy answer: how long the caller should wait before trying again. */
  retryAfterMs?: number;

  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
    this.category = categoryOf(code);
  }

  toPayload(): RpcErrorPayload {
    const payload: RpcErrorPayload = {
      code: this.code,
      category: this.category,
      message: this.message,
    };
    if (this.retryAfterMs !== undefined) payload.retryAfterMs = this.retryAfterMs;
    return payload;
  }
}

/**
 * The platform is overloaded and did not work on the request (docs/error-codes.md, 60018):
 * nothing happened, so the same request may be sent again after `retryAfterMs`.
 */
export class BusyError extends DomainError {
  constructor(retryAfterMs: number, message = 'too many requests; retry later') {
    super(ErrorCode.TooManyRequests, message);
    this.retryAfterMs = retryAfterMs;
  }
}

/** An error reply received from another service (or a transport failure mapped to a code). */
export class RemoteError extends DomainError {
  constructor(
    code: number,
    message: string,
    readonly subject: string,
    retryAfterMs?: number,
  ) {
    super(code, message);
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
  }
}

export function isRpcErrorPayload(value: unknown): value is RpcErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'number' && typeof v.message === 'string' && typeof v.category === 'string'
  );
}

/** The `retryAfterMs` of an error payload when it is a sane one (a whole number of ms, < 1 h). */
export function retryAfterMsOf(value: { retryAfterMs?: unknown }): number | undefined {
  const ms = value.retryAfterMs;
  return typeof ms === 'number' && Number.isInteger(ms) && ms >= 0 && ms <= 3_600_000
    ? ms
    : undefined;
}
