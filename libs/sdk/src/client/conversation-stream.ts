import type { ChatMessage, PullReply } from '@im/contracts';

import { ImError, isBusy, jittered, retryDelayMs } from './im-error';

/** What a ConversationStream needs from its surroundings. */
export interface ConversationStreamHooks {
  /** Messages of the conversation from `fromSeq` on, ascending (`msg.pull`). */
  pull(convId: string, fromSeq: number, limit: number): Promise<PullReply>;
  /** Hands a message to the application: each once, in seq order. */
  deliver(message: ChatMessage): void;
  /** A message this client sent itself: counted in the order, not delivered. */
  isOwn(message: ChatMessage): boolean;
  /** Resolves once this client's sends in flight to the conversation have settled. */
  settled(convId: string): Promise<void>;
}

export interface ConversationStreamOptions {
  /** Messages per pull (the service caps it at 100). */
  pullLimit: number;
  /**
   * Waits before asking again for a hole the service cannot fill yet (a message stored
   * concurrently); after the last one the hole is passed over.
   */
  holeRetryDelaysMs: readonly number[];
  /** How many passed-over numbers are remembered, so a late message still gets through once. */
  lateWindow: number;
  /**
   * Waits (each jittered between half and the whole) before pulling again after the platform
   * was too busy to answer; after the last one the fill stops with the hole kept, for the next
   * sync, push or reconnect to try again. A busy answer never passes a hole over.
   */
  busyRetryDelaysMs: readonly number[];
}

/** A server's `retryAfterMs` is honoured at most this long, this many times per number. */
const MAX_RETRY_AFTER_MS = 10_000;
const MAX_RETRY_AFTER_ROUNDS = 5;

export const DEFAULT_STREAM_OPTIONS: ConversationStreamOptions = {
  pullLimit: 100,
  holeRetryDelaysMs: [30, 100, 250, 500, 1000],
  lateWindow: 1000,
  busyRetryDelaysMs: [500, 1000, 2000, 4000, 8000, 15_000],
};

interface Entry {
  message: ChatMessage;
  own: boolean;
}

/**
 * Exactly once and in order for one conversation (docs/protocol.md §10): keeps `position`, the
 * highest seq up to which every number was delivered or is known to have no message. A message
 * beyond `position + 1` waits in a buffer while the hole before it is pulled; a message at or
 * below `position` is a duplicate and dropped — unless its number had been passed over (a pull
 * said it had no message, or a hole could not be filled in time), in which case it is
 * delivered late, once. The conversation's baseline (where `position` starts) comes from the
 * caller; until then messages only wait.
 */
export class ConversationStream {
  private positionValue?: number;
  private readonly buffer = new Map<number, Entry>();
  private readonly passedOver = new Set<number>();
  private known = 0;
  private filling?: Promise<void>;
  private fillAgain = false;
  /** Ends a gap-fill's pause early: the message it waits for arrived. */
  private wake?: () => void;

  constructor(
    readonly convId: string,
    private readonly hooks: ConversationStreamHooks,
    private readonly options: ConversationStreamOptions = DEFAULT_STREAM_OPTIONS,
  ) {}

  /** The highest seq delivered without a hole (undefined before the baseline). */
  get position(): number | undefined {
    return this.positionValue;
  }

  get hasBaseline(): boolean {
    return this.positionValue !== undefined;
  }

  /** The lowest seq waiting for a hole to be filled (or for the baseline). */
  get lowestWaiting(): number | undefined {
    let lowest: number | undefined;
    for (const seq of this.buffer.keys()) if (lowest === undefined || seq < lowest) lowest = seq;
    return lowest;
  }

  /** Something is known to exist beyond `position`. */
  get isLagging(): boolean {
    const position = this.positionValue;
    return position !== undefined && (this.buffer.size > 0 || this.known > position);
  }

  /** Resolves when no gap-fill is running. */
  async idle(): Promise<void> {
    while (this.filling) await this.filling;
  }

  /** Sets where delivery starts: numbers up to `seq` count as seen. Only the first call counts. */
  setBaseline(seq: number): void {
    if (this.positionValue !== undefined) return;
    this.positionValue = Math.max(0, Math.floor(seq));
    for (const s of [...this.buffer.keys()]) if (s <= this.positionValue) this.buffer.delete(s);
    this.advance();
  }

  /** A message from a push, a pull or this client's own send (`own`). */
  offer(message: ChatMessage, own = false): void {
    if (this.accept(message, own)) this.advance();
  }

  /** The conversation's last seq as the server reported it (sync). */
  noteLastSeq(lastSeq: number): void {
    if (lastSeq > this.known) this.known = lastSeq;
    this.advance();
  }

  /** After a reconnect: fill what is missing, if anything. */
  resume(): void {
    if (this.isLagging) this.scheduleFill();
  }

  /** Adds a message to the buffer (or delivers a late one); true when it was new. */
  private accept(message: ChatMessage, own: boolean): boolean {
    const seq = message.seq;
    if (!Number.isInteger(seq) || seq < 1) return false;
    const isOwn = own || this.hooks.isOwn(message);
    const position = this.positionValue;
    if (position !== undefined && seq <= position) {
      // Delivered already — or passed over, and now it came after all.
      if (this.passedOver.delete(seq)) this.hand({ message, own: isOwn });
      return false;
    }
    const existing = this.buffer.get(seq);
    if (existing) {
      existing.own ||= isOwn;
      return false;
    }
    this.buffer.set(seq, { message, own: isOwn });
    if (seq > this.known) this.known = seq;
    if (seq === (position ?? -1) + 1) this.wake?.();
    return true;
  }

  private advance(): void {
    if (this.positionValue === undefined) return;
    this.drain();
    if (this.isLagging) this.scheduleFill();
  }

  /** Delivers what follows `position` without a hole. */
  private drain(): void {
    let position = this.positionValue;
    if (position === undefined) return;
    for (;;) {
      const next: number = position + 1;
      const entry = this.buffer.get(next);
      if (!entry) return;
      this.buffer.delete(next);
      this.positionValue = position = next;
      this.hand(entry);
    }
  }

  private hand(entry: Entry): void {
    if (!entry.own) this.hooks.deliver(entry.message);
  }

  /**
   * Moves `position` to `upTo`: waiting messages up to there are delivered in order, numbers
   * without one are remembered (the last `lateWindow` of them) in case they come late.
   */
  private passOver(upTo: number): void {
    const from = (this.positionValue ?? 0) + 1;
    if (upTo < from) return;
    for (let s = Math.max(from, upTo - this.options.lateWindow + 1); s <= upTo; s++)
      if (!this.buffer.has(s)) this.passedOver.add(s);
    for (const s of this.passedOver) {
      if (this.passedOver.size <= this.options.lateWindow) break;
      this.passedOver.delete(s);
    }
    const waiting = [...this.buffer.keys()].filter((s) => s <= upTo).sort((a, b) => a - b);
    for (const s of waiting) {
      const entry = this.buffer.get(s);
      this.buffer.delete(s);
      this.positionValue = s;
      if (entry) this.hand(entry);
    }
    this.positionValue = Math.max(this.positionValue ?? 0, upTo);
    this.drain();
  }

  private scheduleFill(): void {
    if (this.filling) {
      this.fillAgain = true;
      return;
    }
    this.fillAgain = false;
    this.filling = this.fill()
      .catch(() => {
        // Transport trouble: resume() after the reconnect, the next push or sync try again.
        this.fillAgain = false;
      })
      .finally(() => {
        this.filling = undefined;
        if (this.fillAgain && this.isLagging) this.scheduleFill();
      });
  }

  /** Pulls the holes until nothing is missing below what is known. */
  private async fill(): Promise<void> {
    await this.hooks.settled(this.convId);
    const waits = new HoleWaits(this.options.holeRetryDelaysMs, (ms) => this.pause(ms));
    const busy = { attempt: 0 };
    for (;;) {
      this.drain();
      const position = this.positionValue;
      if (position === undefined) return;
      const lowest = this.lowestWaiting;
      const target = lowest !== undefined ? lowest - 1 : this.known;
      if (target <= position) return;
      const reply = await this.pullRange(position, target, busy);
      if (reply !== undefined) await this.takePage(reply, position, target, waits);
    }
  }

  /** One pull of the messages after `position` up to `target`; undefined when there is none. */
  private async pullRange(
    position: number,
    target: number,
    busy: { attempt: number },
  ): Promise<PullReply | undefined> {
    try {
      const reply = await this.hooks.pull(
        this.convId,
        position + 1,
        Math.min(this.options.pullLimit, target - position),
      );
      busy.attempt = 0;
      return reply;
    } catch (err) {
      if (isBusy(err)) {
        // The platform did not answer in time: the messages are there, ask again later.
        const delay = this.options.busyRetryDelaysMs[busy.attempt++];
        if (delay === undefined) throw err;
        await this.pause(Math.max(jittered(delay), retryDelayMs(err, 0)));
        return undefined;
      }
      if (!(err instanceof ImError) || err.code < 0) throw err;
      // Refused for good (a guest, no longer a member): nothing will fill this hole.
      this.passOver(target);
      return undefined;
    }
  }

  /** Takes a pulled page; where it filled nothing, waits or passes the hole over. */
  private async takePage(
    reply: PullReply,
    position: number,
    target: number,
    waits: HoleWaits,
  ): Promise<void> {
    const before = this.positionValue ?? position;
    for (const message of reply.messages ?? []) this.accept(message, false);
    // Numbers below nextSeq without a message have none (skipped, expired, not visible).
    const declared = Number.isInteger(reply.nextSeq) ? reply.nextSeq - 1 : before;
    if (declared > before) this.passOver(declared);
    const after = this.positionValue ?? before;
    if (reply.retryAfterMs !== undefined && reply.retryAfterMs > 0) {
      // The server stopped before a number that may be in flight: wait for its push, or ask
      // again after the time it said (it passes the number over once it is sure).
      if (!(await waits.wait(after + 1, reply.retryAfterMs))) this.passOver(after + 1);
      return;
    }
    if (after > before) return;
    // Nothing came and the server did not move on (a sync saw a message not readable yet):
    // ask again a few times, then pass over.
    if (!(await waits.wait(after + 1))) this.passOver(target);
  }

  /** Sleeps `ms`, or less when the message after `position` arrives meanwhile. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

/** The waits for one missing seq: the configured retries, or what the server asked, then none. */
class HoleWaits {
  private waitingFor?: number;
  private attempt = 0;

  constructor(
    private readonly delaysMs: readonly number[],
    private readonly pause: (ms: number) => Promise<void>,
  ) {}

  /** Waits before asking for `seq` again; false once the waits for it are used up. */
  async wait(seq: number, delayMs?: number): Promise<boolean> {
    if (seq !== this.waitingFor) {
      this.waitingFor = seq;
      this.attempt = 0;
    }
    const delay =
      delayMs !== undefined
        ? this.attempt < MAX_RETRY_AFTER_ROUNDS
          ? Math.min(delayMs, MAX_RETRY_AFTER_MS)
          : undefined
        : this.delaysMs[this.attempt];
    this.attempt++;
    if (delay === undefined) return false;
    await this.pause(delay);
    return true;
  }
}
