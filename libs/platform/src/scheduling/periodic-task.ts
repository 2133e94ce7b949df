import type { Redis } from 'ioredis';

import type { PlatformLogger } from '../logging/logger';

export interface PeriodicTaskOptions {
  /** Named in the log line of a failed run (`offline-member sweep`). */
  name: string;
  everyMs: number;
  logger: PlatformLogger;
  /**
   * One instance runs per period: the first to set this Redis key (held for 90% of the period,
   * so a late tick of the next period is not shut out) runs, the others skip the period.
   */
  lock?: { redis: Redis; key: string };
}

/** What `runIfDue` did: ran the work (and what it gave), or skipped a period another instance holds. */
export type PeriodicRun<T> = { ran: true; result: T } | { ran: false };

/** Share of the period the lock is held. */
const LOCK_SHARE = 0.9;

/**
 * Work repeated every `everyMs` while the service runs: one run at a time per instance (a tick
 * that finds the previous run still going is skipped), optionally one instance per period
 * under a Redis lock. A failed run is logged; the next period tries again. `stop()` waits for
 * the run in progress.
 */
export class PeriodicTask<T = unknown> {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly options: PeriodicTaskOptions,
    private readonly work: (now: number) => Promise<T>,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.options.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs the work now, unless another instance holds this period's lock. */
  async runIfDue(now = Date.now()): Promise<PeriodicRun<T>> {
    if (!(await this.claimPeriod(now))) return { ran: false };
    return { ran: true, result: await this.work(now) };
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runIfDue()
      .catch((err: unknown) =>
        this.options.logger.warn(
          { err: (err as Error).message, task: this.options.name },
          `${this.options.name} failed; the next period tries again`,
        ),
      )
      .finally(() => (this.running = undefined));
  }

  private async claimPeriod(now: number): Promise<boolean> {
    const lock = this.options.lock;
    if (!lock) return true;
    const held = await lock.redis.set(
      lock.key,
      `${process.pid}:${now}`,
      'PX',
      Math.floor(this.options.everyMs * LOCK_SHARE),
      'NX',
    );
    return held === 'OK';
  }
}
