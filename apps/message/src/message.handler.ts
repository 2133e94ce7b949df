import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

import {
  C2cHistoryRequest,
  C2cMessageKeyRequest,
  C2cUnreadRequest,
  ConversationRequest,
  ConversationSeqRequest,
  ClearGroupHistoryRequest,
  SendBroadcastRequest,
  DeleteGroupBySenderRequest,
  DirtyWordsRequest,
  EditC2cByKeyRequest,
  EditMessageRequest,
  EmptyRequest,
  GroupHistoryRequest,
  GroupNotificationRequest,
  GetExtensionsRequest,
  GroupRecallRequest,
  GroupReceiptMembersRequest,
  GroupReceiptsRequest,
  GroupUnreadAnchorRequest,
  LineStatesRequest,
  ImportC2cRequest,
  ImportGroupMessagesRequest,
  ListConversationsRequest,
  MessageRpc,
  NotificationsRequest,
  PinConversationRequest,
  PullRequest,
  SendC2cBatchRequest,
  SendC2cRequest,
  SendGroupRequest,
  SetExtensionsRequest,
  SendReceiptsRequest,
  SetC2cReadRequest,
  SetGroupUnreadRequest,
  SyncRequest,
} from '@im/contracts';
import type {
  C2cHistoryReply,
  SendBroadcastReply,
  C2cUnreadReply,
  CallerContext,
  DirtyWordsReply,
  EmptyReply,
  GetExtensionsReply,
  GroupHistoryReply,
  GroupRecallReply,
  GroupReceiptMembersReply,
  GroupReceiptsReply,
  GroupUnreadAnchorReply,
  LineStatesReply,
  ImportGroupMessagesReply,
  ListConversationsReply,
  NotificationsReply,
  PullReply,
  ReadReply,
  SendC2cBatchReply,
  SendMessageReply,
  SendReceiptsReply,
  SetExtensionsReply,
  SyncReply,
} from '@im/contracts';
import { Caller } from '@im/platform';

import { BroadcastService } from './broadcast.service';
import { C2cSendService } from './c2c-send.service';
import { ConversationService } from './conversation.service';
import { DirtyWordsService } from './dirty-words.service';
import { GroupSendService } from './group-send.service';
import { GroupUnreadService } from './group-unread.service';
import { HistoryService } from './history.service';
import { NotificationService } from './notification.service';
import { ExtensionService } from './extension.service';
import { RecallService } from './recall.service';
import { ReceiptService } from './receipt.service';

const EMPTY: EmptyReply = {};

/**
 * NATS handlers: one `@MessagePattern(MessageRpc.X)` per subject, each receiving a validated
 * payload and the `@Caller()` and making one service call.
 */
@Controller()
export class MessageHandler {
  constructor(
    private readonly c2c: C2cSendService,
    private readonly groupSends: GroupSendService,
    private readonly conversations: ConversationService,
    private readonly history: HistoryService,
    private readonly recalls: RecallService,
    private readonly notifications: NotificationService,
    private readonly dirtyWords: DirtyWordsService,
    private readonly unread: GroupUnreadService,
    private readonly receipts: ReceiptService,
    private readonly extensions: ExtensionService,
    private readonly broadcasts: BroadcastService,
  ) {}

  @MessagePattern(MessageRpc.SendC2c)
  sendC2c(
    @Payload() req: SendC2cRequest,
    @Caller() caller: CallerContext,
  ): Promise<SendMessageReply> {
    return this.c2c.sendC2c(caller, req);
  }

  @MessagePattern(MessageRpc.SendGroup)
  sendGroup(
    @Payload() req: SendGroupRequest,
    @Caller() caller: CallerContext,
  ): Promise<SendMessageReply> {
    return this.groupSends.sendGroup(caller, req);
  }

  @MessagePattern(MessageRpc.Sync)
  sync(@Payload() req: SyncRequest, @Caller() caller: CallerContext): Promise<SyncReply> {
    return this.conversations.sync(caller, req);
  }

  @MessagePattern(MessageRpc.Pull)
  pull(@Payload() req: PullRequest, @Caller() caller: CallerContext): Promise<PullReply> {
    return this.history.pull(caller, req);
  }

  @MessagePattern(MessageRpc.Read)
  read(
    @Payload() req: ConversationSeqRequest,
    @Caller() caller: CallerContext,
  ): Promise<ReadReply> {
    return this.conversations.read(caller, req);
  }

  @MessagePattern(MessageRpc.Recall)
  async recall(
    @Payload() req: ConversationSeqRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.recalls.recall(caller, req);
    return EMPTY;
  }

  @MessagePattern(MessageRpc.SendReceipts)
  sendReceipts(
    @Payload() req: SendReceiptsRequest,
    @Caller() caller: CallerContext,
  ): Promise<SendReceiptsReply> {
    return this.receipts.sendReceipts(caller, req);
  }

  @MessagePattern(MessageRpc.GetGroupReceipts)
  groupReceipts(
    @Payload() req: GroupReceiptsRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupReceiptsReply> {
    return this.receipts.groupReceipts(caller, req);
  }

  @MessagePattern(MessageRpc.GetGroupReceiptMembers)
  groupReceiptMembers(
    @Payload() req: GroupReceiptMembersRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupReceiptMembersReply> {
    return this.receipts.groupReceiptMembers(caller, req);
  }

  @MessagePattern(MessageRpc.SetExtensions)
  setExtensions(
    @Payload() req: SetExtensionsRequest,
    @Caller() caller: CallerContext,
  ): Promise<SetExtensionsReply> {
    return this.extensions.setExtensions(caller, req);
  }

  @MessagePattern(MessageRpc.GetExtensions)
  getExtensions(
    @Payload() req: GetExtensionsRequest,
    @Caller() caller: CallerContext,
  ): Promise<GetExtensionsReply> {
    return this.extensions.getExtensions(caller, req);
  }

  @MessagePattern(MessageRpc.DeleteConversation)
  async deleteConversation(
    @Payload() req: ConversationRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.conversations.delete(caller, req);
    return EMPTY;
  }

  @MessagePattern(MessageRpc.PinConversation)
  async pinConversation(
    @Payload() req: PinConversationRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.conversations.pin(caller, req);
    return EMPTY;
  }

  @MessagePattern(MessageRpc.Edit)
  async edit(
    @Payload() req: EditMessageRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.recalls.edit(caller, req);
    return EMPTY;
  }

  @MessagePattern(MessageRpc.GetNotifications)
  getNotifications(
    @Payload() req: NotificationsRequest,
    @Caller() caller: CallerContext,
  ): Promise<NotificationsReply> {
    return this.notifications.list(caller, req);
  }

  @MessagePattern(MessageRpc.SendC2cBatch)
  sendC2cBatch(
    @Payload() req: SendC2cBatchRequest,
    @Caller() caller: CallerContext,
  ): Promise<SendC2cBatchReply> {
    return this.c2c.sendC2cBatch(caller, req);
  }

  @MessagePattern(MessageRpc.ImportC2c)
  async importC2c(
    @Payload() req: ImportC2cRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.c2c.importC2c(caller, req);
    return EMPTY;
  }

  @MessagePattern(MessageRpc.GetC2cHistory)
  getC2cHistory(
    @Payload() req: C2cHistoryRequest,
    @Caller() caller: CallerContext,
  ): Promise<C2cHistoryReply> {
    return this.history.c2cHistory(caller, req);
  }

  @MessagePattern(MessageRpc.RecallC2cByKey)
  async recallC2cByKey(
    @Payload() req: C2cMessageKeyRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.recalls.recallByKey(caller, req);
    return EMPTY;
  }

  @MessagePattern(MessageRpc.EditC2cByKey)
  async editC2cByKey(
    @Payload() req: EditC2cByKeyRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.recalls.editByKey(caller, req);
    return EMPTY;
  }

  @MessagePattern(MessageRpc.SetC2cRead)
  async setC2cRead(
    @Payload() req: SetC2cReadRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.conversations.setC2cRead(caller, req);
    return EMPTY;
  }

  @MessagePattern(MessageRpc.GetC2cUnread)
  getC2cUnread(
    @Payload() req: C2cUnreadRequest,
    @Caller() caller: CallerContext,
  ): Promise<C2cUnreadReply> {
    return this.conversations.c2cUnread(caller, req);
  }

  @MessagePattern(MessageRpc.RecallGroup)
  recallGroup(
    @Payload() req: GroupRecallRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupRecallReply> {
    return this.recalls.recallGroup(caller, req);
  }

  @MessagePattern(MessageRpc.ImportGroup)
  importGroup(
    @Payload() req: ImportGroupMessagesRequest,
    @Caller() caller: CallerContext,
  ): Promise<ImportGroupMessagesReply> {
    return this.groupSends.importGroup(caller, req);
  }

  @MessagePattern(MessageRpc.SetGroupUnread)
  async setGroupUnread(
    @Payload() req: SetGroupUnreadRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.conversations.setGroupUnread(caller, req);
    return EMPTY;
  }

  @MessagePattern(MessageRpc.DeleteGroupBySender)
  async deleteGroupBySender(
    @Payload() req: DeleteGroupBySenderRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.recalls.deleteGroupBySender(caller, req);
    return EMPTY;
  }

  @MessagePattern(MessageRpc.SendBroadcast)
  sendBroadcast(
    @Payload() req: SendBroadcastRequest,
    @Caller() caller: CallerContext,
  ): Promise<SendBroadcastReply> {
    return this.broadcasts.broadcast(caller, req);
  }

  @MessagePattern(MessageRpc.ClearGroupHistory)
  async clearGroupHistory(
    @Payload() req: ClearGroupHistoryRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.history.clearGroup(caller, req);
    return EMPTY;
  }

  @MessagePattern(MessageRpc.GetGroupHistory)
  getGroupHistory(
    @Payload() req: GroupHistoryRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupHistoryReply> {
    return this.history.groupHistory(caller, req);
  }

  @MessagePattern(MessageRpc.SendGroupNotification)
  async sendGroupNotification(
    @Payload() req: GroupNotificationRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.notifications.sendGroupNotification(caller, req);
    return EMPTY;
  }

  @MessagePattern(MessageRpc.ListConversations)
  listConversations(
    @Payload() req: ListConversationsRequest,
    @Caller() caller: CallerContext,
  ): Promise<ListConversationsReply> {
    return this.conversations.list(caller, req);
  }

  @MessagePattern(MessageRpc.GetDirtyWords)
  getDirtyWords(
    @Payload() _req: EmptyRequest,
    @Caller() caller: CallerContext,
  ): Promise<DirtyWordsReply> {
    return this.dirtyWords.list(caller);
  }

  @MessagePattern(MessageRpc.AddDirtyWords)
  async addDirtyWords(
    @Payload() req: DirtyWordsRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.dirtyWords.add(caller, req);
    return EMPTY;
  }

  @MessagePattern(MessageRpc.DeleteDirtyWords)
  async deleteDirtyWords(
    @Payload() req: DirtyWordsRequest,
    @Caller() caller: CallerContext,
  ): Promise<EmptyReply> {
    await this.dirtyWords.delete(caller, req);
    return EMPTY;
  }

  @MessagePattern(MessageRpc.GroupUnreadAnchor)
  groupUnreadAnchor(
    @Payload() req: GroupUnreadAnchorRequest,
    @Caller() caller: CallerContext,
  ): Promise<GroupUnreadAnchorReply> {
    return this.unread.anchor(caller, req);
  }

  @MessagePattern(MessageRpc.LineStates)
  lineStates(
    @Payload() req: LineStatesRequest,
    @Caller() caller: CallerContext,
  ): Promise<LineStatesReply> {
    return this.conversations.lineStates(caller, req);
  }
}
