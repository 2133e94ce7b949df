import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { EventStreams } from '@im/contracts';
import type { EventOf } from '@im/contracts';
import { NatsBus } from '@im/platform';
import type { DurableEventConsumer } from '@im/platform';

import { AFTER_CALLBACKS_BY_SUBJECT } from './after-callback.mapper';
import type { ReportedSubject } from './after-callback.mapper';
import { CALLBACK_DISPATCHER_SERVICE } from './callback-dispatcher.config';
import type { CallbackTuning } from './callback-dispatcher.config';
import { CallbackDispatcherService } from './callback-dispatcher.service';
import { CALLBACK_TUNING } from './callback-dispatcher.tokens';

/** The source streams read, each by a durable consumer `callback-dispatcher-<stream>`. */
export const CALLBACK_SOURCES = (['conn', 'profile', 'relation', 'group', 'message'] as const).map(
  (owner) => ({
    stream: EventStreams[owner].name,
    durable: `${CALLBACK_DISPATCHER_SERVICE}-${owner}`,
    subjects: (Object.keys(AFTER_CALLBACKS_BY_SUBJECT) as ReportedSubject[]).filter((s) =>
      s.startsWith(`${owner}.evt.`),
    ),
  }),
);

/**
 * Reads the platform's events for the after-callbacks they mean (docs/callbacks.md §3, §4): each
 * event is one call to `CallbackDispatcherService.queueAfterCallbacks`, and is acknowledged
 * once its callbacks are in the queue table (at least once; the callback ID keeps a
 * redelivered event from being queued twice while its callbacks wait). Apps with callbacks
 * off cost one cached settings lookup per event.
 */
@Injectable()
export class AfterCallbackConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumers: DurableEventConsumer<ReportedSubject>[] = [];

  constructor(
    private readonly bus: NatsBus,
    private readonly callbacks: CallbackDispatcherService,
    @Inject(CALLBACK_TUNING) private readonly tuning: CallbackTuning,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const source of CALLBACK_SOURCES) {
      this.consumers.push(
        await this.bus.consume<ReportedSubject>({
          ...source,
          maxDeliver: this.tuning.consumerMaxDeliver,
          handler: (subject, event) => this.onEvent(subject, event),
        }),
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
  }

  /** One event: its after-callbacks are queued (or none, see the service). */
  async onEvent<S extends ReportedSubject>(subject: S, event: EventOf<S>): Promise<void> {
    await this.callbacks.queueAfterCallbacks(subject, event);
  }
}
