import { DynamicModule, Module } from '@nestjs/common';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';

import { EventStreams, ErrorCode } from '@im/contracts';
import { PG_POOL, PlatformLogger, PlatformModule, PresenceReader } from '@im/platform';

import type { AccountConfig } from './account.config';
import { AccountHandler } from './account.handler';
import { AccountRepository } from './account.repository';
import { accountSchema } from './account.schema';
import { PushDevicesClient } from './push-devices.client';
import { AccountService } from './account.service';
import { ACCOUNT_DB } from './account.tokens';
import { AppRegistryHandler } from './app-registry.handler';
import { AppRegistryService } from './app-registry.service';
import { AppRepository } from './app.repository';
import { AppStatsConsumer } from './app-stats/app-stats.consumer';
import { AppStatsHandler } from './app-stats/app-stats.handler';
import { AppStatsRepository } from './app-stats/app-stats.repository';
import { AppStatsService } from './app-stats/app-stats.service';
import { GroupCountClient } from './app-stats/group-count.client';
import { OnlineSampleTask } from './app-stats/online-sample.task';
import { NoSpeakingRepository } from './no-speaking.repository';
import { NoSpeakingService } from './no-speaking.service';
import { OperatorHandler } from './operators/operator.handler';
import { OperatorRepository } from './operators/operator.repository';
import { OperatorService } from './operators/operator.service';
import { RobotHandler } from './robot.handler';
import { RobotService } from './robot.service';

@Module({})
export class AccountModule {
  static forRoot(config: AccountConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: AccountModule,
      imports: [
        PlatformModule.forRoot({
          config,
          logger,
          errorCodes: {
            invalid: ErrorCode.AccountInvalidParameters,
            unavailable: ErrorCode.AccountBackendTimeout,
            internal: ErrorCode.AccountInternalError,
          },
          streams: [EventStreams.account],
          outbox: true,
        }),
      ],
      controllers: [
        AccountHandler,
        AppRegistryHandler,
        AppStatsHandler,
        OperatorHandler,
        RobotHandler,
      ],
      providers: [
        {
          provide: ACCOUNT_DB,
          useFactory: (pool: Pool) => drizzle(pool, { schema: accountSchema }),
          inject: [PG_POOL],
        },
        AccountRepository,
        AppRepository,
        PresenceReader,
        PushDevicesClient,
        AccountService,
        AppRegistryService,
        AppStatsRepository,
        GroupCountClient,
        AppStatsService,
        AppStatsConsumer,
        OnlineSampleTask,
        NoSpeakingRepository,
        NoSpeakingService,
        OperatorRepository,
        OperatorService,
        RobotService,
      ],
    };
  }
}
