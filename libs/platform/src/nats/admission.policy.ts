export interface AdmissionLimits {
  /** Requests worked on at once. */
  maxInFlight: number;
  /** Requests that may wait for a turn; one more is answered busy at once. */
  maxQueued: number;
  /**
   * Once the longest-waiting request has waited this long the queue is not draining (an
   * overload): the newest request goes first, so the ones served are answered while their
   * requesters still wait (adaptive LIFO); the old ones reach `maxWaitMs` and are answered busy.
   */
  lifoAfterMs: number;
  /**
   * The longest a request waits for its turn: one that has waited this long is answered busy,
   * and so is a newcomer whose expected wait (queue length × recent service time / maxInFlight)
   * is longer, or longer than its requester still waits.
   */
  maxWaitMs: number;
  /**
   * CoDel's target: when even the shortest wait of the requests that got their turn during an
   * interval (`intervalMs`) was longer than this, the queue is standing (more is offered than
   * the service does); until an interval shows otherwise, a newcomer is queued only while its
   * expected wait stays under this target, the others are answered busy at once.
   */
  targetWaitMs: number;
  /** CoDel's interval (see `targetWaitMs`). */
  intervalMs: number;
}

export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = {
  maxInFlight: 256,
  maxQueued: 10_000,
  lifoAfterMs: 200,
  maxWaitMs: 500,
  targetWaitMs: 50,
  intervalMs: 100,
};

/**
 * The limits with defaults filled in. CoDel's target and interval follow `maxWaitMs` unless
 * given (a tenth and a fifth of it: 50 and 100 ms by default), so one setting says how long a
 * service lets requests wait — a test that wants every request to wait its turn raises it.
 */
export function admissionLimits(given: Partial<AdmissionLimits> = {}): AdmissionLimits {
  const defined = Object.fromEntries(
    Object.entries(given).filter(([, value]) => value !== undefined),
  ) as Partial<AdmissionLimits>;
  const maxWaitMs = defined.maxWaitMs ?? DEFAULT_ADMISSION_LIMITS.maxWaitMs;
  return {
    ...DEFAULT_ADMISSION_LIMITS,
    targetWaitMs: Math.max(1, Math.round(maxWaitMs / 10)),
    intervalMs: Math.max(1, Math.round(maxWaitMs / 5)),
    ...defined,
  };
}

/** The bounds of a busy answer's `retryAfterMs`. */
export const RETRY_AFTER_MIN_MS = 20;
export const RETRY_AFTER_MAX_MS = 5_000;

/** Weight of the newest sample in the service time's moving average. */
const SERVICE_TIME_WEIGHT = 0.1;

/** A request offered to the policy: when its requester stops waiting (epoch ms), if known. */
export interface Offered {
  deadline?: number;
}

/** What becomes of a request. */
export interface AdmissionOutcomes<T> {
  /** Its turn: work on it now; call `release` once it is answered. */
  start(request: T): void;
  /** Not worked on: the platform is overloaded; answer busy with this retry hint. */
  refuse(request: T, retryAfterMs: number): void;
  /** Not worked on: its requester gave up already (nobody listens for an answer). */
  expire(request: T): void;
}

interface Waiting<T> {
  request: T;
  deadline?: number;
  since: number;
}

/**
 * Admission control of a service instance, a pure policy over a clock (the server feeds it
 * requests and ends, and calls `sweep` when `nextSweepAt` comes): at most `maxInFlight`
 * requests run; the others wait in arrival order while the queue drains, newest first once it
 * does not (`lifoAfterMs`). Waiting is bounded in time, not only in count: a request is
 * answered busy at once when its expected wait exceeds `maxWaitMs`, its remaining deadline, or,
 * while the queue stands (CoDel), `targetWaitMs`; one that waited `maxWaitMs` is answered busy
 * then. So what is answered is answered fast, and what is refused is refused fast with a
 * `retryAfterMs` from the queue's drain estimate. A request whose requester gave up already is
 * dropped without an answer.
 */
export class AdmissionPolicy<T> {
  private active = 0;
  private readonly waiting = new Deque<Waiting<T>>();
  /** Moving average of the time a request holds its turn, ms (0 until the first one ended). */
  private serviceMs = 0;
  private intervalStart: number;
  private minSojourn = Infinity;
  private standing = false;

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly outcomes: AdmissionOutcomes<T>,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.intervalStart = now();
  }

  /** Requests being worked on, and waiting for a turn. */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  /** Whether the queue stands (CoDel): more is offered than the service does. */
  get isOverloaded(): boolean {
    return this.standing;
  }

  /** The moving average of the service time, ms. */
  get serviceTimeMs(): number {
    return this.serviceMs;
  }

  /** A new request: started, queued, refused or expired (through `outcomes`). */
  offer(request: T, offered: Offered = {}): void {
    const now = this.now();
    this.roll(now);
    const deadline = offered.deadline;
    if (deadline !== undefined && now > deadline) {
      this.outcomes.expire(request);
      return;
    }
    if (this.active < this.limits.maxInFlight) {
      this.active++;
      this.sojourn(0);
      this.outcomes.start(request);
      return;
    }
    const bound = Math.min(
      this.standing ? this.limits.targetWaitMs : this.limits.maxWaitMs,
      deadline === undefined ? Infinity : deadline - now - this.serviceMs,
    );
    if (this.waiting.length >= this.limits.maxQueued || this.expectedWait(1) > bound) {
      this.outcomes.refuse(request, this.retryAfterMs());
      return;
    }
    this.waiting.push({ request, deadline, since: now });
  }

  /**
   * A request ended (its answer went out) after holding its turn since `startedAt`: the turn
   * goes to the next waiting request, skipping those whose requester gave up and answering busy
   * those that waited `maxWaitMs`.
   */
  release(startedAt: number): void {
    const now = this.now();
    const took = Math.max(0, now - startedAt);
    this.serviceMs =
      this.serviceMs === 0 ? took : this.serviceMs + (took - this.serviceMs) * SERVICE_TIME_WEIGHT;
    this.roll(now);
    for (;;) {
      const oldest = this.waiting.peekFirst();
      if (!oldest) {
        this.active--;
        return;
      }
      const next =
        now - oldest.since <= this.limits.lifoAfterMs || this.isLate(oldest, now)
          ? this.waiting.shift()!
          : this.waiting.pop()!;
      if (this.isLate(next, now)) {
        this.outcomes.expire(next.request);
        continue;
      }
      if (now - next.since >= this.limits.maxWaitMs) {
        this.outcomes.refuse(next.request, this.retryAfterMs());
        continue;
      }
      this.sojourn(now - next.since);
      this.outcomes.start(next.request);
      return;
    }
  }

  /**
   * Answers the requests that waited `maxWaitMs` (busy) or whose requester gave up (dropped),
   * oldest first; call when `nextSweepAt` comes, so a service whose turns do not come back
   * still answers its queue.
   */
  sweep(): void {
    const now = this.now();
    this.roll(now);
    for (;;) {
      const oldest = this.waiting.peekFirst();
      if (!oldest || now - oldest.since < this.limits.maxWaitMs) return;
      this.waiting.shift();
      if (this.isLate(oldest, now)) this.outcomes.expire(oldest.request);
      else this.outcomes.refuse(oldest.request, this.retryAfterMs());
    }
  }

  /** When the longest-waiting request reaches `maxWaitMs` (epoch ms); undefined: none waits. */
  nextSweepAt(): number | undefined {
    const oldest = this.waiting.peekFirst();
    return oldest ? oldest.since + this.limits.maxWaitMs : undefined;
  }

  /** How long a request behind `extra` more (and all waiting) would wait, ms. */
  private expectedWait(extra: number): number {
    return ((this.waiting.length + extra) * this.serviceMs) / this.limits.maxInFlight;
  }

  /**
   * When a refused request should come back: once the queue has drained (its expected wait
   * plus a service time), jittered by ±25 % so the refused do not all come back at once, within
   * [RETRY_AFTER_MIN_MS, RETRY_AFTER_MAX_MS].
   */
  private retryAfterMs(): number {
    const drain = this.expectedWait(0) + this.serviceMs;
    const jittered = drain * (0.75 + this.random() * 0.5);
    return Math.round(Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, jittered)));
  }

  private isLate(waiting: Waiting<T>, now: number): boolean {
    return waiting.deadline !== undefined && now > waiting.deadline;
  }

  private sojourn(ms: number): void {
    if (ms < this.minSojourn) this.minSojourn = ms;
  }

  /**
   * Ends the CoDel interval once `intervalMs` passed: the queue stands when the shortest wait
   * of the interval exceeded the target, or when nobody got a turn while some waited.
   */
  private roll(now: number): void {
    if (now - this.intervalStart < this.limits.intervalMs) return;
    this.standing =
      this.minSojourn === Infinity
        ? this.waiting.length > 0
        : this.minSojourn > this.limits.targetWaitMs;
    this.intervalStart = now;
    this.minSojourn = Infinity;
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
