/** Request/reply subjects served by the message service (queue group `message`). */
export const MessageRpc = {
  // --- clients (conn-gateway, role `user`) and the App admin
  /** One C2C message (clients: from = caller; admin: any existing sender). */
  SendC2c: 'message.rpc.send-c2c',
  /** One group message. */
  SendGroup: 'message.rpc.send-group',
  /** Conversations of the caller changed since a cursor, with last seq and unread. */
  Sync: 'message.rpc.sync',
  /** Messages of one conversation in a seq range (history, gap-fill after a reconnect). */
  Pull: 'message.rpc.pull',
  /** The caller read a conversation up to a seq. */
  Read: 'message.rpc.read',
  /** Recall a message (replaced by a recall mark; online clients told). */
  Recall: 'message.rpc.recall',
  /** Remove a conversation from the caller's list (messages stay, MSG-3). */
  DeleteConversation: 'message.rpc.delete-conversation',
  /** Read receipts for messages (client `msg.send-receipt`; c2c_msg_read_receipt, group_msg_receipt). */
  SendReceipts: 'message.rpc.send-receipts',
  /** Read / unread counts of group messages (client `msg.get-receipts`; get_group_msg_receipt). */
  GetGroupReceipts: 'message.rpc.get-group-receipts',
  /** Who read / did not read a group message, paged (get_group_msg_receipt_detail). */
  GetGroupReceiptMembers: 'message.rpc.get-group-receipt-members',
  /** Set / delete / clear message extensions (client `msg.set-extensions`; *set_key_values). */
  SetExtensions: 'message.rpc.set-extensions',
  /** Message extensions (client `msg.get-extensions`; get_key_values, group_get_key_values). */
  GetExtensions: 'message.rpc.get-extensions',
  /** Client command `conv.pin`: pin a conversation to the top of the list, or unpin it. */
  PinConversation: 'message.rpc.pin-conversation',
  /** recentcontact/*_contact_group, mark_contact; client `conv.group-*`, `conv.mark`. */
  CreateContactGroup: 'message.rpc.create-contact-group',
  UpdateContactGroup: 'message.rpc.update-contact-group',
  DeleteContactGroups: 'message.rpc.delete-contact-groups',
  GetContactGroups: 'message.rpc.get-contact-groups',
  SearchContactGroups: 'message.rpc.search-contact-groups',
  MarkContacts: 'message.rpc.mark-contacts',
  /** Edit a stored message (own messages; the App admin any): push `msg.modified`. */
  Edit: 'message.rpc.edit',
  /** The caller's system notifications after an id (MSG-25, AMB-35). */
  GetNotifications: 'message.rpc.get-notifications',

  // --- REST commands (App admin)
  /** openim/batchsendmsg */
  SendC2cBatch: 'message.rpc.send-c2c-batch',
  /** openim/importmsg */
  ImportC2c: 'message.rpc.import-c2c',
  /** openim/admin_getroammsg */
  GetC2cHistory: 'message.rpc.get-c2c-history',
  /** openim/admin_msgwithdraw */
  RecallC2cByKey: 'message.rpc.recall-c2c-by-key',
  /** openim/modify_c2c_msg */
  EditC2cByKey: 'message.rpc.edit-c2c-by-key',
  /** openim/admin_set_msg_read */
  SetC2cRead: 'message.rpc.set-c2c-read',
  /** openim/get_c2c_unread_msg_num */
  GetC2cUnread: 'message.rpc.get-c2c-unread',
  /** group_open_http_svc/group_msg_recall */
  RecallGroup: 'message.rpc.recall-group',
  /** group_open_http_svc/import_group_msg */
  ImportGroup: 'message.rpc.import-group',
  /** group_open_http_svc/set_unread_msg_num */
  SetGroupUnread: 'message.rpc.set-group-unread',
  /** group_open_http_svc/delete_group_msg_by_sender */
  DeleteGroupBySender: 'message.rpc.delete-group-by-sender',
  /** group_open_http_svc/send_broadcast_msg */
  SendBroadcast: 'message.rpc.send-broadcast',
  /** group_open_http_svc/clear_group_msg */
  ClearGroupHistory: 'message.rpc.clear-group-history',
  /** group_open_http_svc/group_msg_get_simple */
  GetGroupHistory: 'message.rpc.get-group-history',
  /** group_open_http_svc/send_group_system_notification */
  SendGroupNotification: 'message.rpc.send-group-notification',
  /** recentcontact/get_list (recentcontact/delete is DeleteConversation with `userId`). */
  ListConversations: 'message.rpc.list-conversations',
  /** openim_dirty_words/get, add, delete */
  GetDirtyWords: 'message.rpc.get-dirty-words',
  AddDirtyWords: 'message.rpc.add-dirty-words',
  DeleteDirtyWords: 'message.rpc.delete-dirty-words',
  /** im_msg_audit_mgr/*: the app's keyword lists (local = the sensitive words, cloud libraries). */
  ListAuditLibs: 'message.rpc.list-audit-libs',
  ListAuditKeywords: 'message.rpc.list-audit-keywords',
  AddAuditKeywords: 'message.rpc.add-audit-keywords',
  DeleteAuditKeywords: 'message.rpc.delete-audit-keywords',
  /** im_msg_audit/content_moderation, batch_content_moderation (text). */
  ModerateContents: 'message.rpc.moderate-contents',
  /** openim/modify_group_msg: push `msg.modified` to the members online. */
  ModifyGroupMessage: 'message.rpc.modify-group-message',
  /** openim/delete_c2c_msg_ramble: push `msg.deleted` to the operator's devices. */
  DeleteC2cMessages: 'message.rpc.delete-c2c-messages',
  /** open_msg_svc/get_history: the hour's archive files (built on first request). */
  GetMessageArchive: 'message.rpc.get-message-archive',
  /** A chunk of an archive file (the api-gateway's download route). */
  ReadArchiveChunk: 'message.rpc.read-archive-chunk',

  // --- other services
  /** Read positions for unread counts against the group's line now (import_group_member). */
  GroupUnreadAnchor: 'message.rpc.group-unread-anchor',
  /** A member's read seq, unread and last message in group lines (get_topic's SelfInfo, LastMsg). */
  LineStates: 'message.rpc.line-states',
} as const;

/** Facts the message service publishes (JetStream stream `MESSAGE_EVENTS`). */
export const MessageEvt = {
  /** A message was stored (after-send callbacks, statistics). */
  Sent: 'message.evt.sent',
  /** Recipients who were offline: the push service sends offline pushes. */
  OfflinePushRequested: 'message.evt.offline-push-requested',
  Recalled: 'message.evt.recalled',
  Read: 'message.evt.read',
  /** New read receipts of single messages (Group.CallbackAfterReadReceipt). */
  ReceiptsSent: 'message.evt.receipts-sent',
  /** Message extensions changed (C2C.CallbackAfterC2CMsgExtension). */
  ExtensionsChanged: 'message.evt.extensions-changed',
  /** openim_dirty_words add / delete changed the app's word list (caches drop it). */
  DirtyWordsChanged: 'message.evt.dirty-words-changed',
} as const;
