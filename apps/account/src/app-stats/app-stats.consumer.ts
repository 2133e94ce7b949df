import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { EventStreams } from '@im/contracts';
import { NatsBus } from '@im/platform';

import { StatsSubjects } from './app-stats.rules';
import { AppStatsService } from './app-stats.service';

/** Durable consumers of the statistics, one per stream (shared by the service's instances). */
export const AppStatsConsumers = {
  conn: 'account-stats-conn',
  message: 'account-stats-message',
  relation: 'account-stats-relation',
  group: 'account-stats-group',
  callbacks: 'account-stats-callbacks',
} as const;

const STREAMS = {
  conn: EventStreams.conn.name,
  message: EventStreams.message.name,
  relation: EventStreams.relation.name,
  group: EventStreams.group.name,
  callbacks: EventStreams.callbackDispatcher.name,
} as const;

/**
 * The facts statistics count (docs/app-stats.md), through durable JetStream consumers that hand
 * events over in batches (one statement per batch; at least once, the service applies each
 * event once): sessions (conn), messages and offline pushes
 * (message), friend-table entries (relation), groups and memberships (group), callbacks
 * (callback-dispatcher's tallies).
 */
@Injectable()
export class AppStatsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumers: { stop(): Promise<void> }[] = [];

  constructor(
    private readonly bus: NatsBus,
    private readonly stats: AppStatsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const key of Object.keys(STREAMS) as (keyof typeof STREAMS)[]) {
      const durable = AppStatsConsumers[key];
      this.consumers.push(
        await this.bus.consumeBatches({
          stream: STREAMS[key],
          durable,
          subjects: StatsSubjects[key],
          handleBatch: (events) => this.stats.recordBatch(durable, events),
        }),
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
  }
}
