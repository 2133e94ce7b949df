import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  ArchiveChunkRequest,
  DeleteC2cMessagesRequest,
  MessageArchiveRequest,
  MessageRpc,
  ModifyGroupMessageRequest,
} from '@im/contracts';
import type {
  ArchiveChunkReply,
  CallerContext,
  DeleteC2cMessagesReply,
  EmptyReply,
  MessageArchiveReply,
} from '@im/contracts';
import { Caller } from '@im/platform';

import { MessageArchiveService } from './message-archive.service';
import { RecallService } from './recall.service';
import { RoamingDeletionService } from './roaming-deletion.service';

/**
 * NATS handlers of the App admin's stored-message commands: modify_group_msg,
 * delete_c2c_msg_ramble and the hourly archives of get_history (with the chunks its download
 * links read).
 */
@Controller()
export class MessageAdminHandler {
  constructor(
    private readonly recalls: RecallService,
    private readonly deletions: RoamingDeletionService,
    private readonly archives: MessageArchiveService,
  ) {}

  @MessagePattern(MessageRpc.ModifyGroupMessage)
  async modifyGroupMessage(
    @Payload() req: ModifyGroupMessageRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.recalls.editGroupBySeq(caller, req);
    return {};
  }

  @MessagePattern(MessageRpc.DeleteC2cMessages)
  deleteC2cMessages(
    @Payload() req: DeleteC2cMessagesRequest,
    @Caller() caller: CallerContext,
  ): Promise<DeleteC2cMessagesReply> {
    return this.deletions.deleteC2c(caller, req);
  }

  @MessagePattern(MessageRpc.GetMessageArchive)
  getMessageArchive(
    @Payload() req: MessageArchiveRequest,
    @Caller() caller: CallerContext,
  ): Promise<MessageArchiveReply> {
    return this.archives.get(caller, req);
  }

  @MessagePattern(MessageRpc.ReadArchiveChunk)
  readArchiveChunk(
    @Payload() req: ArchiveChunkRequest,
    @Caller() caller: CallerContext,
  ): Promise<ArchiveChunkReply> {
    return this.archives.readChunk(caller, req);
  }
}
