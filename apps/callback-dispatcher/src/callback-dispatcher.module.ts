import { DynamicModule, Module } from '@nestjs/common';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';

import { ErrorCode, EventStreams } from '@im/contracts';
import { PG_POOL, PlatformModule } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { CallbackDispatcherConfig } from './callback-dispatcher.config';
import { CallbackDispatcherHandler } from './callback-dispatcher.handler';
import { CallbackDispatcherRepository } from './callback-dispatcher.repository';
import { callbackDispatcherSchema } from './callback-dispatcher.schema';
import { CallbackDispatcherService } from './callback-dispatcher.service';
import { CALLBACK_DISPATCHER_DB } from './callback-dispatcher.tokens';

@Module({})
export class CallbackDispatcherModule {
  static forRoot(config: CallbackDispatcherConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: CallbackDispatcherModule,
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
          streams: [EventStreams.callbackDispatcher],
          outbox: true,
        }),
      ],
      controllers: [CallbackDispatcherHandler],
      providers: [
        {
          provide: CALLBACK_DISPATCHER_DB,
          useFactory: (pool: Pool) => drizzle(pool, { schema: callbackDispatcherSchema }),
          inject: [PG_POOL],
        },
        CallbackDispatcherRepository,
        CallbackDispatcherService,
      ],
    };
  }
}
