import { DynamicModule, Module } from '@nestjs/common';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';

import { ErrorCode, EventStreams } from '@im/contracts';
import { PG_POOL, PlatformModule } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { RelationConfig } from './relation.config';
import { RelationHandler } from './relation.handler';
import { RelationRepository } from './relation.repository';
import { relationSchema } from './relation.schema';
import { RelationService } from './relation.service';
import { RELATION_DB } from './relation.tokens';

@Module({})
export class RelationModule {
  static forRoot(config: RelationConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: RelationModule,
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
          streams: [EventStreams.relation],
          outbox: true,
        }),
      ],
      controllers: [RelationHandler],
      providers: [
        {
          provide: RELATION_DB,
          useFactory: (pool: Pool) => drizzle(pool, { schema: relationSchema }),
          inject: [PG_POOL],
        },
        RelationRepository,
        RelationService,
      ],
    };
  }
}
