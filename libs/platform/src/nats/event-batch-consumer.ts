import { ConsumerMessages, JsMsg, NatsConnection } from 'nats';

import type { EventOf, EventSubject } from '@im/contracts';

import type { PlatformLogger } from '../logging/logger';
import { DurableConsumerBase, decodeEvent, redeliveryDelayMs } from './event-consumer';

/** An event of a batch with its subject. */
export interface BatchedEvent<S extends EventSubject> {
  subject: S;
  event: EventOf<S>;
}

export interface DurableBatchConsumerSpec<S extends EventSubject> {
  /** The owner's stream, e.g. `EventStreams.message.name`. */
  stream: string;
  /** `<service>-<purpose>`: instances of a service with the same name share the work. */
  durable: string;
  /** The facts handled (others are acknowledged and skipped), each validated first. */
  subjects: readonly S[];
  /**
   * Handles the events of a batch together, all or nothing: when it throws, each event is
   * handled again alone, so one failing event does not hold back the others. Must be
   * idempotent by `eventId`.
   */
  handleBatch: (events: BatchedEvent<S>[]) => Promise<void>;
  /** Most events in one batch (and received ahead). Default 200. */
  batchSize?: number;
  /** Deliveries before a failing event is given up (logged as an error). Default 8. */
  maxDeliver?: number;
  /** Time a batch has before its events are delivered again. Default 30 s. */
  ackWaitMs?: number;
}

/**
 * A durable JetStream consumer that hands events over in batches (those received while the
 * previous batch was handled, up to `batchSize`), for work whose cost is per round trip rather
 * than per event
 * (counters: one statement for a batch instead of one per event). Same guarantees as
 * `DurableEventConsumer`: at least once, every event validated against its contract class
 * (an invalid one is logged without content and terminated), bounded redelivery.
 */
export class DurableBatchConsumer<S extends EventSubject> extends DurableConsumerBase {
  constructor(
    nc: NatsConnection,
    private readonly spec: DurableBatchConsumerSpec<S>,
    logger: PlatformLogger,
  ) {
    super(nc, spec, logger, spec.batchSize ?? 200);
  }

  /**
   * Takes a message, then every further one already received (up to `batchSize`), handles
   * them together, and so on: a batch is what piled up while the previous one was handled, so
   * low traffic waits for nothing and high traffic costs one round of work per batch.
   */
  protected async run(messages: ConsumerMessages): Promise<void> {
    const size = this.spec.batchSize ?? 200;
    const it = messages[Symbol.asyncIterator]();
    let next = it.next();
    for (;;) {
      const first = await next;
      if (first.done) return;
      const batch: JsMsg[] = [first.value];
      next = it.next();
      let done = false;
      while (batch.length < size) {
        // A message already received resolves within this turn; the timer wins otherwise.
        const r = await Promise.race([next, nextTurn()]);
        if (r === undefined) break;
        if (r.done) {
          done = true;
          break;
        }
        batch.push(r.value);
        next = it.next();
      }
      await this.handle(batch);
      if (done) return;
    }
  }

  private async handle(batch: JsMsg[]): Promise<void> {
    const items: (BatchedEvent<S> & { msg: JsMsg })[] = [];
    for (const msg of batch) {
      const subject = msg.subject as S;
      if (!this.spec.subjects.includes(subject)) {
        msg.ack();
        continue;
      }
      const event = decodeEvent<S>(msg, this.spec, this.logger);
      if (event !== undefined) items.push({ subject, event, msg });
    }
    if (items.length === 0) return;
    if (items.length === 1) {
      await this.handleAlone(items[0].subject, items[0].event, items[0].msg);
      return;
    }
    try {
      await this.spec.handleBatch(items.map(({ subject, event }) => ({ subject, event })));
      for (const item of items) item.msg.ack();
      return;
    } catch (err) {
      this.logger.warn(
        { err, durable: this.spec.durable, events: items.length },
        'event batch failed; handling its events one at a time',
      );
    }
    for (const { subject, event, msg } of items) await this.handleAlone(subject, event, msg);
  }

  private async handleAlone(subject: S, event: EventOf<S>, msg: JsMsg): Promise<void> {
    try {
      await this.spec.handleBatch([{ subject, event }]);
      msg.ack();
    } catch (err) {
      const attempt = msg.info.deliveryCount;
      const last = attempt >= (this.spec.maxDeliver ?? 8);
      this.logger[last ? 'error' : 'warn'](
        { err, subject, durable: this.spec.durable, attempt },
        last ? 'event handling failed for good' : 'event handling failed; will retry',
      );
      if (last) msg.term();
      else msg.nak(redeliveryDelayMs(attempt));
    }
  }
}

/** Resolves undefined after the current turn of the event loop (pending I/O callbacks first). */
function nextTurn(): Promise<undefined> {
  return new Promise((resolve) => setImmediate(() => resolve(undefined)));
}
