import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  AddAuditKeywordsRequest,
  DeleteAuditKeywordsRequest,
  ListAuditKeywordsRequest,
  ListAuditLibsRequest,
  MessageRpc,
  ModerateContentsRequest,
} from '@im/contracts';
import type {
  CallerContext,
  EmptyReply,
  ListAuditKeywordsReply,
  ListAuditLibsReply,
  ModerateContentsReply,
} from '@im/contracts';
import { Caller } from '@im/platform';

import { ModerationService } from './moderation.service';

/** NATS handlers of the moderation commands (im_msg_audit_mgr/*, im_msg_audit/*). */
@Controller()
export class ModerationHandler {
  constructor(private readonly moderation: ModerationService) {}

  @MessagePattern(MessageRpc.ListAuditLibs)
  listAuditLibs(
    @Payload() req: ListAuditLibsRequest,
    @Caller() caller: CallerContext,
  ): Promise<ListAuditLibsReply> {
    return this.moderation.listLibs(caller, req);
  }

  @MessagePattern(MessageRpc.ListAuditKeywords)
  listAuditKeywords(
    @Payload() req: ListAuditKeywordsRequest,
    @Caller() caller: CallerContext,
  ): Promise<ListAuditKeywordsReply> {
    return this.moderation.listKeywords(caller, req);
  }

  @MessagePattern(MessageRpc.AddAuditKeywords)
  async addAuditKeywords(
    @Payload() req: AddAuditKeywordsRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.moderation.addKeywords(caller, req);
    return {};
  }

  @MessagePattern(MessageRpc.DeleteAuditKeywords)
  async deleteAuditKeywords(
    @Payload() req: DeleteAuditKeywordsRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.moderation.deleteKeywords(caller, req);
    return {};
  }

  @MessagePattern(MessageRpc.ModerateContents)
  moderateContents(
    @Payload() req: ModerateContentsRequest,
    @Caller() caller: CallerContext,
  ): Promise<ModerateContentsReply> {
    return this.moderation.moderate(caller, req);
  }
}
