import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { EventStreams, ProfileEvt, ProfileRpc } from '@im/contracts';
import type {
  AfterCallbackCommand,
  EventEnvelope,
  EventOf,
  ProfileChangedEvent,
  ProfileItem,
} from '@im/contracts';
import { currentRequestContext, NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { DurableEventConsumer, PlatformLogger } from '@im/platform';

import { AfterCallbackDeliverer } from './after-callback.deliverer';
import {
  AFTER_CALLBACKS_BY_SUBJECT,
  afterCallbacksOf,
  portraitSetCallback,
} from './after-callback.mapping';
import type { AfterCallback, EventOrigin, ReportedSubject } from './after-callback.mapping';
import { CALLBACK_DISPATCHER_SERVICE } from './callback-dispatcher.config';
import type { CallbackTuning } from './callback-dispatcher.config';
import { CallbackDispatcherRepository } from './callback-dispatcher.repository';
import { CALLBACK_TUNING } from './callback-dispatcher.tokens';
import { callbackEventId } from './callback-request';
import { CallbackSettingsReader } from './callback-settings.reader';
import { CallbackMetrics } from './callback.metrics';

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
 * Reads the platform's events and queues the after-callbacks they mean (callbacks.md §3, §4)
 * for apps that enabled them; the deliverer sends them. An event is acknowledged once its
 * callbacks are in the queue table (at least once; the callback ID keeps a redelivered event
 * from being queued twice while its callbacks wait). Apps with callbacks off cost one cached
 * settings lookup per event.
 */
@Injectable()
export class AfterCallbackConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumers: DurableEventConsumer<ReportedSubject>[] = [];

  constructor(
    private readonly bus: NatsBus,
    private readonly settings: CallbackSettingsReader,
    private readonly repository: CallbackDispatcherRepository,
    private readonly deliverer: AfterCallbackDeliverer,
    private readonly metrics: CallbackMetrics,
    @Inject(CALLBACK_TUNING) private readonly tuning: CallbackTuning,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
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

  async onEvent<S extends ReportedSubject>(subject: S, event: EventOf<S>): Promise<void> {
    const { sdkAppId } = event;
    const ageMs = Date.now() - Date.parse(event.occurredAt);
    if (ageMs > this.tuning.eventMaxAgeSeconds * 1000) {
      this.logger.info({ sdkAppId, subject, eventId: event.eventId }, 'event too old to report');
      return;
    }
    const commands: readonly AfterCallbackCommand[] = AFTER_CALLBACKS_BY_SUBJECT[subject];
    const callbacks = await this.settings.of(sdkAppId);
    if (!callbacks || !commands.some((c) => callbacks.commands.has(c))) return;

    const context = currentRequestContext();
    const origin: EventOrigin = { role: context?.role, callerId: context?.callerId };
    const mapped =
      subject === ProfileEvt.Changed
        ? [await this.portraitSet(event as ProfileChangedEvent, origin)]
        : afterCallbacksOf(subject, event as never, origin);
    const wanted = mapped.filter((c) => callbacks.commands.has(c.command));
    if (wanted.length === 0) return;
    await this.queue(event, wanted, context?.requestId);
  }

  private async queue(
    event: EventEnvelope,
    callbacks: AfterCallback[],
    requestId: string | undefined,
  ): Promise<void> {
    const queued = await this.repository.insertDeliveries(
      event.sdkAppId,
      callbacks.map((c) => ({
        callbackId: callbackEventId(event.eventId, c.command),
        sourceEventId: event.eventId,
        command: c.command,
        body: JSON.stringify(c.body),
        optPlatform: c.platform,
        clientIp: c.clientIp,
        requestId: event.requestId ?? requestId ?? '',
      })),
    );
    for (const c of callbacks) this.metrics.after.inc({ command: c.command, outcome: 'queued' });
    if (queued > 0) this.deliverer.wake(event.sdkAppId);
  }

  /** Profile.CallbackPortraitSet with the values of the changed fields, read as a service. */
  private async portraitSet(
    event: ProfileChangedEvent,
    origin: EventOrigin,
  ): Promise<AfterCallback> {
    let items: ProfileItem[] = [];
    if (event.changedTags.length > 0) {
      const reply = await this.bus.request(
        ProfileRpc.Get,
        { userIds: [event.userId], tags: event.changedTags },
        {
          context: {
            sdkAppId: event.sdkAppId,
            role: 'service',
            callerId: CALLBACK_DISPATCHER_SERVICE,
          },
        },
      );
      const profile = reply.profiles.find((p) => p.userId === event.userId);
      if (profile && profile.code === 0) items = profile.items;
    }
    return portraitSetCallback(event, items, origin);
  }
}
