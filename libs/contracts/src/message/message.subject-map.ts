import type { Rpc } from '../common';
import type { PinConversationRequest } from './pin-conversation.request';
import type {
  ListAuditKeywordsReply,
  ListAuditLibsReply,
  ModerateContentsReply,
} from './audit.reply';
import type {
  AddAuditKeywordsRequest,
  DeleteAuditKeywordsRequest,
  ListAuditKeywordsRequest,
  ListAuditLibsRequest,
  ModerateContentsRequest,
} from './audit.request';
import type {
  ContactGroupsReply,
  CreateContactGroupReply,
  DeleteContactGroupsReply,
  MarkContactsReply,
  UpdateContactGroupReply,
} from './contact-groups.reply';
import type {
  CreateContactGroupRequest,
  DeleteContactGroupsRequest,
  GetContactGroupsRequest,
  MarkContactsRequest,
  SearchContactGroupsRequest,
  UpdateContactGroupRequest,
} from './contact-groups.request';
import type { ArchiveChunkReply } from './archive-chunk.reply';
import type { ArchiveChunkRequest } from './archive-chunk.request';
import type { C2cHistoryReply } from './c2c-history.reply';
import type { C2cHistoryRequest } from './c2c-history.request';
import type { C2cMessageKeyRequest } from './c2c-message-key.request';
import type { C2cUnreadReply } from './c2c-unread.reply';
import type { C2cUnreadRequest } from './c2c-unread.request';
import type { GroupUnreadAnchorReply } from './group-unread-anchor.reply';
import type { GroupUnreadAnchorRequest } from './group-unread-anchor.request';
import type { LineStatesReply } from './line-states.reply';
import type { LineStatesRequest } from './line-states.request';
import type { ConversationReadEvent } from './conversation-read.event';
import type { DirtyWordsChangedEvent } from './dirty-words-changed.event';
import type { ConversationSeqRequest } from './conversation-seq.request';
import type { ConversationRequest } from './conversation.request';
import type { ClearGroupHistoryRequest } from './clear-group-history.request';
import type { SendBroadcastReply } from './send-broadcast.reply';
import type { SendBroadcastRequest } from './send-broadcast.request';
import type { DeleteGroupBySenderRequest } from './delete-group-by-sender.request';
import type { DeleteC2cMessagesReply } from './delete-c2c-messages.reply';
import type { DeleteC2cMessagesRequest } from './delete-c2c-messages.request';
import type { DirtyWordsReply } from './dirty-words.reply';
import type { DirtyWordsRequest } from './dirty-words.request';
import type { EditC2cByKeyRequest } from './edit-c2c-by-key.request';
import type { EditMessageRequest } from './edit-message.request';
import type { EmptyReply } from './empty.reply';
import type { EmptyRequest } from './empty.request';
import type { GroupHistoryReply } from './group-history.reply';
import type { GroupHistoryRequest } from './group-history.request';
import type { GroupNotificationRequest } from './group-notification.request';
import type { GroupReceiptMembersReply } from './group-receipt-members.reply';
import type { GroupReceiptMembersRequest } from './group-receipt-members.request';
import type { GroupReceiptsReply } from './group-receipts.reply';
import type { GroupReceiptsRequest } from './group-receipts.request';
import type { SendReceiptsReply } from './send-receipts.reply';
import type { SendReceiptsRequest } from './send-receipts.request';
import type { GetExtensionsReply } from './get-extensions.reply';
import type { GetExtensionsRequest } from './get-extensions.request';
import type { SetExtensionsReply } from './set-extensions.reply';
import type { SetExtensionsRequest } from './set-extensions.request';
import type { GroupRecallReply } from './group-recall.reply';
import type { GroupRecallRequest } from './group-recall.request';
import type { ImportC2cRequest } from './import-c2c.request';
import type { ImportGroupMessagesReply } from './import-group-messages.reply';
import type { ImportGroupMessagesRequest } from './import-group-messages.request';
import type { ListConversationsReply } from './list-conversations.reply';
import type { ListConversationsRequest } from './list-conversations.request';
import type { MessageArchiveReply } from './message-archive.reply';
import type { MessageArchiveRequest } from './message-archive.request';
import type { MessageRecalledEvent } from './message-recalled.event';
import type { MessageSentEvent } from './message-sent.event';
import { MessageEvt, MessageRpc } from './message.subjects';
import type { ModifyGroupMessageRequest } from './modify-group-message.request';
import type { NotificationsReply } from './notifications.reply';
import type { NotificationsRequest } from './notifications.request';
import type { OfflinePushRequestedEvent } from './offline-push-requested.event';
import type { PullReply } from './pull.reply';
import type { PullRequest } from './pull.request';
import type { ExtensionsChangedEvent } from './extensions-changed.event';
import type { ReadReply } from './read.reply';
import type { ReceiptsSentEvent } from './receipts-sent.event';
import type { SendC2cBatchReply } from './send-c2c-batch.reply';
import type { SendC2cBatchRequest } from './send-c2c-batch.request';
import type { SendC2cRequest } from './send-c2c.request';
import type { SendGroupRequest } from './send-group.request';
import type { SendMessageReply } from './send-message.reply';
import type { SetC2cReadRequest } from './set-c2c-read.request';
import type { SetGroupUnreadRequest } from './set-group-unread.request';
import type { SyncReply } from './sync.reply';
import type { SyncRequest } from './sync.request';

/** The message service's request/reply subjects with their types. */
export interface MessageRpcMap {
  [MessageRpc.SendC2c]: Rpc<SendC2cRequest, SendMessageReply>;
  [MessageRpc.SendGroup]: Rpc<SendGroupRequest, SendMessageReply>;
  [MessageRpc.Sync]: Rpc<SyncRequest, SyncReply>;
  [MessageRpc.Pull]: Rpc<PullRequest, PullReply>;
  [MessageRpc.Read]: Rpc<ConversationSeqRequest, ReadReply>;
  [MessageRpc.Recall]: Rpc<ConversationSeqRequest, EmptyReply>;
  [MessageRpc.SetExtensions]: Rpc<SetExtensionsRequest, SetExtensionsReply>;
  [MessageRpc.GetExtensions]: Rpc<GetExtensionsRequest, GetExtensionsReply>;
  [MessageRpc.SendReceipts]: Rpc<SendReceiptsRequest, SendReceiptsReply>;
  [MessageRpc.GetGroupReceipts]: Rpc<GroupReceiptsRequest, GroupReceiptsReply>;
  [MessageRpc.GetGroupReceiptMembers]: Rpc<GroupReceiptMembersRequest, GroupReceiptMembersReply>;
  [MessageRpc.DeleteConversation]: Rpc<ConversationRequest, EmptyReply>;
  [MessageRpc.PinConversation]: Rpc<PinConversationRequest, EmptyReply>;
  [MessageRpc.CreateContactGroup]: Rpc<CreateContactGroupRequest, CreateContactGroupReply>;
  [MessageRpc.UpdateContactGroup]: Rpc<UpdateContactGroupRequest, UpdateContactGroupReply>;
  [MessageRpc.DeleteContactGroups]: Rpc<DeleteContactGroupsRequest, DeleteContactGroupsReply>;
  [MessageRpc.GetContactGroups]: Rpc<GetContactGroupsRequest, ContactGroupsReply>;
  [MessageRpc.SearchContactGroups]: Rpc<SearchContactGroupsRequest, ContactGroupsReply>;
  [MessageRpc.MarkContacts]: Rpc<MarkContactsRequest, MarkContactsReply>;
  [MessageRpc.ListAuditLibs]: Rpc<ListAuditLibsRequest, ListAuditLibsReply>;
  [MessageRpc.ListAuditKeywords]: Rpc<ListAuditKeywordsRequest, ListAuditKeywordsReply>;
  [MessageRpc.AddAuditKeywords]: Rpc<AddAuditKeywordsRequest, EmptyReply>;
  [MessageRpc.DeleteAuditKeywords]: Rpc<DeleteAuditKeywordsRequest, EmptyReply>;
  [MessageRpc.ModerateContents]: Rpc<ModerateContentsRequest, ModerateContentsReply>;
  [MessageRpc.Edit]: Rpc<EditMessageRequest, EmptyReply>;
  [MessageRpc.GetNotifications]: Rpc<NotificationsRequest, NotificationsReply>;
  [MessageRpc.SendC2cBatch]: Rpc<SendC2cBatchRequest, SendC2cBatchReply>;
  [MessageRpc.ImportC2c]: Rpc<ImportC2cRequest, EmptyReply>;
  [MessageRpc.GetC2cHistory]: Rpc<C2cHistoryRequest, C2cHistoryReply>;
  [MessageRpc.RecallC2cByKey]: Rpc<C2cMessageKeyRequest, EmptyReply>;
  [MessageRpc.EditC2cByKey]: Rpc<EditC2cByKeyRequest, EmptyReply>;
  [MessageRpc.SetC2cRead]: Rpc<SetC2cReadRequest, EmptyReply>;
  [MessageRpc.GetC2cUnread]: Rpc<C2cUnreadRequest, C2cUnreadReply>;
  [MessageRpc.RecallGroup]: Rpc<GroupRecallRequest, GroupRecallReply>;
  [MessageRpc.ImportGroup]: Rpc<ImportGroupMessagesRequest, ImportGroupMessagesReply>;
  [MessageRpc.SetGroupUnread]: Rpc<SetGroupUnreadRequest, EmptyReply>;
  [MessageRpc.DeleteGroupBySender]: Rpc<DeleteGroupBySenderRequest, EmptyReply>;
  [MessageRpc.ClearGroupHistory]: Rpc<ClearGroupHistoryRequest, EmptyReply>;
  [MessageRpc.SendBroadcast]: Rpc<SendBroadcastRequest, SendBroadcastReply>;
  [MessageRpc.GetGroupHistory]: Rpc<GroupHistoryRequest, GroupHistoryReply>;
  [MessageRpc.SendGroupNotification]: Rpc<GroupNotificationRequest, EmptyReply>;
  [MessageRpc.ListConversations]: Rpc<ListConversationsRequest, ListConversationsReply>;
  [MessageRpc.GetDirtyWords]: Rpc<EmptyRequest, DirtyWordsReply>;
  [MessageRpc.AddDirtyWords]: Rpc<DirtyWordsRequest, EmptyReply>;
  [MessageRpc.DeleteDirtyWords]: Rpc<DirtyWordsRequest, EmptyReply>;
  [MessageRpc.GroupUnreadAnchor]: Rpc<GroupUnreadAnchorRequest, GroupUnreadAnchorReply>;
  [MessageRpc.LineStates]: Rpc<LineStatesRequest, LineStatesReply>;
  [MessageRpc.ModifyGroupMessage]: Rpc<ModifyGroupMessageRequest, EmptyReply>;
  [MessageRpc.DeleteC2cMessages]: Rpc<DeleteC2cMessagesRequest, DeleteC2cMessagesReply>;
  [MessageRpc.GetMessageArchive]: Rpc<MessageArchiveRequest, MessageArchiveReply>;
  [MessageRpc.ReadArchiveChunk]: Rpc<ArchiveChunkRequest, ArchiveChunkReply>;
}

/** The message service's events with their types. */
export interface MessageEventMap {
  [MessageEvt.Sent]: MessageSentEvent;
  [MessageEvt.OfflinePushRequested]: OfflinePushRequestedEvent;
  [MessageEvt.Recalled]: MessageRecalledEvent;
  [MessageEvt.Read]: ConversationReadEvent;
  [MessageEvt.ReceiptsSent]: ReceiptsSentEvent;
  [MessageEvt.ExtensionsChanged]: ExtensionsChangedEvent;
  [MessageEvt.DirtyWordsChanged]: DirtyWordsChangedEvent;
}
