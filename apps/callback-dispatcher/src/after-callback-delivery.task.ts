import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { CallbackDispatcherEvt, CallbackHttpHeaders, CallbackLimits } from '@im/contracts';
import { EventOutbox, PLATFORM_LOGGER, runWithRequestContext } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { CallbackTuning } from './callback-dispatcher.config';
import type { CallbackDispatcherDb } from './callback-dispatcher.db';
import { CallbackDispatcherRepository } from './callback-dispatcher.repository';
import type { DeliveryRow } from './callback-dispatcher.schema';
import {
  CALLBACK_DISPATCHER_DB,
  CALLBACK_HTTP,
  CALLBACK_TUNING,
} from './callback-dispatcher.tokens';
import type { CallbackHttpClient } from './callback-http.client';
import { describeHttpResult, isDelivered } from './callback-http-result.model';
import type { CallbackHttpResult } from './callback-http-result.model';
import { callbackUrl } from './callback-request.model';
import { CallbackSettingsReader } from './callback-settings.reader';
import { CallbackMetrics } from './callback.metrics';
import { retryDelayMs } from './retry-schedule.rules';

/** Re-looking for due work soon after finding none that could be taken, not in a tight loop. */
const MIN_REWAKE_MS = 25;
/** Apps the sweep wakes at most per round. */
const SWEEP_APPS = 1000;
/** How often the delivery attempts are swept to what is kept, and rows deleted per round. */
const PRUNE_EVERY_MS = 60_000;
const PRUNE_BATCH = 10_000;

/**
 * The after-callbacks of one app on this instance: at most `appConcurrency` in flight, the
 * rest waiting in the queue table, a timer for the next retry. Apps never wait for each other.
 */
class AppLane {
  inFlight = 0;
  private pumping = false;
  private again = false;
  private timer?: NodeJS.Timeout;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(
    readonly sdkAppId: number,
    private readonly host: AfterCallbackDeliverer,
  ) {}

  get isIdle(): boolean {
    return this.inFlight === 0 && !this.pumping && this.timer === undefined;
  }

  /** Takes due callbacks while there is room; called on new work, completions and timers. */
  pump(): void {
    if (this.host.isStopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    void this.fill().finally(() => {
      this.pumping = false;
      if (this.again) {
        this.again = false;
        this.pump();
      } else {
        this.host.retireIfIdle(this);
      }
    });
  }

  /** Wakes the lane at `at` (epoch ms) unless it is woken earlier anyway. */
  wakeAt(at: number): void {
    if (this.host.isStopped || (this.timer && this.timerAt <= at)) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.max(0, at - Date.now()),
    );
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async fill(): Promise<void> {
    const { appConcurrency, leaseMs } = this.host.tuning;
    try {
      while (!this.host.isStopped && this.inFlight < appConcurrency) {
        const rows = await this.host.repository.claimDue(
          this.sdkAppId,
          appConcurrency - this.inFlight,
          leaseMs,
        );
        if (rows.length === 0) break;
        for (const row of rows) {
          this.inFlight++;
          this.host.track(
            this.host.deliver(row, this).finally(() => {
              this.inFlight--;
              this.pump();
            }),
          );
        }
      }
      if (!this.host.isStopped && this.inFlight < appConcurrency) {
        const next = await this.host.repository.nextDueAt(this.sdkAppId);
        if (next) this.wakeAt(Math.max(next.getTime(), Date.now() + MIN_REWAKE_MS));
      }
    } catch (err) {
      this.host.logger.warn({ err, sdkAppId: this.sdkAppId }, 'callback queue unavailable');
      this.wakeAt(Date.now() + 1000);
    }
  }
}

/**
 * Delivers queued after-callbacks (at least once, docs/requirements.md AMB-47): per app a lane with a
 * concurrency limit over keep-alive connections of its own; a failed delivery is retried after
 * 1 s, 2 s, 4 s, ... (capped) and after the last attempt moved to the dead letters. A sweep
 * picks up what a restart or another instance left behind.
 */
@Injectable()
export class AfterCallbackDeliverer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly lanes = new Map<number, AppLane>();
  private readonly running = new Set<Promise<void>>();
  private sweeper?: NodeJS.Timeout;
  private sweeping = false;
  private stopped = false;
  private prunedAt = 0;

  constructor(
    readonly repository: CallbackDispatcherRepository,
    private readonly settings: CallbackSettingsReader,
    private readonly outbox: EventOutbox,
    private readonly metrics: CallbackMetrics,
    @Inject(CALLBACK_DISPATCHER_DB) private readonly db: CallbackDispatcherDb,
    @Inject(CALLBACK_HTTP) private readonly http: CallbackHttpClient,
    @Inject(CALLBACK_TUNING) readonly tuning: CallbackTuning,
    @Inject(PLATFORM_LOGGER) readonly logger: PlatformLogger,
  ) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  onApplicationBootstrap(): void {
    this.sweeper = setInterval(() => void this.sweep(), this.tuning.sweepIntervalMs);
    void this.sweep();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    for (const lane of this.lanes.values()) lane.stop();
    await Promise.allSettled([...this.running]);
    this.http.close();
  }

  /** Callbacks of the app were queued (or replayed): deliver what is due. */
  wake(sdkAppId: number): void {
    this.laneOf(sdkAppId).pump();
  }

  /** After-callbacks of the app in flight on this instance. */
  inFlight(sdkAppId: number): number {
    return this.lanes.get(sdkAppId)?.inFlight ?? 0;
  }

  track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  retireIfIdle(lane: AppLane): void {
    if (lane.isIdle && this.lanes.get(lane.sdkAppId) === lane) this.lanes.delete(lane.sdkAppId);
  }

  /** One delivery attempt of a claimed callback; never throws. */
  async deliver(row: DeliveryRow, lane: AppLane): Promise<void> {
    await runWithRequestContext({ requestId: row.requestId, sdkAppId: row.sdkAppId }, async () => {
      try {
        await this.attempt(row, lane);
      } catch (err) {
        // The lease runs out and the sweep takes the callback again.
        this.logger.warn(
          { err, sdkAppId: row.sdkAppId, command: row.command, deliveryId: row.id },
          'callback delivery could not be recorded',
        );
      }
    });
  }

  private async attempt(row: DeliveryRow, lane: AppLane): Promise<void> {
    const { sdkAppId, command } = row;
    let callbacks;
    try {
      callbacks = await this.settings.of(sdkAppId);
    } catch {
      await this.record(row, { kind: 'error', error: 'app settings unavailable' }, 0);
      await this.failed(row, lane, 'app settings unavailable');
      return;
    }
    if (!callbacks?.commands.has(command)) {
      // Switched off (or the URL removed) since it was queued: disabled types are not sent.
      await this.repository.deleteDelivery(sdkAppId, row.id);
      this.metrics.after.inc({ command, outcome: 'dropped' });
      this.logger.info({ sdkAppId, command }, 'callback no longer enabled; dropped');
      return;
    }
    const url = callbackUrl(callbacks.url, {
      sdkAppId,
      command,
      clientIp: row.clientIp,
      platform: row.optPlatform,
      token: callbacks.token,
      requestTime: Math.floor(Date.now() / 1000),
    });
    const headers = {
      [CallbackHttpHeaders.EventId]: row.callbackId,
      [CallbackHttpHeaders.SourceEventId]: row.sourceEventId,
      [CallbackHttpHeaders.Attempt]: String(row.attempts),
      [CallbackHttpHeaders.RequestId]: row.requestId,
    };
    const end = this.metrics.httpSeconds.startTimer({ kind: 'after' });
    const started = Date.now();
    const result = await this.http.post(sdkAppId, url, row.body, headers, this.tuning.timeoutMs);
    end();
    await this.record(row, result, Date.now() - started);
    if (isDelivered(result)) {
      await this.repository.deleteDelivery(sdkAppId, row.id);
      this.metrics.after.inc({ command, outcome: 'delivered' });
      return;
    }
    await this.failed(row, lane, describeHttpResult(result));
  }

  /**
   * Keeps what came of an attempt for the console (status, error, latency; never the body or
   * the URL with its token). Losing one is better than delaying the delivery: failures are logged.
   */
  private async record(row: DeliveryRow, result: CallbackHttpResult, latencyMs: number) {
    const delivered = isDelivered(result);
    try {
      await this.repository.insertAttempt(row.sdkAppId, {
        callbackId: row.callbackId,
        command: row.command,
        attempt: row.attempts,
        delivered,
        httpStatus: result.kind === 'response' ? result.status : null,
        error: delivered ? null : describeHttpResult(result),
        latencyMs: Math.min(Math.max(0, latencyMs), 2 ** 31 - 1),
      });
    } catch (err) {
      this.logger.warn(
        { err, sdkAppId: row.sdkAppId, command: row.command },
        'callback attempt not recorded',
      );
    }
  }

  private async failed(row: DeliveryRow, lane: AppLane, error: string): Promise<void> {
    const { sdkAppId, command, attempts } = row;
    if (attempts >= this.tuning.maxAttempts) {
      const dead = await this.outbox.commit(this.db, async (tx) => {
        const moved = await this.repository.moveToDeadLetters(sdkAppId, row.id, error, tx);
        if (moved) {
          await this.outbox.stage(tx, CallbackDispatcherEvt.DeadLettered, {
            sdkAppId,
            deadLetterId: moved.id,
            callbackId: moved.callbackId,
            command,
            attempts,
            lastError: error,
          });
        }
        return moved;
      });
      if (dead) {
        this.metrics.after.inc({ command, outcome: 'dead-lettered' });
        this.logger.warn(
          { sdkAppId, command, attempts, error, deadLetterId: dead.id },
          'callback given up; kept as a dead letter',
        );
      }
      return;
    }
    const delayMs = retryDelayMs(attempts, this.tuning.retryBaseMs, this.tuning.retryMaxMs);
    await this.repository.reschedule(sdkAppId, row.id, delayMs, error);
    this.metrics.after.inc({ command, outcome: 'retry' });
    this.logger.info(
      { sdkAppId, command, attempts, error, delayMs },
      'callback failed; will retry',
    );
    lane.wakeAt(Date.now() + delayMs);
  }

  private laneOf(sdkAppId: number): AppLane {
    let lane = this.lanes.get(sdkAppId);
    if (!lane) {
      lane = new AppLane(sdkAppId, this);
      this.lanes.set(sdkAppId, lane);
    }
    return lane;
  }

  /** Sweeps the delivery attempts to the last days and the newest of each app. */
  async pruneAttempts(): Promise<number> {
    return this.repository.pruneAttempts(
      CallbackLimits.attemptsKeptDays,
      CallbackLimits.attemptsKeptPerApp,
      PRUNE_BATCH,
    );
  }

  /** Wakes apps with due callbacks nobody holds; closes idle connection pools; prunes attempts. */
  private async sweep(): Promise<void> {
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    try {
      for (const sdkAppId of await this.repository.findAppsWithDueDeliveries(SWEEP_APPS))
        this.wake(sdkAppId);
      this.http.closeIdlePools();
      if (Date.now() - this.prunedAt >= PRUNE_EVERY_MS) {
        this.prunedAt = Date.now();
        await this.pruneAttempts();
      }
    } catch (err) {
      this.logger.warn({ err }, 'callback sweep failed');
    } finally {
      this.sweeping = false;
    }
  }
}
