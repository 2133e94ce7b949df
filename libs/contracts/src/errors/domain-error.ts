import { categoryOf, ErrorCategory } from './error-category';

/**
 * The error shape that travels over NATS as the `err` of a reply: a code of
 * docs/error-codes.md, its category and a short English message. Never a stack.
 */
export interface RpcErrorPayload {
  code: number;
  category: ErrorCategory;
  message: string;
}

/** Base class of every domain error; each service throws its own subclass. */
export class DomainError extends Error {
  readonly category: ErrorCategory;

  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
    this.category = categoryOf(code);
  }

  toPayload(): RpcErrorPayload {
    return { code: this.code, category: this.category, message: this.message };
  }
}

/** An error reply received from another service (or a transport failure mapped to a code). */
export class RemoteError extends DomainError {
  constructor(
    code: number,
    message: string,
    readonly subject: string,
  ) {
    super(code, message);
  }
}

export function isRpcErrorPayload(value: unknown): value is RpcErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'number' && typeof v.message === 'string' && typeof v.category === 'string'
  );
}
