import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { EventStreams, MessageEvt } from '@im/contracts';
import { DurableBatchConsumer, NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { MediaRetentionService } from './media-retention.service';

/** Durable consumer name (shared by the instances of the service). */
export const MESSAGE_STORED_DURABLE = 'media-message-stored';

/**
 * Consumes `message.evt.sent` from MESSAGE_EVENTS (durable, at least once, in batches): the
 * uploads a stored message names are attached. Why this and not a mark by the client or the
 * edge: the event exists exactly when the message was stored (a client could send and never
 * mark, or mark and never send), the message service publishes it with JetStream's
 * acknowledgement when the body names media, and a durable consumer gets every stored event
 * even when this service was down meanwhile (within the stream's 7 days). Handling is
 * idempotent (the latest message time wins), so redeliveries change nothing.
 */
@Injectable()
export class MessageEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: DurableBatchConsumer<typeof MessageEvt.Sent>;

  constructor(
    private readonly bus: NatsBus,
    private readonly retention: MediaRetentionService,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bus.consumeBatches({
      stream: EventStreams.message.name,
      durable: MESSAGE_STORED_DURABLE,
      subjects: [MessageEvt.Sent],
      handleBatch: async (events) => {
        for (const { event } of events)
          await this.retention.messageStored(event.sdkAppId, event.message);
      },
    });
    this.logger.info({ durable: MESSAGE_STORED_DURABLE }, 'consuming stored messages');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
