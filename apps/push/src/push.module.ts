import { DynamicModule, Module } from '@nestjs/common';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';

import { ErrorCode, EventStreams } from '@im/contracts';
import { PG_POOL, PlatformModule, PresenceReader } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { DeviceUsersIndex } from './device-users.cache';
import { GatewayDelivery } from './gateway-delivery.client';
import { OfflineNotifier } from './offline-notifier.service';
import type { PushConfig } from './push.config';
import { PushEventsConsumer } from './push-events.consumer';
import { PushHandler } from './push.handler';
import { PushRateLimiter } from './push-rate.guard';
import { ConsumedEventsRepository } from './consumed-events.repository';
import { PushAccountsService } from './push-accounts.service';
import { PushDeviceRepository } from './push-device.repository';
import { PushStatsRepository } from './push-stats.repository';
import { PushTaskRepository } from './push-task.repository';
import { PushUserRepository } from './push-user.repository';
import { pushSchema } from './push.schema';
import { PushService } from './push.service';
import { PushSettingsReader } from './push-settings.reader';
import { PushTaskRunner } from './push-task-runner.task';
import { PUSH_DB } from './push.tokens';
import { ProviderRegistry } from './providers/provider-registry.service';

@Module({})
export class PushModule {
  static forRoot(config: PushConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: PushModule,
      imports: [
        PlatformModule.forRoot({
          config,
          logger,
          errorCodes: {
            invalid: ErrorCode.OpenimBodyNotJson,
            unavailable: ErrorCode.OpenimServiceError,
            internal: ErrorCode.OpenimServiceError,
          },
          streams: [EventStreams.push],
          outbox: true,
          appRegistry: config.appRegistry,
        }),
      ],
      controllers: [PushHandler],
      providers: [
        {
          provide: PUSH_DB,
          useFactory: (pool: Pool) => drizzle(pool, { schema: pushSchema }),
          inject: [PG_POOL],
        },
        PushUserRepository,
        PushTaskRepository,
        PushDeviceRepository,
        DeviceUsersIndex,
        PushStatsRepository,
        ConsumedEventsRepository,
        PushSettingsReader,
        PushRateLimiter,
        PresenceReader,
        GatewayDelivery,
        ProviderRegistry,
        OfflineNotifier,
        PushTaskRunner,
        PushService,
        PushAccountsService,
        PushEventsConsumer,
      ],
    };
  }
}
