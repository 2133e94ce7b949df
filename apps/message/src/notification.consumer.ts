import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { EventStreams, GroupEvt, ProfileEvt, RelationEvt } from '@im/contracts';
import type { EventSubject } from '@im/contracts';
import { NatsBus, PLATFORM_LOGGER } from '@im/platform';
import type { DurableEventConsumer, PlatformLogger } from '@im/platform';

import { NotificationService } from './notification.service';

/**
 * Durable consumers (at least once, shared by the instances) of the facts that become system
 * notifications: every group fact, the relation facts, profile changes.
 */
@Injectable()
export class NotificationConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumers: DurableEventConsumer<EventSubject>[] = [];

  constructor(
    private readonly bus: NatsBus,
    private readonly notifications: NotificationService,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const specs: {
      stream: string;
      durable: string;
      subjects: EventSubject[];
      handle: (subject: string, event: Record<string, unknown>) => Promise<void>;
    }[] = [
      {
        stream: EventStreams.group.name,
        durable: 'message-group-notify',
        subjects: Object.values(GroupEvt),
        handle: (s, e) => this.notifications.onGroupFact(s, e),
      },
      {
        stream: EventStreams.relation.name,
        durable: 'message-relation-notify',
        subjects: Object.values(RelationEvt),
        handle: (s, e) => this.notifications.onRelationFact(s, e),
      },
      {
        stream: EventStreams.profile.name,
        durable: 'message-profile-notify',
        subjects: [ProfileEvt.Changed],
        handle: (s, e) => this.notifications.onProfileFact(s, e),
      },
    ];
    for (const spec of specs) {
      this.consumers.push(
        await this.bus.consume({
          stream: spec.stream,
          durable: spec.durable,
          subjects: spec.subjects,
          handler: (subject, event) =>
            spec.handle(subject, event as unknown as Record<string, unknown>),
        }),
      );
    }
    this.logger.info({ consumers: specs.length }, 'notification consumers started');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
    this.consumers = [];
  }
}
