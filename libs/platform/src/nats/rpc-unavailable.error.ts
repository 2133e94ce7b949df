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
