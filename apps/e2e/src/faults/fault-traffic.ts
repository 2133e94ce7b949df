import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { AppReply, ChatMessage, MsgElement } from '@im/contracts';
import { ImChat, ImError, RestAdminClient, SdkErrorCodes } from '@im/sdk';

import { sdkClient } from '../support/sdk-user.client';

/** The six kinds of traffic each fault runs under. */
export type TrafficKind =
  'sdk-c2c' | 'sdk-group' | 'sdk-room' | 'rest-c2c' | 'rest-group' | 'rest-room';

/** A message acknowledged by the platform (stored and answered). */
export interface AckedMessage {
  kind: TrafficKind;
  convId: string;
  from: string;
  random: number;
  /** The n-th message of its sender (from 1). */
  index: number;
  /** The conversation seq the ack carried (SDK sends; REST C2C answers none). */
  seq?: number;
  attempts: number;
  ackedAt: number;
}

/** What one failed attempt answered: a platform code, or how the transport failed. */
export type AttemptFailure = { kind: TrafficKind; code: string; at: number };

/** Everything the senders of one fault saw; shared by all of them. */
export class TrafficLedger {
  readonly acked: AckedMessage[] = [];
  readonly failures: AttemptFailure[] = [];
  started = 0;
  attempts = 0;

  ack(message: AckedMessage): void {
    this.acked.push(message);
  }

  fail(kind: TrafficKind, code: string): void {
    this.failures.push({ kind, code, at: Date.now() });
  }

  /** Acks of `kind` at or after `since`, oldest first. */
  ackedSince(kind: TrafficKind, since: number): AckedMessage[] {
    return this.acked.filter((m) => m.kind === kind && m.ackedAt >= since);
  }
}

/**
 * One client sending messages one after another, each retried until acknowledged with the same
 * random (so the platform stores it once), with a short growing pause between tries — as an
 * application does with a failed send. `stop()` lets the message in flight finish.
 */
export abstract class Sender {
  private running?: Promise<void>;
  private stopping = false;
  private aborted = false;
  private sent = 0;
  /** Ends the pause between two messages early (stop, abort). */
  private wake?: () => void;
  /**
   * Pause between one ack and the next message (jittered ±50 %); 0: back to back. A crowd of
   * senders sends at a rate this way, the fault scenario's few as fast as they can.
   */
  pauseBetweenMs = 0;

  constructor(
    readonly kind: TrafficKind,
    readonly from: string,
    readonly convId: string,
    protected readonly ledger: TrafficLedger,
  ) {}

  get ackedCount(): number {
    return this.sent;
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  /** Gives up the message in flight too (after a failed run), so no loop outlives the test. */
  abort(): void {
    this.aborted = true;
    this.stopping = true;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopping && !this.aborted) {
      const index = this.sent + 1;
      const body: MsgElement[] = [
        { MsgType: 'TIMTextElem', MsgContent: { Text: `${this.kind} ${this.from} #${index}` } },
      ];
      this.ledger.started++;
      const message = await this.sendUntilAcked(index, body);
      if (!message) return;
      this.sent = index;
      this.ledger.ack(message);
      if (this.pauseBetweenMs > 0 && !this.stopping) await this.pauseBeforeNext();
    }
  }

  private pauseBeforeNext(): Promise<void> {
    const ms = this.pauseBetweenMs * (0.5 + Math.random());
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = undefined;
    });
  }

  private async sendUntilAcked(
    index: number,
    body: MsgElement[],
  ): Promise<AckedMessage | undefined> {
    const random = randomInt(0, 0xffffffff);
    let attempts = 0;
    while (!this.aborted) {
      attempts++;
      this.ledger.attempts++;
      const result = await this.attempt(attempts === 1, random, body);
      if ('ok' in result) {
        return {
          kind: this.kind,
          convId: this.convId,
          from: this.from,
          random: result.random,
          index,
          seq: result.seq,
          attempts,
          ackedAt: Date.now(),
        };
      }
      this.ledger.fail(this.kind, result.code);
      await this.beforeRetry(attempts);
    }
    return undefined;
  }

  /** One try: the first sends a new message, the others repeat it with the same random. */
  protected abstract attempt(
    first: boolean,
    random: number,
    body: MsgElement[],
  ): Promise<{ ok: true; random: number; seq?: number } | { code: string }>;

  /** 100 ms, 200 ms, ... up to 1 s, between half and the whole of it. */
  protected async beforeRetry(attempts: number): Promise<void> {
    const ms = Math.min(1000, 100 * 2 ** Math.min(attempts - 1, 4));
    await pause(ms / 2 + Math.random() * (ms / 2));
  }
}

/**
 * Sends through an ImChat (C2C, group or live room). The SDK's own retries are off
 * (`sendRetries: 0` on the chat), so every failed try is seen here; the retry is `resend`,
 * which reuses the message's random.
 */
export class SdkSender extends Sender {
  private localId?: string;

  constructor(
    kind: TrafficKind,
    from: string,
    convId: string,
    ledger: TrafficLedger,
    private readonly chat: ImChat,
    private readonly to: string,
  ) {
    super(kind, from, convId, ledger);
  }

  protected async attempt(
    first: boolean,
    _random: number,
    body: MsgElement[],
  ): Promise<{ ok: true; random: number; seq?: number } | { code: string }> {
    try {
      let sending;
      if (first) {
        sending =
          this.kind === 'sdk-c2c'
            ? this.chat.sendC2C(this.to, body)
            : this.chat.sendGroup(this.to, body);
        // the outbox lists the new message at once, last: its ID for the resends
        this.localId = this.chat.outgoing().at(-1)?.localId;
      } else {
        if (!this.localId) throw new Error('no outgoing message to resend');
        sending = this.chat.resend(this.localId);
      }
      const sent = await sending;
      return { ok: true, random: sent.random, seq: sent.seq };
    } catch (err) {
      return { code: sdkCode(err) };
    }
  }

  protected override async beforeRetry(attempts: number): Promise<void> {
    await super.beforeRetry(attempts);
    await whenConnected(this.chat);
  }
}

/** Sends through the REST API as the App admin: `openim/sendmsg` or `send_group_msg`. */
export class RestSender extends Sender {
  constructor(
    kind: TrafficKind,
    from: string,
    convId: string,
    ledger: TrafficLedger,
    private readonly admin: RestAdminClient,
    private readonly to: string,
  ) {
    super(kind, from, convId, ledger);
  }

  protected async attempt(
    _first: boolean,
    random: number,
    body: MsgElement[],
  ): Promise<{ ok: true; random: number; seq?: number } | { code: string }> {
    const c2c = this.kind === 'rest-c2c';
    try {
      const reply = c2c
        ? await this.admin.call('openim', 'sendmsg', {
            From_Account: this.from,
            To_Account: this.to,
            MsgRandom: random,
            MsgBody: body,
            SyncOtherMachine: 2,
          })
        : await this.admin.call('group_open_http_svc', 'send_group_msg', {
            GroupId: this.to,
            From_Account: this.from,
            Random: random,
            MsgBody: body,
          });
      if (reply.ActionStatus === 'OK' && reply.ErrorCode === 0)
        return { ok: true, random, seq: c2c ? undefined : (reply.MsgSeq as number) };
      return { code: String(reply.ErrorCode) };
    } catch (err) {
      return { code: transportCode(err) };
    }
  }
}

/**
 * A connected SDK client of `app` as a fault test's device: it signs its own UserSigs,
 * reconnects fast to the next URL, and its chat does not retry sends (the senders do, and count
 * every try).
 */
export function openChat(
  app: AppReply,
  urls: string[],
  identifier: string,
  guest = false,
  syncIntervalMs = 2000,
): ImChat {
  const client = sdkClient(app, urls, identifier, {
    guest,
    platform: 'Web',
    requestTimeoutMs: 5_000,
    reconnectDelayMs: { initial: 100, max: 1000 },
  });
  return new ImChat(client, { syncIntervalMs, sendRetries: 0 });
}

/** Login attempts of a fault test's device before it gives up. */
const LOGIN_ATTEMPTS = 5;

/**
 * Opens a chat with `open` and logs it in, up to its first sync. A login that times out while
 * the platform is busy (thousands of clients logging in, a Redis failover) is tried again on a
 * new connection after a growing pause, as an app would. Messages reach `onMessage` only from
 * the attempt that succeeded, so a failed attempt cannot make one arrive twice.
 */
export async function loggedInChat(
  open: () => ImChat,
  onMessage: (message: ChatMessage) => void,
): Promise<ImChat> {
  for (let attempt = 1; ; attempt++) {
    const chat = open();
    const early: ChatMessage[] = [];
    let adopted = false;
    chat.on('message', (m) => (adopted ? onMessage(m) : early.push(m)));
    try {
      await chat.client.connect();
      await chat.whenSynced();
      adopted = true;
      early.forEach(onMessage);
      return chat;
    } catch (err) {
      await chat.close().catch(() => undefined);
      if (attempt >= LOGIN_ATTEMPTS) throw err;
      await sleep(500 * attempt);
    }
  }
}

/** A failed SDK request as a code: the platform's, or `timeout` / `disconnected`. */
function sdkCode(err: unknown): string {
  if (!(err instanceof ImError)) return `error:${(err as Error).name}`;
  if (err.code === SdkErrorCodes.Timeout) return 'timeout';
  if (err.code === SdkErrorCodes.Disconnected) return 'disconnected';
  if (err.code === SdkErrorCodes.Closed) return 'closed';
  return String(err.code);
}

/** A REST call that got no envelope: refused or reset connection, timeout, not JSON. */
function transportCode(err: unknown): string {
  const e = err as Error & { cause?: { code?: string } };
  if (e.name === 'TimeoutError') return 'timeout';
  if (e.cause?.code) return `http:${e.cause.code}`;
  if (/HTTP \d+/.test(e.message)) return `http:${/HTTP (\d+)/.exec(e.message)?.[1]}`;
  return `http:${e.name}`;
}

/** Resolves once the chat's client is connected again (at once when it is). */
function whenConnected(chat: ImChat): Promise<void> {
  const client = chat.client;
  if (client.state === 'connected' || client.state === 'closed') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      client.off('connected', done);
      client.off('state', onState);
      resolve();
    };
    const onState = (state: string) => state === 'closed' && done();
    client.on('connected', done);
    client.on('state', onState);
  });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
