import { DynamicModule, Module } from '@nestjs/common';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';

import { ErrorCode, EventStreams } from '@im/contracts';
import { PG_POOL, PlatformModule } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { PushConfig } from './push.config';
import { PushHandler } from './push.handler';
import { PushRepository } from './push.repository';
import { pushSchema } from './push.schema';
import { PushService } from './push.service';
import { PUSH_DB } from './push.tokens';

@Module({})
export class PushModule {
  static forRoot(config: PushConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: PushModule,
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
          streams: [EventStreams.push],
          outbox: true,
        }),
      ],
      controllers: [PushHandler],
      providers: [
        {
          provide: PUSH_DB,
          useFactory: (pool: Pool) => drizzle(pool, { schema: pushSchema }),
          inject: [PG_POOL],
        },
        PushRepository,
        PushService,
      ],
    };
  }
}
