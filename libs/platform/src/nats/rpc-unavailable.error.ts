import { ErrorCode as NatsErrorCode, NatsError } from 'nats';

/** A request that got no answer: nobody serves the subject, it timed out, or NATS is down. */
export class RpcUnavailableError extends Error {
  constructor(
    readonly subject: string,
    readonly reason: 'timeout' | 'no-responders' | 'disconnected',
  ) {
    super(`${subject}: ${reason}`);
    this.name = 'RpcUnavailableError';
  }
}

const UNAVAILABLE_REASONS = new Map<string, RpcUnavailableError['reason']>([
  [NatsErrorCode.NoResponders, 'no-responders'],
  [NatsErrorCode.Timeout, 'timeout'],
  [NatsErrorCode.ConnectionClosed, 'disconnected'],
  [NatsErrorCode.ConnectionDraining, 'disconnected'],
  [NatsErrorCode.Disconnect, 'disconnected'],
]);

/** A NATS failure that means "nobody answered" becomes RpcUnavailableError; others pass. */
export function toUnavailable(subject: string, err: unknown): unknown {
  const reason = err instanceof NatsError ? UNAVAILABLE_REASONS.get(err.code) : undefined;
  return reason ? new RpcUnavailableError(subject, reason) : err;
}

export function describeForeignError(err: unknown): string {
  if (typeof err === 'string') return err;
  if (typeof err === 'object' && err && 'message' in err) return String(err.message);
  return 'remote error';
}
