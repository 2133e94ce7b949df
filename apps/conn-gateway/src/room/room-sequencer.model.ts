/**
 * Puts a room's messages back in seq order on their way to the sessions. Several message
 * service instances send a room's messages at once: each takes its seq from Redis, then
 * publishes, so seq 12 can reach the gateways before seq 11. A message that comes early is held
 * until the ones before it arrive, or until `holdMs` passed (a send that took a seq and then
 * failed leaves a gap that never fills), whichever is first. Messages in order pass at once; one
 * that comes after its gap was given up is dropped, never sent out of order.
 */
export class RoomSequencer<T> {
  /**
   * The seq expected next. Unknown until the first message is let go: seq 1 goes at once (a
   * room's first message), any other first seq is held like a gap (the gateway joined
   * mid-stream, or the one before it is still on its way), so an early seq 2 cannot push seq 1
   * out of order.
   */
  private next?: number;
  private readonly held = new Map<number, T>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly emit: (item: T) => void,
    private readonly holdMs: number,
    /** Most messages held at once; beyond, everything held is let go in order. */
    private readonly maxHeld = 1000,
  ) {}

  get heldCount(): number {
    return this.held.size;
  }

  /** A message of the room with its seq. */
  push(seq: number, item: T): void {
    if (this.next === undefined ? seq === 1 : seq === this.next) {
      this.emit(item);
      this.next = seq + 1;
      this.drain();
      return;
    }
    if (this.next !== undefined && seq < this.next) {
      // Late (its gap was given up, later seqs went out) or repeated: dropped. A room is
      // delivered in order, at most once, best effort (docs/protocol.md §6): sent now it would
      // come after later messages, and a guest cannot pull to put it in place.
      return;
    }
    this.held.set(seq, item);
    if (this.held.size > this.maxHeld) {
      this.releaseAll();
      return;
    }
    this.timer ??= setTimeout(() => this.releaseAll(), this.holdMs);
    this.timer.unref?.();
  }

  /** Everything held goes, in seq order; the gaps before them are given up. */
  releaseAll(): void {
    this.clearTimer();
    if (this.held.size === 0) return;
    const seqs = [...this.held.keys()].sort((a, b) => a - b);
    this.next = seqs[0];
    this.drain();
  }

  /** The room was left: nothing more is delivered. */
  close(): void {
    this.clearTimer();
    this.held.clear();
  }

  private drain(): void {
    for (;;) {
      if (this.next === undefined) break;
      const item = this.held.get(this.next);
      if (item === undefined) break;
      this.held.delete(this.next);
      this.emit(item);
      this.next += 1;
    }
    if (this.held.size === 0) this.clearTimer();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.releaseAll(), this.holdMs);
      this.timer.unref?.();
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
