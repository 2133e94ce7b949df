import { NatsOptions, ServerNats } from '@nestjs/microservices';

import { TransportHeaders } from '@im/contracts';

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
  /** Requests that may wait for a turn; beyond, new ones are dropped unprocessed. */
  maxQueued: number;
}

/** Why a request was dropped unprocessed. */
export type DropReason = 'expired' | 'shed';

type Publisher = ReturnType<ServerNats['getPublisher']>;

/**
 * Nest's NATS server with the platform's additions: every inbound message runs inside the
 * request context carried by its headers (request id, app, caller), so logs, outgoing
 * requests and events of that unit of work carry them; closing drains the connection, so
 * in-flight requests finish before the process stops.
 *
 * Admission control: at most `maxInFlight` requests are worked on at once (a request ends when
 * its reply is published); the others wait in arrival order. A request whose requester
 * stopped waiting (its deadline passed before its turn came) is dropped unprocessed, and so is
 * a new one when `maxQueued` already wait: after a reconnect storm the service works on what
 * someone still waits for instead of piling work on its database (`onDropped`).
 */
export class PlatformNatsServer extends ServerNats {
  /** Called with the subject of each request dropped unprocessed, and why. */
  onDropped?: (subject: string, reason: DropReason) => void;

  private readonly limits: AdmissionLimits;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** The turn each request in progress holds, handed back when its reply goes out. */
  private readonly turns = new WeakMap<object, () => void>();

  constructor(options: Required<NatsOptions>['options'], limits: Partial<AdmissionLimits> = {}) {
    super({
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: true,
      ...options,
    });
    this.limits = { maxInFlight: 256, maxQueued: 10_000, ...limits };
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
    else if (this.waiting.length >= this.limits.maxQueued) {
      this.onDropped?.(channel, 'shed');
      return;
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      if (deadlinePassed(headers)) {
        this.release();
        this.onDropped?.(channel, 'expired');
        return;
      }
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

  override getPublisher(...args: Parameters<ServerNats['getPublisher']>): Publisher {
    const msg = args[0] as NatsMsgLike;
    const publish = super.getPublisher(...args);
    const done = this.turns.get(msg);
    if (!done || !msg.reply) return publish;
    this.turns.delete(msg);
    return ((packet: { err?: unknown; isDisposed?: boolean }) => {
      const sent: unknown = (publish as (p: unknown) => unknown)(packet);
      if (packet.isDisposed || packet.err !== undefined) done();
      return sent;
    }) as Publisher;
  }

  /** Hands the turn to the longest waiting request, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  override async close(): Promise<void> {
    const nc = (this as unknown as { natsClient?: { drain(): Promise<void>; isClosed(): boolean } })
      .natsClient;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => undefined);
    await super.close();
  }
}
