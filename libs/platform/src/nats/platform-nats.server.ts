import { NatsOptions, ServerNats } from '@nestjs/microservices';
import { ErrorCode as NatsErrorCode } from 'nats';
import type { NatsConnection } from 'nats';

import { DomainError, ErrorCode, TransportHeaders } from '@im/contracts';
import type { RpcErrorPayload } from '@im/contracts';

import { runWithRequestContext } from '../logging/request-context';
import { fromNatsHeaders } from './nats-headers';

type NatsMsgLike = { headers?: Parameters<typeof fromNatsHeaders>[0]; reply?: string };

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

export interface AdmissionLimits {
  /** Requests worked on at once. */
  maxInFlight: number;
  /** Requests that may wait for a turn; beyond, the one waiting longest is dropped. */
  maxQueued: number;
  /**
   * Once the longest-waiting request has waited this long the queue is not draining (an
   * overload): the newest request goes first, so the ones served are answered while their
   * requesters still wait, and the old ones run into their deadline instead (adaptive LIFO).
   */
  lifoAfterMs: number;
}

/** A request waiting for its turn. */
interface Waiting {
  subject: string;
  headers: NatsMsgLike['headers'];
  since: number;
  /** Called with the turn, or with why the request is dropped unprocessed. */
  settle: (dropped?: DropReason) => void;
}

/** Why a request was dropped unprocessed. */
export type DropReason = 'expired' | 'shed';

type Publisher = ReturnType<ServerNats['getPublisher']>;
/** What Nest publishes as a reply: the handler's response or error, and whether it is the last. */
interface ReplyPacket {
  id?: string;
  response?: unknown;
  err?: unknown;
  isDisposed?: boolean;
}

/**
 * Nest's NATS server with the platform's additions: every inbound message runs inside the
 * request context carried by its headers (request id, app, caller), so logs, outgoing
 * requests and events of that unit of work carry them; closing drains the connection, so
 * in-flight requests finish before the process stops.
 *
 * Admission control: at most `maxInFlight` requests are worked on at once (a request ends when
 * its reply is published); the others wait, in arrival order while the queue drains, newest
 * first once it does not (`lifoAfterMs`). A request whose requester stopped waiting (its
 * deadline passed before its turn came) is dropped unprocessed, and so is the longest-waiting
 * one when `maxQueued` already wait: after a reconnect storm the service works on what someone
 * still waits for, and answers it in time, instead of answering every request just too late
 * (`onDropped`).
 */
export class PlatformNatsServer extends ServerNats {
  /** Called with the subject of each request dropped unprocessed, and why. */
  onDropped?: (subject: string, reason: DropReason) => void;
  /**
   * The code of the refusal sent instead of a reply over NATS's max_payload: the service's
   * `invalid` code (the caller asked for more than one answer carries) once the module's
   * error codes are known; until then a generic one.
   */
  replyTooLargeCode: number = ErrorCode.HttpParseFailed;

  private readonly limits: AdmissionLimits;
  private active = 0;
  private readonly waiting = new Deque<Waiting>();
  /** The turn each request in progress holds, handed back when its reply goes out. */
  private readonly turns = new WeakMap<object, () => void>();

  constructor(options: Required<NatsOptions>['options'], limits: Partial<AdmissionLimits> = {}) {
    super({
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: true,
      ...options,
    });
    this.limits = { maxInFlight: 256, maxQueued: 10_000, lifoAfterMs: 200, ...limits };
  }

  /** Requests being worked on, and waiting for a turn (for tests and metrics). */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  override async handleMessage(
    channel: string,
    natsMsg: Parameters<ServerNats['handleMessage']>[1],
  ): Promise<unknown> {
    const msg = natsMsg as NatsMsgLike;
    const headers = msg.headers;
    if (deadlinePassed(headers)) {
      this.onDropped?.(channel, 'expired');
      return;
    }
    if (this.active < this.limits.maxInFlight) this.active++;
    else {
      if (this.waiting.length >= this.limits.maxQueued) this.drop(this.waiting.shift()!, 'shed');
      const dropped = await new Promise<DropReason | undefined>((settle) =>
        this.waiting.push({ subject: channel, headers, since: Date.now(), settle }),
      );
      if (dropped) return;
    }
    let released = false;
    const done = () => {
      if (released) return;
      released = true;
      this.release();
    };
    // A request ends when its reply is published (getPublisher takes the turn from `turns`);
    // anything that got no publisher (an event, no reply subject) when the handler returns.
    this.turns.set(msg, done);
    try {
      return await runWithRequestContext(fromNatsHeaders(headers), () =>
        super.handleMessage(channel, natsMsg),
      );
    } catch (err) {
      done();
      throw err;
    } finally {
      if (this.turns.delete(msg)) done();
    }
  }

  /**
   * Platform subjects are plain strings: Nest would `JSON.parse` each one first and catch the
   * error (a thrown exception per message, ~30 µs of a login's CPU); only a JSON pattern needs it.
   */
  protected override getRouteFromPattern(pattern: string): string {
    const first = pattern.charCodeAt(0);
    const json = first === 0x7b || first === 0x5b || first === 0x22; // { [ "
    return json ? super.getRouteFromPattern(pattern) : pattern;
  }

  override getPublisher(...args: Parameters<ServerNats['getPublisher']>): Publisher {
    const msg = args[0] as NatsMsgLike;
    const publish = super.getPublisher(...args) as (packet: ReplyPacket) => unknown;
    if (!msg.reply) return publish as Publisher;
    const done = this.turns.get(msg);
    if (done) this.turns.delete(msg);
    return ((packet: ReplyPacket) => {
      let sent: unknown;
      try {
        sent = publish(packet);
      } catch (err) {
        // a reply over the server's max_payload would never arrive and leave the requester
        // waiting its whole timeout: it gets a refusal it can act on at once instead
        if ((err as { code?: string }).code !== NatsErrorCode.MaxPayloadExceeded) throw err;
        sent = publish({ id: packet.id, err: this.oversizedReply(), isDisposed: true });
      }
      if (done && (packet.isDisposed || packet.err !== undefined)) done();
      return sent;
    }) as Publisher;
  }

  /** The error a too large reply is replaced by. */
  private oversizedReply(): RpcErrorPayload {
    const max = (this as unknown as { natsClient?: NatsConnection }).natsClient?.info?.max_payload;
    return new DomainError(
      this.replyTooLargeCode,
      `the answer is larger than the bus carries (${max ?? '?'} bytes): ask for fewer items`,
    ).toPayload();
  }

  /**
   * Hands the turn on: waiting requests whose requester gave up are dropped; then the longest
   * waiting one goes, or, when it has waited past `lifoAfterMs`, the newest. No one waiting:
   * the turn is freed.
   */
  private release(): void {
    const now = Date.now();
    for (;;) {
      const oldest = this.waiting.peekFirst();
      if (!oldest) {
        this.active--;
        return;
      }
      const next =
        deadlinePassed(oldest.headers, now) || now - oldest.since <= this.limits.lifoAfterMs
          ? this.waiting.shift()!
          : this.waiting.pop()!;
      if (deadlinePassed(next.headers, now)) {
        this.drop(next, 'expired');
        continue;
      }
      next.settle();
      return;
    }
  }

  private drop(request: Waiting, reason: DropReason): void {
    request.settle(reason);
    this.onDropped?.(request.subject, reason);
  }

  /**
   * Resolves once the server has every subscription made so far (a NATS round trip after
   * Nest bound the handlers): from then on a request finds this service.
   */
  async flushSubscriptions(): Promise<void> {
    const nc = (this as unknown as { natsClient?: { flush(): Promise<void> } }).natsClient;
    await nc?.flush();
  }

  override async close(): Promise<void> {
    const nc = (this as unknown as { natsClient?: { drain(): Promise<void>; isClosed(): boolean } })
      .natsClient;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => undefined);
    await super.close();
  }
}

/** A double-ended queue: push and pop at the end, shift at the front, all O(1) amortized. */
class Deque<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  peekFirst(): T | undefined {
    return this.length > 0 ? this.items[this.head] : undefined;
  }

  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  pop(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items.pop();
    if (this.length === 0) {
      this.items = [];
      this.head = 0;
    }
    return item;
  }
}
