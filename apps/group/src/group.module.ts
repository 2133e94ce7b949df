import { DynamicModule, Module } from '@nestjs/common';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';

import { ErrorCode, EventStreams } from '@im/contracts';
import { PG_POOL, PlatformModule } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { GroupConfig } from './group.config';
import { GroupHandler } from './group.handler';
import { GroupRepository } from './group.repository';
import { groupSchema } from './group.schema';
import { GroupService } from './group.service';
import { GROUP_DB } from './group.tokens';

@Module({})
export class GroupModule {
  static forRoot(config: GroupConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: GroupModule,
      imports: [
        PlatformModule.forRoot({
          config,
          logger,
          // TODO(generator): the service's own codes for invalid payloads, unavailable
          // dependencies and internal errors (spec/error-codes.md).
          errorCodes: {
            invalid: ErrorCode.HttpParseFailed,
            unavailable: ErrorCode.RequestTimedOut,
            internal: ErrorCode.RequestTimedOut,
          },
          streams: [EventStreams.group],
          outbox: true,
        }),
      ],
      controllers: [GroupHandler],
      providers: [
        {
          provide: GROUP_DB,
          useFactory: (pool: Pool) => drizzle(pool, { schema: groupSchema }),
          inject: [PG_POOL],
        },
        GroupRepository,
        GroupService,
      ],
    };
  }
}
