import {
  AckPolicy,
  Consumer,
  ConsumerMessages,
  DeliverPolicy,
  JsMsg,
  NatsConnection,
  NatsError,
} from 'nats';

import type { EventOf, EventSubject } from '@im/contracts';

import type { PlatformLogger } from '../logging/logger';
import { runWithRequestContext } from '../logging/request-context';
import { eventProblems } from './event-validation';
import { fromNatsHeaders } from './nats-headers';
import { isTransientJetStreamError } from './jetstream-errors';

export interface DurableConsumerSpec<S extends EventSubject> {
  /** The owner's stream, e.g. `EventStreams.account.name`. */
  stream: string;
  /** `<service>-<purpose>`: instances of a service with the same name share the work. */
  durable: string;
  /**
   * The facts this consumer handles (others in the stream are acknowledged and skipped). Each
   * is validated against its contract class first; an invalid one is logged and given up.
   */
  subjects: readonly S[];
  handler: (subject: S, event: EventOf<S>) => Promise<void>;
  /** Deliveries before a failing event is given up (logged as an error). Default 8. */
  maxDeliver?: number;
  /** Time a handler has before the event is delivered again. Default 30 s. */
  ackWaitMs?: number;
}

/** Creates or updates a durable consumer, then returns it (consumer.ts and the batch consumer). */
export async function attachDurable(
  nc: NatsConnection,
  spec: Pick<DurableConsumerSpec<EventSubject>, 'stream' | 'durable' | 'subjects'> & {
    maxDeliver?: number;
    ackWaitMs?: number;
  },
): Promise<Consumer> {
  const jsm = await nc.jetstreamManager();
  const filter = spec.subjects.length === 1 ? spec.subjects[0] : undefined;
  const config = {
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: (spec.ackWaitMs ?? 30_000) * 1e6,
    max_deliver: spec.maxDeliver ?? 8,
    // nats-server 2.9 takes one filter subject; several are filtered here instead.
    ...(filter !== undefined && { filter_subject: filter }),
  };
  try {
    await jsm.consumers.info(spec.stream, spec.durable);
    await jsm.consumers.update(spec.stream, spec.durable, config);
  } catch (err) {
    if (!(err instanceof NatsError) || err.api_error?.err_code !== 10014) throw err;
    await jsm.consumers.add(spec.stream, config);
  }
  return nc.jetstream().consumers.get(spec.stream, spec.durable);
}

/**
 * The event a message carries, validated against its contract class; undefined (the message
 * terminated, logged without its content) when it does not decode or validate.
 */
export function decodeEvent<S extends EventSubject>(
  msg: JsMsg,
  spec: { durable: string },
  logger: PlatformLogger,
): EventOf<S> | undefined {
  const subject = msg.subject as S;
  let event: EventOf<S>;
  try {
    const packet = msg.json<{ data?: EventOf<S> }>();
    event = (packet.data ?? packet) as EventOf<S>;
  } catch (err) {
    logger.error({ err, subject, seq: msg.seq }, 'undecodable event dropped');
    msg.term();
    return undefined;
  }
  const problems = eventProblems(subject, event);
  if (problems.length > 0) {
    logger.error(
      { subject, seq: msg.seq, durable: spec.durable, problems: problems.slice(0, 5) },
      'invalid event dropped',
    );
    msg.term();
    return undefined;
  }
  return event;
}

/** Delay before redelivering after the n-th failure: 1 s, 2 s, 4 s, ... capped at 60 s. */
export function redeliveryDelayMs(deliveryCount: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, deliveryCount - 1));
}

/** What attaching a durable consumer needs (both consumers' specs have it). */
type AttachSpec = Parameters<typeof attachDurable>[1];

/** The owner's stream does not exist yet (the owner has not started). */
export function isStreamMissing(err: unknown): boolean {
  return err instanceof NatsError && err.api_error?.err_code === 10059;
}

/**
 * What the durable consumers share: creating or updating the consumer, waiting in the
 * background (every 2 s) for a stream that does not exist yet, and stopping. A subclass says
 * how the received messages are worked through.
 */
export abstract class DurableConsumerBase {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private retry?: NodeJS.Timeout;
  private stopped = false;

  protected constructor(
    private readonly nc: NatsConnection,
    private readonly attachSpec: AttachSpec,
    protected readonly logger: PlatformLogger,
    /** Messages received ahead of their handling. */
    private readonly maxMessages: number,
  ) {}

  /** Works through the messages until they end (the consumer stops). */
  protected abstract run(messages: ConsumerMessages): Promise<void>;

  /**
   * Creates or updates the durable consumer and starts consuming. When the owner's stream does
   * not exist yet, or JetStream answers "not now", keeps trying every 2 s in the background.
   */
  async start(): Promise<void> {
    try {
      await this.attach();
    } catch (err) {
      if (!isStreamMissing(err) && !isTransientJetStreamError(err)) throw err;
      this.logger.warn(
        { stream: this.attachSpec.stream, err: (err as Error).message },
        'consumer not attached yet; will attach when the stream is there',
      );
      this.scheduleRetry();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.messages?.close().catch(() => undefined);
    await this.loop;
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => {
      this.attach().catch((err: unknown) => {
        if (isStreamMissing(err) || isTransientJetStreamError(err)) this.scheduleRetry();
        else
          this.logger.error({ err, stream: this.attachSpec.stream }, 'could not attach consumer');
      });
    }, 2000);
  }

  private async attach(): Promise<void> {
    const consumer = await attachDurable(this.nc, this.attachSpec);
    this.messages = await consumer.consume({ max_messages: this.maxMessages });
    this.loop = this.run(this.messages);
    this.logger.info(
      { stream: this.attachSpec.stream, durable: this.attachSpec.durable },
      'consuming events',
    );
  }
}

/**
 * A durable JetStream consumer of another service's facts: at-least-once, one event at a time
 * per instance (instances of a service share the durable consumer), bounded exponential
 * redelivery on failure. Every event is validated against its contract class before the
 * handler sees it (as it was published, not transformed); one that does not decode or
 * validate is logged without its content and terminated, never redelivered. Handlers must be
 * idempotent by `eventId`.
 */
export class DurableEventConsumer<S extends EventSubject> extends DurableConsumerBase {
  constructor(
    nc: NatsConnection,
    private readonly spec: DurableConsumerSpec<S>,
    logger: PlatformLogger,
  ) {
    super(nc, spec, logger, 64);
  }

  protected async run(messages: ConsumerMessages): Promise<void> {
    for await (const msg of messages) await this.handle(msg);
  }

  private async handle(msg: JsMsg): Promise<void> {
    const subject = msg.subject as S;
    if (!this.spec.subjects.includes(subject)) {
      msg.ack();
      return;
    }
    const event = decodeEvent<S>(msg, this.spec, this.logger);
    if (event === undefined) return;
    try {
      await runWithRequestContext(fromNatsHeaders(msg.headers), () =>
        this.spec.handler(subject, event),
      );
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
