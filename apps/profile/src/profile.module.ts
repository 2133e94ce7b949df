import { DynamicModule, Module } from '@nestjs/common';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';

import { ErrorCode, EventStreams } from '@im/contracts';
import { PG_POOL, PlatformModule } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { ProfileConfig } from './profile.config';
import { ProfileHandler } from './profile.handler';
import { ProfileRepository } from './profile.repository';
import { profileSchema } from './profile.schema';
import { ProfileService } from './profile.service';
import { PROFILE_DB } from './profile.tokens';

@Module({})
export class ProfileModule {
  static forRoot(config: ProfileConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: ProfileModule,
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
          streams: [EventStreams.profile],
          outbox: true,
        }),
      ],
      controllers: [ProfileHandler],
      providers: [
        {
          provide: PROFILE_DB,
          useFactory: (pool: Pool) => drizzle(pool, { schema: profileSchema }),
          inject: [PG_POOL],
        },
        ProfileRepository,
        ProfileService,
      ],
    };
  }
}
