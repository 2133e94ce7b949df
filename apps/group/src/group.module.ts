import { DynamicModule, Module } from '@nestjs/common';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';

import { ErrorCode, EventStreams } from '@im/contracts';
import { AccountsClient, PG_POOL, PlatformModule, SensitiveWordsCache } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { AccountEventsConsumer } from './account-events.consumer';
import type { GroupConfig } from './group.config';
import { GroupCallbacks } from './group-callbacks.client';
import { GroupHandler } from './group.handler';
import { GroupLoader } from './group-loader.service';
import { GroupLookupService } from './group-lookup.service';
import { GroupMemberRepository } from './group-member.repository';
import { GroupApplicationsService } from './group-applications.service';
import { GroupAttrRepository } from './group-attr.repository';
import { GroupAttrService } from './group-attr.service';
import { GroupBanRepository } from './group-ban.repository';
import { GroupBanService } from './group-ban.service';
import { GroupCounterRepository } from './group-counter.repository';
import { GroupCounterService } from './group-counter.service';
import { GroupMemberInfoService } from './group-member-info.service';
import { GroupMembershipService } from './group-membership.service';
import { OfficialAccountMessaging } from './official-account/official-account-messaging.service';
import { OfficialAccountHandler } from './official-account/official-account.handler';
import { OfficialAccountRepository } from './official-account/official-account.repository';
import { OfficialAccountService } from './official-account/official-account.service';
import { GroupTopicHandler } from './topic/group-topic.handler';
import { GroupTopicRepository } from './topic/group-topic.repository';
import { GroupTopicService } from './topic/group-topic.service';
import { TopicMessaging } from './topic/topic-messaging.service';
import { OfflineMemberSweeper } from './offline-member.task';
import { GroupMessagingService } from './group-messaging.service';
import { GroupRepository } from './group.repository';
import { groupSchema } from './group.schema';
import { GroupService } from './group.service';
import { GroupSettingsReader } from './group-settings.reader';
import { GroupTransactions } from './group-transactions.db';
import { GROUP_DB } from './group.tokens';
import { JoinRequestRepository } from './join-request.repository';
import { MemberAdmission } from './member-admission.service';
import { MemberImportService } from './member-import.service';
import { MessageUnreadClient } from './message-unread.client';
import { ProfileClient } from './profile.client';
import { RoomAdminRepository } from './room-admin.repository';
import { RoomAdminService } from './room-admin.service';
import { RoomJoinBatcher } from './room-join-batch.service';
import { RoomLeaveBatcher } from './room-leave-batch.service';
import { RoomMemberStore } from './room-member.store';

@Module({})
export class GroupModule {
  static forRoot(config: GroupConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: GroupModule,
      imports: [
        PlatformModule.forRoot({
          config,
          logger,
          errorCodes: {
            invalid: ErrorCode.GroupInvalidParameter,
            unavailable: ErrorCode.GroupInternalError,
            internal: ErrorCode.GroupInternalError,
          },
          streams: [EventStreams.group],
          outbox: true,
          appRegistry: config.appRegistry,
        }),
      ],
      controllers: [GroupHandler, OfficialAccountHandler, GroupTopicHandler],
      providers: [
        {
          provide: GROUP_DB,
          useFactory: (pool: Pool) => drizzle(pool, { schema: groupSchema }),
          inject: [PG_POOL],
        },
        GroupCallbacks,
        GroupRepository,
        GroupMemberRepository,
        JoinRequestRepository,
        RoomMemberStore,
        GroupSettingsReader,
        AccountsClient,
        SensitiveWordsCache,
        GroupLoader,
        GroupTransactions,
        MemberAdmission,
        RoomJoinBatcher,
        RoomLeaveBatcher,
        GroupService,
        GroupLookupService,
        GroupMembershipService,
        GroupApplicationsService,
        GroupMemberInfoService,
        GroupMessagingService,
        MessageUnreadClient,
        MemberImportService,
        GroupAttrRepository,
        GroupAttrService,
        GroupCounterRepository,
        GroupCounterService,
        GroupBanRepository,
        GroupBanService,
        ProfileClient,
        RoomAdminRepository,
        RoomAdminService,
        AccountEventsConsumer,
        OfflineMemberSweeper,
        OfficialAccountRepository,
        OfficialAccountService,
        OfficialAccountMessaging,
        GroupTopicRepository,
        GroupTopicService,
        TopicMessaging,
      ],
    };
  }
}
