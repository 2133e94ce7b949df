import { NatsOptions, ServerNats } from '@nestjs/microservices';

import { runWithRequestContext } from '../logging/request-context';
import { fromNatsHeaders } from './nats-headers';

type NatsMsgLike = { headers?: Parameters<typeof fromNatsHeaders>[0] };

/**
 * Nest's NATS server with the platform's additions: every inbound message runs inside the
 * request context carried by its headers (request id, app, caller), so logs, outgoing
 * requests and events of that unit of work carry them; closing drains the connection, so
 * in-flight requests finish before the process stops.
 */
export class PlatformNatsServer extends ServerNats {
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
