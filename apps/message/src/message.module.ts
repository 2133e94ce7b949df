import { DynamicModule, Module } from '@nestjs/common';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';

import { ErrorCode, EventStreams } from '@im/contracts';
import { PG_POOL, PlatformModule } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { MessageConfig } from './message.config';
import { MessageHandler } from './message.handler';
import { MessageRepository } from './message.repository';
import { messageSchema } from './message.schema';
import { MessageService } from './message.service';
import { MESSAGE_DB } from './message.tokens';

@Module({})
export class MessageModule {
  static forRoot(config: MessageConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: MessageModule,
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
          streams: [EventStreams.message],
          outbox: true,
        }),
      ],
      controllers: [MessageHandler],
      providers: [
        {
          provide: MESSAGE_DB,
          useFactory: (pool: Pool) => drizzle(pool, { schema: messageSchema }),
          inject: [PG_POOL],
        },
        MessageRepository,
        MessageService,
      ],
    };
  }
}
