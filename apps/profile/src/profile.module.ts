import { DynamicModule, Module } from '@nestjs/common';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';

import { ErrorCode, EventStreams } from '@im/contracts';
import {
  ACCOUNT_CONFIRMATIONS,
  AccountsClient,
  PG_POOL,
  PlatformModule,
  SensitiveWordsCache,
} from '@im/platform';
import type { AccountConfirmations, PlatformLogger } from '@im/platform';

import { AccountEventsHandler } from './account-events.consumer';
import { CustomFieldsReader } from './custom-fields.reader';
import { ProfileCache } from './profile.cache';
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
          errorCodes: {
            invalid: ErrorCode.ProfileInvalidParameters,
            unavailable: ErrorCode.ProfileInternalError,
            internal: ErrorCode.ProfileInternalError,
          },
          streams: [EventStreams.profile],
          outbox: true,
          appRegistry: { ...config.appRegistry, maxEntries: 10_000 },
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
        ProfileCache,
        {
          provide: ACCOUNT_CONFIRMATIONS,
          useFactory: (cache: ProfileCache): AccountConfirmations => cache.accountConfirmations(),
          inject: [ProfileCache],
        },
        AccountsClient,
        SensitiveWordsCache,
        CustomFieldsReader,
        ProfileService,
        AccountEventsHandler,
      ],
    };
  }
}
