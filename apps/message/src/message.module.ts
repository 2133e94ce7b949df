import { DynamicModule, Module } from '@nestjs/common';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';

import { ErrorCode, EventStreams } from '@im/contracts';
import {
  AccountsClient,
  PG_POOL,
  PlatformModule,
  PresenceReader,
  SENSITIVE_WORDS_SOURCE,
  SensitiveWordsCache,
} from '@im/platform';
import type { SensitiveWordsSource } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { BroadcastService } from './broadcast.service';
import { C2cSendService } from './c2c-send.service';
import { CallbackBeforeSendHook } from './callback-before-send.hook';
import { ConversationAccess } from './conversation-access.service';
import { ConversationBatchRepository } from './conversation-batch.repository';
import { ConversationRepository } from './conversation.repository';
import { ConversationService } from './conversation.service';
import { GroupUnreadService } from './group-unread.service';
import { DedupeGuard } from './dedupe.guard';
import { DeliveryService } from './delivery.service';
import { DirtyWordsRepository } from './dirty-words.repository';
import { DirtyWordsService } from './dirty-words.service';
import { FanoutService } from './fanout.service';
import { GroupClient } from './group.client';
import { GroupSendService } from './group-send.service';
import { OfficialAccountSendLimiter } from './official-account-send-limits.store';
import { HistoryService } from './history.service';
import { MaintenanceRepository } from './maintenance.repository';
import { MaintenanceService } from './maintenance.service';
import type { MessageConfig } from './message.config';
import { MessageAdminHandler } from './message-admin.handler';
import { ContactMarksHandler } from './contact-marks.handler';
import { AuditKeywordsRepository } from './audit-keywords.repository';
import { ModerationHandler } from './moderation.handler';
import { ModerationService } from './moderation.service';
import { ContactMarksRepository } from './contact-marks.repository';
import { ContactMarksService } from './contact-marks.service';
import { MessageArchiveRepository } from './message-archive.repository';
import { MessageArchiveService } from './message-archive.service';
import { MessageHandler } from './message.handler';
import { MessageRepository } from './message.repository';
import { messageSchema } from './message.schema';
import { MessageSettingsReader } from './message-settings.reader';
import { BEFORE_SEND_HOOK, MESSAGE_DB, MESSAGE_TUNING } from './message.tokens';
import type { MessageTuning } from './message-tuning.config';
import { MessageWriter } from './message-writer.db';
import { NotificationConsumer } from './notification.consumer';
import { NotificationRepository } from './notification.repository';
import { NotificationService } from './notification.service';
import { NoSpeakingClient } from './no-speaking.client';
import { ProfileClient } from './profile.client';
import { ExtensionRepository } from './extension.repository';
import { ExtensionService } from './extension.service';
import { RecallService } from './recall.service';
import { ReceiptRepository } from './receipt.repository';
import { ReceiptService } from './receipt.service';
import { RelationClient } from './relation.client';
import { RoamingDeletionService } from './roaming-deletion.service';
import { RoomBuffer } from './room-buffer.store';
import { SendSteps } from './send-steps.service';
import { SeqAllocator } from './seq-allocator.store';
import { SeqRepository } from './seq.repository';

/** Storage (PostgreSQL, Redis), what the service asks of others, and its services. */
const MESSAGE_PARTS = [
  // storage
  SeqRepository,
  SeqAllocator,
  MessageRepository,
  ConversationRepository,
  ConversationBatchRepository,
  NotificationRepository,
  DirtyWordsRepository,
  ContactMarksRepository,
  AuditKeywordsRepository,
  MaintenanceRepository,
  MessageArchiveRepository,
  ReceiptRepository,
  ExtensionRepository,
  MessageWriter,
  DedupeGuard,
  RoomBuffer,
  // other services' data
  PresenceReader,
  AccountsClient,
  ProfileClient,
  NoSpeakingClient,
  RelationClient,
  GroupClient,
  MessageSettingsReader,
  // sending, delivery, conversations, history, recall, notifications, maintenance
  MaintenanceService,
  DeliveryService,
  FanoutService,
  SensitiveWordsCache,
  DirtyWordsService,
  ConversationAccess,
  C2cSendService,
  GroupSendService,
  OfficialAccountSendLimiter,
  BroadcastService,
  SendSteps,
  ConversationService,
  ContactMarksService,
  ModerationService,
  GroupUnreadService,
  HistoryService,
  RecallService,
  ReceiptService,
  ExtensionService,
  NotificationService,
  NotificationConsumer,
  RoamingDeletionService,
  MessageArchiveService,
];

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
          // Settings follow a tunable TTL.
          appRegistry: { ttlMs: effective.settingsTtlMs, negativeTtlMs: effective.settingsTtlMs },
        }),
      ],
      controllers: [MessageHandler, MessageAdminHandler, ContactMarksHandler, ModerationHandler],
      providers: [
        {
          provide: MESSAGE_DB,
          useFactory: (pool: Pool) => drizzle(pool, { schema: messageSchema }),
          inject: [PG_POOL],
        },
        { provide: MESSAGE_TUNING, useValue: effective },
        { provide: BEFORE_SEND_HOOK, useClass: CallbackBeforeSendHook },
        {
          // The word list is this service's own: read from its database, not over the bus.
          provide: SENSITIVE_WORDS_SOURCE,
          useFactory:
            (words: DirtyWordsRepository): SensitiveWordsSource =>
            (sdkAppId) =>
              words.findAll(sdkAppId),
          inject: [DirtyWordsRepository],
        },
        ...MESSAGE_PARTS,
      ],
    };
  }
}
