import { DynamicModule, Module } from '@nestjs/common';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';

import { ErrorCode, EventStreams } from '@im/contracts';
import { AccountsClient, PG_POOL, PlatformModule, SensitiveWordsCache } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { AccountCleanupService } from './account-cleanup.service';
import { BlacklistRepository } from './blacklist.repository';
import { BlacklistService } from './blacklist.service';
import { FriendAcceptService } from './friend-accept.service';
import { FriendAddService } from './friend-add.service';
import { FriendImportService } from './friend-import.service';
import { FriendListsRepository } from './friend-lists.repository';
import { FriendListsService } from './friend-lists.service';
import { FriendRequestsRepository } from './friend-requests.repository';
import { FriendRequestsService } from './friend-requests.service';
import { FriendsRepository } from './friends.repository';
import { FriendsService } from './friends.service';
import { RecommendationsRepository } from './recommendations.repository';
import { RecommendationsService } from './recommendations.service';
import { RelationCache } from './relation.cache';
import { RelationCallbacks } from './relation-callbacks.client';
import type { RelationConfig } from './relation.config';
import { RelationHandler } from './relation.handler';
import { RelationRepository } from './relation.repository';
import { relationSchema } from './relation.schema';
import { RelationChecksService } from './relation-checks.service';
import { RELATION_DB } from './relation.tokens';
import { RelationEventsConsumer } from './relation-events.consumer';
import { RelationSettings } from './relation-settings.reader';
import { RelationTransactions } from './relation-transactions.db';
import { UsersClient } from './users.client';

@Module({})
export class RelationModule {
  static forRoot(config: RelationConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: RelationModule,
      imports: [
        PlatformModule.forRoot({
          config,
          logger,
          errorCodes: {
            invalid: ErrorCode.SnsInvalidParameters,
            unavailable: ErrorCode.SnsNetworkTimeout,
            internal: ErrorCode.SnsInternalError,
          },
          streams: [EventStreams.relation],
          outbox: true,
          appRegistry: config.appRegistry,
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
        FriendsRepository,
        BlacklistRepository,
        FriendRequestsRepository,
        FriendListsRepository,
        RecommendationsRepository,
        RelationCache,
        RelationSettings,
        RelationCallbacks,
        AccountsClient,
        SensitiveWordsCache,
        UsersClient,
        RelationTransactions,
        FriendListsService,
        FriendsService,
        FriendAddService,
        FriendImportService,
        FriendAcceptService,
        FriendRequestsService,
        BlacklistService,
        RecommendationsService,
        RelationChecksService,
        AccountCleanupService,
        RelationEventsConsumer,
      ],
    };
  }
}
