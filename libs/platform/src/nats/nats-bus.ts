import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  connect,
  JetStreamClient,
  JetStreamManager,
  Msg,
  NatsConnection,
  NatsError,
  RetentionPolicy,
  StorageType,
  StreamConfig,
  Subscription,
} from 'nats';

import {
  DirectPayloadOf,
  DirectSubject,
  ErrorCode,
  EventEnvelope,
  EventFact,
  EventOf,
  EventSubject,
  isRpcErrorPayload,
  RemoteError,
  retryAfterMsOf,
  RpcReplyOf,
  RpcRequestOf,
  RpcSubject,
  TransportHeaders,
} from '@im/contracts';

import {
  currentRequestContext,
  newRequestId,
  RequestContext,
  runWithRequestContext,
} from '../logging/request-context';
import { encodePacket, eventOfPacket, EventPattern, EventsOf } from './event-packet';
import { fromNatsHeaders, toNatsHeaders } from './nats-headers';
import { withTimeout } from '../util/with-timeout';
import { DurableBatchConsumer, DurableBatchConsumerSpec } from './event-batch-consumer';
import { DurableConsumerSpec, DurableEventConsumer } from './event-consumer';
import type { NatsBusOptions, RequestOptions, StreamSpec } from './nats-bus.options';
import { isTransientJetStreamError, setupRetryDelayMs } from './jetstream-errors';
import { natsConnectionOptions } from './nats-url';
import { describeForeignError, RpcUnavailableError, toUnavailable } from './rpc-unavailable.error';

export type { NatsBusOptions, RequestOptions, StreamSpec } from './nats-bus.options';

interface NestReply {
  id?: string;
  err?: unknown;
  response?: unknown;
  isDisposed?: boolean;
}

/** How long a service keeps trying to set up its stream before it gives up starting. */
const STREAM_SETUP_MS = 60_000;
/** JetStream's "subjects overlap with an existing stream". */
const SUBJECTS_OVERLAP = 10065;

/** Weight of the newest sample in a service's moving average of answer time. */
const ANSWER_TIME_WEIGHT = 0.1;
/** Bounds of the retry hint of a request refused because too many are outstanding. */
const RETRY_AFTER_MIN_MS = 20;
const RETRY_AFTER_MAX_MS = 5_000;

/** Requests of this process outstanding to one service, and how long its answers take. */
interface ServiceLoad {
  pending: number;
  answerMs: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The platform's NATS client, typed by the SubjectMap of libs/contracts:
 * `bus.request(AccountRpc.Import, req)` resolves to `ImportAccountReply`. Requests and events
 * carry the request context as headers and use the packet format of @nestjs/microservices, so
 * Nest handlers (`@MessagePattern`, `@EventPattern`) serve them. Events go through JetStream
 * (acknowledged by the stream, de-duplicated by `eventId`).
 */
export class NatsBus {
  private nc?: NatsConnection;
  private js?: JetStreamClient;
  private jsm?: JetStreamManager;
  /** Per owner of the subjects asked (`message`, `account`, ...). */
  private readonly loads = new Map<string, ServiceLoad>();

  constructor(private readonly options: NatsBusOptions) {}

  async connect(): Promise<void> {
    if (this.nc) return;
    this.nc = await connect({
      // credentials come in the URLs (nats://user:password@host:port)
      ...natsConnectionOptions(this.options.servers),
      name: this.options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: true,
      // nats.js otherwise captures a stack (`new Error()`) for every request and its timer:
      // ~9 % of a gateway's CPU under load; our RPC errors carry the subject instead.
      noAsyncTraces: true,
    });
    this.js = this.nc.jetstream();
    void this.watchStatus(this.nc);
  }

  get connection(): NatsConnection {
    if (!this.nc) throw new Error('NatsBus is not connected');
    return this.nc;
  }

  isConnected(): boolean {
    return !!this.nc && !this.nc.isClosed() && !this.nc.isDraining() && this.nc.info !== undefined;
  }

  /** Round trip to the server; used by readiness. */
  async ping(timeoutMs = 1000): Promise<void> {
    const nc = this.connection;
    await withTimeout(nc.flush(), timeoutMs, 'nats flush');
  }

  async request<S extends RpcSubject>(
    subject: S,
    payload: RpcRequestOf<S>,
    options: RequestOptions = {},
  ): Promise<RpcReplyOf<S>> {
    const metrics = this.options.metrics;
    const load = this.admit(subject);
    const end = metrics?.rpcSentSeconds.startTimer({ subject });
    const startedAt = Date.now();
    let outcome = 'ok';
    try {
      return await this.send(subject, payload, options);
    } catch (err) {
      outcome =
        err instanceof RemoteError
          ? err.category
          : err instanceof RpcUnavailableError
            ? err.reason
            : 'error';
      throw err;
    } finally {
      end?.();
      metrics?.rpcSent.inc({ subject, outcome });
      load.pending--;
      const took = Date.now() - startedAt;
      load.answerMs =
        load.answerMs === 0 ? took : load.answerMs + (took - load.answerMs) * ANSWER_TIME_WEIGHT;
    }
  }

  /**
   * Counts a request to the subject's owner, or refuses it at once with the busy error when
   * `maxPendingPerService` are outstanding already: the service is behind, and more requests
   * would only wait longer. The retry hint is about one answer time, jittered ±25 %.
   */
  private admit(subject: string): ServiceLoad {
    const dot = subject.indexOf('.');
    const owner = dot > 0 ? subject.slice(0, dot) : subject;
    let load = this.loads.get(owner);
    if (!load) this.loads.set(owner, (load = { pending: 0, answerMs: 0 }));
    const max = this.options.maxPendingPerService;
    if (max !== undefined && load.pending >= max) {
      this.options.metrics?.rpcSent.inc({ subject, outcome: 'busy' });
      const hint = load.answerMs * (0.75 + Math.random() * 0.5);
      const retryAfterMs = Math.round(
        Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, hint)),
      );
      throw new RemoteError(
        ErrorCode.TooManyRequests,
        `${owner}: ${max} requests in flight from this process; retry later`,
        subject,
        retryAfterMs,
      );
    }
    load.pending++;
    return load;
  }

  /** Requests of this process outstanding to a service (the owner of its subjects). */
  pendingTo(owner: string): number {
    return this.loads.get(owner)?.pending ?? 0;
  }

  private async send<S extends RpcSubject>(
    subject: S,
    payload: RpcRequestOf<S>,
    options: RequestOptions,
  ): Promise<RpcReplyOf<S>> {
    const ctx = this.contextFor(options.context);
    const packet = { pattern: subject, data: payload, id: randomUUID() };
    const nc = this.nc;
    if (!nc || nc.isClosed()) throw new RpcUnavailableError(subject, 'disconnected');
    let msg: Msg;
    try {
      const timeout = options.timeoutMs ?? this.options.requestTimeoutMs;
      const headers = toNatsHeaders(ctx);
      headers.set(TransportHeaders.Deadline, String(Date.now() + timeout));
      msg = await nc.request(subject, encoder.encode(JSON.stringify(packet)), {
        timeout,
        headers,
      });
    } catch (err) {
      throw toUnavailable(subject, err);
    }
    if (msg.data.length === 0) throw new RpcUnavailableError(subject, 'no-responders');
    const reply = JSON.parse(decoder.decode(msg.data)) as NestReply;
    if (reply.err !== undefined && reply.err !== null) {
      if (isRpcErrorPayload(reply.err))
        throw new RemoteError(
          reply.err.code,
          reply.err.message,
          subject,
          retryAfterMsOf(reply.err),
        );
      throw new RemoteError(-1, describeForeignError(reply.err), subject);
    }
    return reply.response as RpcReplyOf<S>;
  }

  /**
   * Publishes a fact through JetStream. The platform adds `eventId`, `occurredAt` and the
   * request id; `sdkAppId` comes from the fact or the current request context.
   */
  async publish<S extends EventSubject>(
    subject: S,
    fact: EventFact<EventOf<S>> & { sdkAppId?: number },
  ): Promise<EventOf<S>> {
    const { event, context } = this.buildEvent(subject, fact);
    await this.publishEvent(subject, event, context);
    return event;
  }

  /**
   * The event a fact becomes: the fact plus `eventId`, `occurredAt`, `requestId` and the
   * `sdkAppId` (from the fact or the current request context), with the context it carries.
   */
  buildEvent<S extends EventSubject>(
    subject: S,
    fact: EventFact<EventOf<S>> & { sdkAppId?: number },
  ): { event: EventOf<S>; context: RequestContext } {
    const context = this.contextFor();
    const sdkAppId = fact.sdkAppId ?? context.sdkAppId;
    if (sdkAppId === undefined) throw new Error(`${subject}: an event needs an sdkAppId`);
    const event = {
      ...fact,
      eventId: randomUUID(),
      sdkAppId,
      occurredAt: new Date().toISOString(),
      requestId: context.requestId,
    } as unknown as EventOf<S>;
    return { event, context };
  }

  /** Publishes a built event through JetStream (de-duplicated by its eventId), retrying twice. */
  async publishEvent(
    subject: string,
    event: EventEnvelope,
    context: RequestContext,
  ): Promise<void> {
    const data = encodePacket(subject, event);
    const js = this.js ?? this.connection.jetstream();
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await js.publish(subject, data, { msgID: event.eventId, headers: toNatsHeaders(context) });
        return;
      } catch (err) {
        lastError = err;
      }
    }
    this.options.logger.error(
      { err: lastError, subject, eventId: event.eventId },
      'event publish failed',
    );
    throw lastError;
  }

  /**
   * Publishes a fact after the change it reports was committed: never throws; a failure is
   * logged (the change stays). Returns the event, or undefined when it could not be sent.
   */
  async emit<S extends EventSubject>(
    subject: S,
    fact: EventFact<EventOf<S>> & { sdkAppId?: number },
  ): Promise<EventOf<S> | undefined> {
    try {
      return await this.publish(subject, fact);
    } catch {
      return undefined;
    }
  }

  /**
   * Publishes a fact after the commit of what it reports without waiting for JetStream's
   * acknowledgement: a core NATS publish on the stream's subject, which the stream stores like
   * any other (de-duplicated by `Nats-Msg-Id` = eventId). Measured (ADR 0004): an acknowledged
   * `js.publish` costs ~0.45 ms of CPU per event in nats.js (a request with two timers and two
   * errors built), more than the rest of a C2C send; the transactional outbox publishes
   * through the same call plus an insert and a delete. What this gives up: an event is lost if
   * JetStream cannot store it at that instant. Never throws: returns the event, or undefined
   * when it could not be sent (logged).
   */
  publishUnacked<S extends EventSubject>(
    subject: S,
    fact: EventFact<EventOf<S>> & { sdkAppId?: number },
  ): EventOf<S> | undefined {
    try {
      const { event, context } = this.buildEvent(subject, fact);
      const headers = toNatsHeaders(context);
      headers.set('Nats-Msg-Id', (event as EventEnvelope).eventId);
      this.connection.publish(subject, encodePacket(subject, event), { headers });
      return event;
    } catch (err) {
      this.options.logger.warn({ err: (err as Error).message, subject }, 'event not published');
      return undefined;
    }
  }

  /**
   * Core NATS publish on a directed delivery subject (`DirectSubjectMap`: a gateway node or a
   * room): fire and forget, not persisted; carries the request context.
   */
  publishDirect<S extends DirectSubject>(subject: S, payload: DirectPayloadOf<S>): void {
    this.connection.publish(subject, encoder.encode(JSON.stringify(payload)), {
      headers: toNatsHeaders(this.contextFor()),
    });
  }

  /** Core NATS subscription to a directed delivery subject (see publishDirect). */
  subscribeDirect<S extends DirectSubject>(
    subject: S,
    handler: (payload: DirectPayloadOf<S>) => void,
  ): Subscription {
    return this.listen(subject, (data) => JSON.parse(data) as DirectPayloadOf<S>, handler);
  }

  /**
   * A plain (not queue-grouped) subscription to an event subject or to an owner's whole
   * stream (`EventStreams.group.subjects`): every instance gets every event, with the subject
   * it came on. For caches and per-node concerns; service handlers use Nest patterns or
   * durable consumers.
   */
  subscribe<P extends EventPattern>(
    pattern: P,
    handler: (event: EventOf<EventsOf<P>>, subject: EventsOf<P>) => void | Promise<void>,
  ): Subscription {
    return this.listen(pattern, (data) => eventOfPacket<EventOf<EventsOf<P>>>(data), handler);
  }

  private listen<T, S extends string>(
    subject: string,
    decode: (data: string) => T,
    handler: (payload: T, subject: S) => void | Promise<void>,
  ): Subscription {
    const logger = this.options.logger;
    return this.connection.subscribe(subject, {
      callback: (err, msg) => {
        if (err) return logger.warn({ err, subject }, 'subscription error');
        let payload: T;
        try {
          payload = decode(decoder.decode(msg.data));
        } catch (e) {
          return logger.warn({ err: e, subject: msg.subject }, 'undecodable message dropped');
        }
        runWithRequestContext(fromNatsHeaders(msg.headers), () => {
          try {
            const done = handler(payload, msg.subject as S);
            if (done) done.catch((e: unknown) => this.handlerFailed(msg.subject, e));
          } catch (e) {
            this.handlerFailed(msg.subject, e);
          }
        });
      },
    });
  }

  /**
   * Starts a durable consumer of facts from a stream (at least once, shared by the service's
   * instances); stop it on shutdown.
   */
  async consume<S extends EventSubject>(
    spec: DurableConsumerSpec<S>,
  ): Promise<DurableEventConsumer<S>> {
    const consumer = new DurableEventConsumer(this.connection, spec, this.options.logger);
    await consumer.start();
    return consumer;
  }

  /** Like `consume`, handing the events over in batches (`DurableBatchConsumer`). */
  async consumeBatches<S extends EventSubject>(
    spec: DurableBatchConsumerSpec<S>,
  ): Promise<DurableBatchConsumer<S>> {
    const consumer = new DurableBatchConsumer(this.connection, spec, this.options.logger);
    await consumer.start();
    return consumer;
  }

  /**
   * Creates or updates a stream owned by this service; retries for up to a minute while
   * JetStream answers "not now" (a cluster electing its leader, another instance creating the
   * same stream).
   */
  async ensureStream(spec: StreamSpec): Promise<void> {
    const deadline = Date.now() + STREAM_SETUP_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.applyStream(spec);
        return;
      } catch (err) {
        if (!isTransientJetStreamError(err) || Date.now() >= deadline) throw err;
        this.options.logger.warn(
          { stream: spec.name, attempt, err: (err as Error).message },
          'stream setup will be retried',
        );
        await sleep(setupRetryDelayMs(attempt));
      }
    }
  }

  private async applyStream(spec: StreamSpec): Promise<void> {
    this.jsm ??= await this.connection.jetstreamManager();
    const config = {
      name: spec.name,
      subjects: [...spec.subjects],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: (spec.maxAgeSeconds ?? 7 * 24 * 3600) * 1e9,
      num_replicas: spec.replicas ?? 1,
      duplicate_window: 120 * 1e9,
    };
    try {
      await this.jsm.streams.info(spec.name);
      await this.jsm.streams.update(spec.name, config);
    } catch (err) {
      if (err instanceof NatsError && (err.api_error?.err_code === 10059 || err.code === '404')) {
        await this.addStream(config);
        return;
      }
      throw err;
    }
  }

  /**
   * Adds a stream. Two processes adding the same stream at once (two instances, two gateways
   * of `npm start`) can see the loser told "subjects overlap with an existing stream" while
   * the winner's stream is being made: when the stream holding the subject is this very one,
   * it was just created by the other process, so it is brought to this config instead. An
   * overlap with another stream is a real misconfiguration and fails at once.
   */
  private async addStream(config: Partial<StreamConfig> & { name: string; subjects: string[] }) {
    const jsm = this.jsm!;
    try {
      await jsm.streams.add(config);
    } catch (err) {
      if (!(err instanceof NatsError) || err.api_error?.err_code !== SUBJECTS_OVERLAP) throw err;
      // The winner's stream may not be listed for a moment yet: look again a few times.
      for (let attempt = 1; ; attempt++) {
        const owner = await jsm.streams.find(config.subjects[0]).catch(() => undefined);
        if (owner === config.name) break;
        if (owner !== undefined || attempt >= 5) throw err;
        await sleep(setupRetryDelayMs(attempt));
      }
      this.options.logger.info(
        { stream: config.name },
        'stream was just created by another process',
      );
      await jsm.streams.update(config.name, config);
    }
  }

  async close(): Promise<void> {
    const nc = this.nc;
    this.nc = undefined;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }

  private handlerFailed(subject: string, err: unknown): void {
    this.options.logger.error({ err, subject }, 'message handler failed');
  }

  /** Request options of this service calling another one for an app (role `service`). */
  asService(sdkAppId: number): RequestOptions {
    const callerId = this.options.service;
    if (!callerId) throw new Error('NatsBus: no service name to act as');
    return { context: { sdkAppId, role: 'service', callerId } };
  }

  private contextFor(overrides?: Partial<RequestContext>): RequestContext {
    const current = currentRequestContext();
    return { requestId: newRequestId(), ...current, ...overrides };
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      const type = String(s.type);
      const data = typeof s.data === 'string' ? s.data : JSON.stringify(s.data);
      if (type === 'disconnect' || type === 'error') {
        this.options.logger.warn({ status: type, data }, 'nats connection trouble');
      } else if (type === 'reconnect') {
        this.options.logger.info({ data }, 'nats reconnected');
      }
    }
  }
}
