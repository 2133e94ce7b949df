import { DynamicModule, Module } from '@nestjs/common';

import { PlatformModule } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { ApiGatewayConfig } from './api-gateway.config';
import { accountCommands } from './commands/account/account.commands';
import { appInfoCommands } from './commands/config/app-info.commands';
import { noSpeakingCommands } from './commands/config/no-speaking.commands';
import { groupAttrCommands } from './commands/group/group-attr.commands';
import { groupBanCommands } from './commands/group/group-ban.commands';
import { groupCounterCommands } from './commands/group/group-counter.commands';
import { roomAdminCommands } from './commands/group/room-admin.commands';
import { groupCommands } from './commands/group/group.commands';
import { cosMsgCommands } from './commands/media/cos-msg.commands';
import { messageCommands } from './commands/message/message.commands';
import { moderationCommands } from './commands/moderation/moderation.commands';
import { msgExtCommands } from './commands/message/msg-ext.commands';
import { pushCommands } from './commands/push/push.commands';
import { profileCommands } from './commands/profile/profile.commands';
import { officialAccountCommands } from './commands/official-account/official-account.commands';
import { robotCommands } from './commands/robot/robot.commands';
import { snsCommands } from './commands/sns/sns.commands';
import { topicCommands } from './commands/group/topic.commands';
import { AdminRevocationCache } from './rest/admin-revocation.cache';
import { AppRateLimiter } from './rest/app-rate.guard';
import { ArchiveDownloadController } from './rest/archive-download.controller';
import { CommandTable } from './rest/command-table.model';
import { RestAuthenticator } from './rest/rest-auth.guard';
import { COMMAND_TABLE, RestEdgeService } from './rest/rest-edge.service';
import { RestController } from './rest/rest.controller';

/** Every command the edge serves; later services add their rows here. */
export const REST_COMMANDS = [
  ...accountCommands,
  ...profileCommands,
  ...snsCommands,
  ...groupCommands,
  ...messageCommands,
  ...moderationCommands,
  ...msgExtCommands,
  ...pushCommands,
  ...appInfoCommands,
  ...groupAttrCommands,
  ...groupCounterCommands,
  ...groupBanCommands,
  ...roomAdminCommands,
  ...noSpeakingCommands,
  ...robotCommands,
  ...officialAccountCommands,
  ...topicCommands,
  ...cosMsgCommands,
];

@Module({})
export class ApiGatewayModule {
  static forRoot(config: ApiGatewayConfig, logger: PlatformLogger): DynamicModule {
    return {
      module: ApiGatewayModule,
      imports: [
        PlatformModule.forRoot({
          config,
          logger,
          appRegistry: { ttlMs: config.rest.credentialsTtlMs },
        }),
      ],
      controllers: [RestController, ArchiveDownloadController],
      providers: [
        { provide: COMMAND_TABLE, useValue: new CommandTable(REST_COMMANDS) },
        AdminRevocationCache,
        RestAuthenticator,
        AppRateLimiter,
        RestEdgeService,
      ],
    };
  }
}
