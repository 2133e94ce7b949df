import { ConversationIds } from '@im/contracts';
import type { ConversationType, MsgElement, SendMessageReply } from '@im/contracts';

import { remember } from './bounded-set';
import type { OutgoingMessage, SendMessageOptions, SendState } from './chat-types';
import type { ImClient } from './im-client';
import { ImError, RETRYABLE_CODES, retryDelayMs, SdkErrorCodes } from './im-error';

export interface MessageOutboxOptions {
  /**
   * Automatic retries of a send after a lost connection, a timeout or a busy answer (same
   * random: the platform stores it once). A busy answer (60018) is retried after the
   * `retryAfterMs` it carries. Default 3.
   */
  sendRetries?: number;
  /** How long a retry waits for the connection to come back. Default 30 s. */
  sendRetryWaitMs?: number;
  /** Sent messages kept (failed ones are kept until resent). Default 1000. */
  outboxLimit?: number;
}

export interface MessageOutboxHooks {
  /** A send changed state (sending → sent / failed). */
  stateChanged(message: OutgoingMessage): void;
  /** The server stored a send (before its promise resolves). */
  sent(message: OutgoingMessage, reply: SendMessageReply): void;
}

/**
 * The messages this client sends (MSG-12): each with a random that a retry reuses, so a send
 * is stored once whatever happened to the connection; retried after a lost connection, a
 * timeout or a "busy" answer; failed ones kept until resent or discarded. It also knows which
 * sends of a conversation are in flight, so the conversation's stream can wait for them.
 */
export class MessageOutbox {
  private readonly messages = new Map<string, OutgoingMessage>();
  private readonly inFlight = new Map<string, Set<Promise<unknown>>>();
  /** `convId:random` of messages sent here, to tell our own from another device's. */
  private readonly ownKeys = new Set<string>();
  private localIds = 0;

  constructor(
    private readonly client: ImClient,
    private readonly options: MessageOutboxOptions,
    private readonly hooks: MessageOutboxHooks,
  ) {}

  /** Sends a new message from `me`; resolves when stored, rejects with an ImError. */
  send(
    me: string,
    type: ConversationType,
    to: string,
    body: MsgElement[],
    options: SendMessageOptions,
  ): Promise<OutgoingMessage> {
    const convId = type === 'C2C' ? ConversationIds.c2c(me, to) : ConversationIds.group(to);
    const message: OutgoingMessage = {
      localId: `${Date.now().toString(36)}-${(++this.localIds).toString(36)}`,
      convId,
      type,
      to,
      body,
      random: randomUint32(),
      state: 'sending',
      options,
      attempts: 0,
    };
    this.messages.set(message.localId, message);
    this.prune();
    remember(this.ownKeys, ownKey(convId, message.random));
    return this.attempt(message);
  }

  /** Sends a failed message again, with its original random. */
  resend(localId: string): Promise<OutgoingMessage> {
    const message = this.messages.get(localId);
    if (!message) return Promise.reject(new Error(`no outgoing message ${localId}`));
    if (message.state !== 'failed') return Promise.resolve(message);
    message.attempts = 0;
    return this.attempt(message);
  }

  /** Copies of the messages sent (sending, sent and failed), oldest first. */
  list(): OutgoingMessage[] {
    return [...this.messages.values()].map((m) => ({ ...m }));
  }

  /** Forgets a failed message (local only). */
  discard(localId: string): void {
    if (this.messages.get(localId)?.state === 'failed') this.messages.delete(localId);
  }

  /** Whether a message with this random was sent from here. */
  isOwn(convId: string, random: number): boolean {
    return this.ownKeys.has(ownKey(convId, random));
  }

  /** Resolves once every send of the conversation now in flight has ended. */
  async settled(convId: string): Promise<void> {
    const sends = this.inFlight.get(convId);
    if (sends?.size) await Promise.all([...sends]);
  }

  private attempt(message: OutgoingMessage): Promise<OutgoingMessage> {
    const run = (async () => {
      message.error = undefined;
      this.setState(message, 'sending');
      for (;;) {
        message.attempts++;
        try {
          const reply = await this.client.request<SendMessageReply>(
            message.type === 'C2C' ? 'msg.send-c2c' : 'msg.send-group',
            {
              ...message.options,
              ...(message.type === 'C2C' ? { to: message.to } : { groupId: message.to }),
              body: message.body,
              random: message.random,
            },
          );
          message.seq = reply.seq;
          message.time = reply.time;
          message.msgKey = reply.msgKey;
          this.setState(message, 'sent');
          this.hooks.sent(message, reply);
          return message;
        } catch (err) {
          const error = failure(err);
          if (!(await this.retryAfter(message, error))) throw error;
        }
      }
    })();
    this.track(message.convId, run);
    return run;
  }

  /** Waits before the next try when the error allows one; false (message failed) when not. */
  private async retryAfter(message: OutgoingMessage, error: ImError): Promise<boolean> {
    const retries = this.options.sendRetries ?? 3;
    const lost = error.code === SdkErrorCodes.Timeout || error.code === SdkErrorCodes.Disconnected;
    const busy = RETRYABLE_CODES.has(error.code);
    // the platform's hint when it gave one (an overloaded service), else a growing pause
    if (busy && message.attempts <= retries)
      await pause(retryDelayMs(error, Math.min(2000, 100 * 2 ** message.attempts)));
    if (!(lost || busy) || message.attempts > retries || !(await this.whenConnected())) {
      message.error = { code: error.code, message: error.message };
      this.setState(message, 'failed');
      return false;
    }
    return true;
  }

  private track(convId: string, run: Promise<unknown>): void {
    let sends = this.inFlight.get(convId);
    if (!sends) this.inFlight.set(convId, (sends = new Set()));
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    sends.add(settled);
    void settled.then(() => {
      sends.delete(settled);
      if (sends.size === 0 && this.inFlight.get(convId) === sends) this.inFlight.delete(convId);
    });
  }

  private setState(message: OutgoingMessage, state: SendState): void {
    message.state = state;
    this.hooks.stateChanged(message);
  }

  /** Waits for the connection (true) or gives up after `sendRetryWaitMs` / a close (false). */
  private whenConnected(): Promise<boolean> {
    const client = this.client;
    if (client.state === 'connected') return Promise.resolve(true);
    if (client.state === 'closed' || client.state === 'idle') return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        client.off('connected', onConnected);
        client.off('state', onState);
        resolve(ok);
      };
      const onConnected = () => done(true);
      const onState = (state: string) => state === 'closed' && done(false);
      const timer = setTimeout(() => done(false), this.options.sendRetryWaitMs ?? 30_000);
      client.on('connected', onConnected);
      client.on('state', onState);
    });
  }

  private prune(): void {
    const limit = this.options.outboxLimit ?? 1000;
    if (this.messages.size <= limit) return;
    for (const [localId, message] of this.messages) {
      if (this.messages.size <= limit) return;
      if (message.state === 'sent') this.messages.delete(localId);
    }
  }
}

function failure(err: unknown): ImError {
  return err instanceof ImError ? err : new ImError(SdkErrorCodes.Timeout, String(err));
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function ownKey(convId: string, random: number): string {
  return `${convId}:${random}`;
}

function randomUint32(): number {
  const cryptoApi = (
    globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }
  ).crypto;
  if (cryptoApi?.getRandomValues) return cryptoApi.getRandomValues(new Uint32Array(1))[0];
  return Math.floor(Math.random() * 0x1_0000_0000) >>> 0;
}
