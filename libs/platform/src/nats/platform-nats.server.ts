import { NatsOptions, ServerNats } from '@nestjs/microservices';
import { ErrorCode as NatsErrorCode } from 'nats';
import type { NatsConnection } from 'nats';

import { BusyError, DomainError, ErrorCode, TransportHeaders } from '@im/contracts';
import type { RpcErrorPayload } from '@im/contracts';

import { runWithRequestContext } from '../logging/request-context';
import { AdmissionLimits, admissionLimits, AdmissionPolicy } from './admission.policy';
import { fromNatsHeaders } from './nats-headers';

export type { AdmissionLimits } from './admission.policy';

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
  const deadline = deadlineOf(headers, graceMs);
  return deadline !== undefined && now > deadline;
}

/** The request's deadline plus the grace for clock differences (epoch ms), when it has one. */
export function deadlineOf(
  headers: NatsMsgLike['headers'],
  graceMs = DEADLINE_GRACE_MS,
): number | undefined {
  const text = headers?.get(TransportHeaders.Deadline);
  if (!text) return undefined;
  const deadline = Number(text);
  return Number.isFinite(deadline) ? deadline + graceMs : undefined;
}

/** Why a request was not worked on: its requester gave up already, or the service is busy. */
export type DropReason = 'expired' | 'busy';

/** A request offered to the admission policy; `decide` receives its outcome. */
interface Ticket {
  decide(outcome: Outcome): void;
}
type Outcome = { kind: 'start' } | { kind: 'busy'; retryAfterMs: number } | { kind: 'expired' };

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
 * Admission control (`AdmissionPolicy`): at most `maxInFlight` requests are worked on at once (a
 * request ends when its reply is published); the others wait, in arrival order while the queue
 * drains, newest first once it does not. Waiting is bounded in time: a request the service
 * cannot answer within `maxWaitMs` (or its deadline, or CoDel's target while the queue stands)
 * is answered at once with the busy error (60018, `retryAfterMs` from the queue's drain
 * estimate), so what is answered is answered fast and what is refused can come back later. A
 * request whose requester stopped waiting (its deadline passed before its turn came) is dropped
 * without an answer: nobody listens for one (`onDropped` hears of both).
 */
export class PlatformNatsServer extends ServerNats {
  /** Called with the subject of each request not worked on, and why. */
  onDropped?: (subject: string, reason: DropReason) => void;
  /**
   * The code of the refusal sent instead of a reply over NATS's max_payload: the service's
   * `invalid` code (the caller asked for more than one answer carries) once the module's
   * error codes are known; until then a generic one.
   */
  replyTooLargeCode: number = ErrorCode.HttpParseFailed;

  private readonly admission: AdmissionPolicy<Ticket>;
  /** The turn each request in progress holds, handed back when its reply goes out. */
  private readonly turns = new WeakMap<object, () => void>();
  private sweepTimer?: ReturnType<typeof setTimeout>;
  private sweepAt = Infinity;
  private readonly serviceName?: string;

  constructor(options: Required<NatsOptions>['options'], limits: Partial<AdmissionLimits> = {}) {
    super({
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: true,
      ...options,
    });
    this.serviceName = options.queue;
    this.admission = new AdmissionPolicy<Ticket>(admissionLimits(limits), {
      start: (ticket) => ticket.decide({ kind: 'start' }),
      refuse: (ticket, retryAfterMs) => ticket.decide({ kind: 'busy', retryAfterMs }),
      expire: (ticket) => ticket.decide({ kind: 'expired' }),
    });
  }

  /** Requests being worked on, and waiting for a turn (for tests and metrics). */
  get load(): { active: number; waiting: number } {
    return this.admission.load;
  }

  override async handleMessage(
    channel: string,
    natsMsg: Parameters<ServerNats['handleMessage']>[1],
  ): Promise<unknown> {
    const msg = natsMsg as NatsMsgLike;
    const headers = msg.headers;
    // Decided at once (a free turn, a refusal) or later (a turn coming, the wait running out).
    let outcome: Outcome | undefined;
    let settle: ((decided: Outcome) => void) | undefined;
    const ticket: Ticket = {
      decide: (decided) => (settle ? settle(decided) : (outcome = decided)),
    };
    this.admission.offer(ticket, { deadline: deadlineOf(headers) });
    if (!outcome) {
      this.armSweep();
      outcome = await new Promise<Outcome>((resolve) => (settle = resolve));
    }
    if (outcome.kind === 'expired') {
      this.onDropped?.(channel, 'expired');
      return;
    }
    if (outcome.kind === 'busy') {
      this.onDropped?.(channel, 'busy');
      await this.replyBusy(channel, natsMsg, outcome.retryAfterMs);
      return;
    }
    const startedAt = Date.now();
    let released = false;
    const done = () => {
      if (released) return;
      released = true;
      this.admission.release(startedAt);
      this.armSweep();
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

  /** The busy answer (60018 with `retryAfterMs`) to a request the service will not work on. */
  private async replyBusy(
    channel: string,
    natsMsg: Parameters<ServerNats['handleMessage']>[1],
    retryAfterMs: number,
  ): Promise<void> {
    const msg = natsMsg as NatsMsgLike & { data: Uint8Array };
    if (!msg.reply) return; // an event: nobody waits for an answer
    const packet = (await this.deserializer.deserialize(msg.data, {
      channel,
      replyTo: msg.reply,
    })) as { id?: string };
    if (packet.id === undefined) return;
    const publish = super.getPublisher(natsMsg, packet.id, undefined as never) as (
      packet: ReplyPacket,
    ) => unknown;
    const service = this.serviceName ?? 'the service';
    publish({
      err: new BusyError(retryAfterMs, `${service} is overloaded; retry later`).toPayload(),
      isDisposed: true,
    });
  }

  /** Makes sure the queue is swept when its longest-waiting request reaches `maxWaitMs`. */
  private armSweep(): void {
    const at = this.admission.nextSweepAt();
    if (at === undefined || at >= this.sweepAt) return;
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    this.sweepAt = at;
    this.sweepTimer = setTimeout(
      () => {
        this.sweepTimer = undefined;
        this.sweepAt = Infinity;
        this.admission.sweep();
        this.armSweep();
      },
      Math.max(0, at - Date.now()),
    );
    this.sweepTimer.unref?.();
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
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    await super.close();
  }
}
