import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { CallbackDispatcherEvt } from '@im/contracts';
import type { CallbacksTalliedEvent } from '@im/contracts';
import { NatsBus, PeriodicTask, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger, RequestContext } from '@im/platform';

import type { CallbackTuning } from './callback-dispatcher.config';
import { CALLBACK_TUNING } from './callback-dispatcher.tokens';
import type { CallbackHttpResult } from './callback-http-result.model';
import { addToTally, takeTallies } from './callback-tally.rules';
import type { Tally } from './callback-tally.rules';

/** Tallies not yet published are kept for at most this many apps and days (memory bound). */
const MAX_PENDING = 10_000;

/**
 * Counts the callbacks this instance sends and the ones answered, per app and UTC day, and
 * publishes them every `CALLBACK_DISPATCHER_TALLY_INTERVAL_MS` as
 * `callback-dispatcher.evt.callbacks-tallied` (statistics CallBackReq / CallBackRsp): one
 * small event per app with traffic instead of one per callback. An event that could not be
 * stored is tried again with the same eventId (JetStream and the consumer drop a repeat);
 * what a crashed instance had not published yet is lost.
 */
@Injectable()
export class CallbackTallyTask implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly tallies = new Map<string, Tally>();
  private readonly pending: { event: CallbacksTalliedEvent; context: RequestContext }[] = [];
  private readonly task: PeriodicTask<number>;

  constructor(
    private readonly bus: NatsBus,
    @Inject(CALLBACK_TUNING) tuning: CallbackTuning,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {
    this.task = new PeriodicTask(
      { name: 'callback tally', everyMs: tuning.tallyIntervalMs, logger },
      () => this.flush(),
    );
  }

  /** One HTTP request to an app backend and what came of it. */
  note(sdkAppId: number, result: CallbackHttpResult, now = new Date()): void {
    addToTally(this.tallies, sdkAppId, result.kind === 'response', now);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
    await this.flush();
  }

  /** Publishes what was counted since the last flush; returns the events still pending. */
  async flush(): Promise<number> {
    for (const tally of takeTallies(this.tallies)) {
      if (this.pending.length >= MAX_PENDING) {
        this.logger.warn({ sdkAppId: tally.sdkAppId }, 'callback tally dropped: backlog full');
        continue;
      }
      this.pending.push(this.bus.buildEvent(CallbackDispatcherEvt.CallbacksTallied, tally));
    }
    while (this.pending.length > 0) {
      const { event, context } = this.pending[0];
      try {
        await this.bus.publishEvent(CallbackDispatcherEvt.CallbacksTallied, event, context);
      } catch {
        return this.pending.length;
      }
      this.pending.shift();
    }
    return 0;
  }
}
