import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';

import { ErrorCode, EventStreams } from '@im/contracts';
import {
  AppCredentialsCache,
  BeforeCallbackClient,
  NatsBus,
  PG_POOL,
  PLATFORM_LOGGER,
  PlatformModule,
} from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { AccountDirectory } from './account-directory';
import { AccountEventsConsumer } from './account-events.consumer';
import type { GroupConfig } from './group.config';
import { GroupCallbacks } from './group-callbacks';
import { GroupHandler } from './group.handler';
import { GroupLoader } from './group-loader';
import { GroupMemberRepository } from './group-member.repository';
import { GroupMemberService } from './group-member.service';
import { OfflineMemberSweeper } from './offline-member.sweeper';
import { GroupMessagingService } from './group-messaging.service';
import { GroupRepository } from './group.repository';
import { groupSchema } from './group.schema';
import { GroupService } from './group.service';
import { GroupSettingsReader } from './group-settings.reader';
import { GROUP_DB, GROUP_SETTINGS_CACHE } from './group.tokens';
import { MemberAdmission } from './member-admission';
import { RoomMemberStore } from './room-member.store';

/** Starts and stops the settings cache's subscription to `account.evt.app-changed`. */
@Injectable()
class SettingsCacheLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(GROUP_SETTINGS_CACHE) private readonly cache: AppCredentialsCache) {}
  onApplicationBootstrap(): void {
    this.cache.start();
  }
  onApplicationShutdown(): void {
    this.cache.stop();
  }
}

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
        }),
      ],
      controllers: [GroupHandler],
      providers: [
        {
          provide: GROUP_DB,
          useFactory: (pool: Pool) => drizzle(pool, { schema: groupSchema }),
          inject: [PG_POOL],
        },
        {
          provide: GROUP_SETTINGS_CACHE,
          useFactory: (bus: NatsBus, log: PlatformLogger) =>
            new AppCredentialsCache(bus, log, {
              ttlMs: config.appRegistry.ttlMs,
              negativeTtlMs: 5000,
              maxEntries: 100_000,
              callerId: config.service,
            }),
          inject: [NatsBus, PLATFORM_LOGGER],
        },
        SettingsCacheLifecycle,
        {
          provide: BeforeCallbackClient,
          useFactory: (bus: NatsBus, cache: AppCredentialsCache, log: PlatformLogger) =>
            new BeforeCallbackClient(bus, cache, log, { callerId: config.service }),
          inject: [NatsBus, GROUP_SETTINGS_CACHE, PLATFORM_LOGGER],
        },
        GroupCallbacks,
        GroupRepository,
        GroupMemberRepository,
        RoomMemberStore,
        GroupSettingsReader,
        AccountDirectory,
        GroupLoader,
        MemberAdmission,
        GroupService,
        GroupMemberService,
        GroupMessagingService,
        AccountEventsConsumer,
        OfflineMemberSweeper,
      ],
    };
  }
}
