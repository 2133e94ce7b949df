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

import { AccountDirectory } from './account.directory';
import { C2cSendService } from './c2c-send.service';
import { CallbackBeforeSendHook } from './callback-before-send.hook';
import { ConversationAccess } from './conversation.access';
import { ConversationBatchRepository } from './conversation-batch.repository';
import { ConversationRepository } from './conversation.repository';
import { ConversationService } from './conversation.service';
import { DedupeGuard } from './dedupe.guard';
import { DeliveryService } from './delivery.service';
import { DirtyWordsRepository } from './dirty-words.repository';
import { DirtyWordsService } from './dirty-words.service';
import { EventPublisher } from './event.publisher';
import { FanoutService } from './fanout.service';
import { GroupDirectory } from './group.directory';
import { GroupSendService } from './group-send.service';
import { HistoryService } from './history.service';
import { MaintenanceRepository } from './maintenance.repository';
import { MaintenanceService } from './maintenance.service';
import type { MessageConfig } from './message.config';
import { MessageHandler } from './message.handler';
import { MessageRepository } from './message.repository';
import { messageSchema } from './message.schema';
import { MessageSettingsReader } from './message-settings.reader';
import {
  BEFORE_SEND_HOOK,
  MESSAGE_DB,
  MESSAGE_SETTINGS_CACHE,
  MESSAGE_TUNING,
} from './message.tokens';
import type { MessageTuning } from './message.tuning';
import { MessageWriter } from './message.writer';
import { NotificationConsumer } from './notification.consumer';
import { NotificationRepository } from './notification.repository';
import { NotificationService } from './notification.service';
import { ProfileDirectory } from './profile.directory';
import { RecallService } from './recall.service';
import { RelationDirectory } from './relation.directory';
import { RoomBuffer } from './room.buffer';
import { SendSteps } from './send-steps.service';
import { SeqAllocator } from './seq.allocator';
import { SeqRepository } from './seq.repository';

/** Starts and stops the settings cache's subscription to `account.evt.app-changed`. */
@Injectable()
class SettingsCacheLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(MESSAGE_SETTINGS_CACHE) private readonly cache: AppCredentialsCache) {}
  onApplicationBootstrap(): void {
    this.cache.start();
  }
  onApplicationShutdown(): void {
    this.cache.stop();
  }
}

@Module({})
export class MessageModule {
  /** `tuning`: tests shrink windows and caches; production uses the config's. */
  static forRoot(
    config: MessageConfig,
    logger: PlatformLogger,
    tuning: Partial<MessageTuning> = {},
  ): DynamicModule {
    const effective: MessageTuning = { ...config.tuning, ...tuning };
    return {
      module: MessageModule,
      imports: [
        PlatformModule.forRoot({
          config,
          logger,
          errorCodes: {
            invalid: ErrorCode.C2cInvalidPacket,
            unavailable: ErrorCode.OpenimServiceError,
            internal: ErrorCode.OpenimInternalError,
          },
          streams: [EventStreams.message],
          // Events are published straight after the commit (README: measured, decided).
          outbox: false,
        }),
      ],
      controllers: [MessageHandler],
      providers: [
        {
          provide: MESSAGE_DB,
          useFactory: (pool: Pool) => drizzle(pool, { schema: messageSchema }),
          inject: [PG_POOL],
        },
        { provide: MESSAGE_TUNING, useValue: effective },
        {
          provide: BeforeCallbackClient,
          useFactory: (bus: NatsBus, cache: AppCredentialsCache, log: PlatformLogger) =>
            new BeforeCallbackClient(bus, cache, log, { callerId: config.service }),
          inject: [NatsBus, MESSAGE_SETTINGS_CACHE, PLATFORM_LOGGER],
        },
        { provide: BEFORE_SEND_HOOK, useClass: CallbackBeforeSendHook },
        {
          provide: MESSAGE_SETTINGS_CACHE,
          useFactory: (bus: NatsBus, log: PlatformLogger) =>
            new AppCredentialsCache(bus, log, {
              ttlMs: effective.settingsTtlMs,
              negativeTtlMs: effective.settingsTtlMs,
              maxEntries: 100_000,
              callerId: config.service,
            }),
          inject: [NatsBus, PLATFORM_LOGGER],
        },
        SettingsCacheLifecycle,
        SeqRepository,
        SeqAllocator,
        MessageRepository,
        ConversationRepository,
        ConversationBatchRepository,
        NotificationRepository,
        DirtyWordsRepository,
        MaintenanceRepository,
        MaintenanceService,
        MessageWriter,
        DedupeGuard,
        RoomBuffer,
        DeliveryService,
        EventPublisher,
        FanoutService,
        AccountDirectory,
        ProfileDirectory,
        RelationDirectory,
        GroupDirectory,
        MessageSettingsReader,
        DirtyWordsService,
        ConversationAccess,
        C2cSendService,
        GroupSendService,
        SendSteps,
        ConversationService,
        HistoryService,
        RecallService,
        NotificationService,
        NotificationConsumer,
      ],
    };
  }
}
