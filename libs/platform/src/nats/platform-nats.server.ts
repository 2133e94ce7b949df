import { NatsOptions, ServerNats } from '@nestjs/microservices';

import { TransportHeaders } from '@im/contracts';

import { runWithRequestContext } from '../logging/request-context';
import { fromNatsHeaders } from './nats-headers';

type NatsMsgLike = { headers?: Parameters<typeof fromNatsHeaders>[0] };

/** Clocks of two hosts may differ a little: a request is late only past its deadline plus this. */
export const DEADLINE_GRACE_MS = 250;

/**
 * Whether a request's deadline (`TransportHeaders.Deadline`, epoch ms, set by NatsBus.request)
 * has passed: its requester has given up, so working on it only deepens an overload.
 */
export function deadlinePassed(
  headers: NatsMsgLike['headers'],
  now = Date.now(),
  graceMs = DEADLINE_GRACE_MS,
): boolean {
  const text = headers?.get(TransportHeaders.Deadline);
  if (!text) return false;
  const deadline = Number(text);
  return Number.isFinite(deadline) && now > deadline + graceMs;
}

/**
 * Nest's NATS server with the platform's additions: every inbound message runs inside the
 * request context carried by its headers (request id, app, caller), so logs, outgoing
 * requests and events of that unit of work carry them; a request whose requester stopped
 * waiting (its deadline passed while it sat in the queue) is dropped unprocessed and counted
 * in `onExpired`; closing drains the connection, so in-flight requests finish before the
 * process stops.
 */
export class PlatformNatsServer extends ServerNats {
  /** Called with the subject of each request dropped because its deadline had passed. */
  onExpired?: (subject: string) => void;

  constructor(options: Required<NatsOptions>['options']) {
    super({
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: true,
      ...options,
    });
  }

  override async handleMessage(
    channel: string,
    natsMsg: Parameters<ServerNats['handleMessage']>[1],
  ): Promise<unknown> {
    if (deadlinePassed((natsMsg as NatsMsgLike).headers)) {
      this.onExpired?.(channel);
      return;
    }
    return runWithRequestContext(fromNatsHeaders((natsMsg as NatsMsgLike).headers), () =>
      super.handleMessage(channel, natsMsg),
    );
  }

  override async close(): Promise<void> {
    const nc = (this as unknown as { natsClient?: { drain(): Promise<void>; isClosed(): boolean } })
      .natsClient;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => undefined);
    await super.close();
  }
}
