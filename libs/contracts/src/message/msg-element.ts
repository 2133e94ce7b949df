import { IsIn, IsObject } from 'class-validator';

/** Element types of docs/rest-api.md §2.1 (TIMRelayElem accepted as opaque). */
export const MsgTypes = [
  'TIMTextElem',
  'TIMLocationElem',
  'TIMFaceElem',
  'TIMCustomElem',
  'TIMSoundElem',
  'TIMImageElem',
  'TIMFileElem',
  'TIMVideoFileElem',
  'TIMRelayElem',
] as const;
export type MsgType = (typeof MsgTypes)[number];

/**
 * One element of a message body, with Tencent's field names on every wire (REST, client
 * protocol, storage) so bodies pass through unchanged. The message service checks each
 * type's fields and the 12 KB body limit.
 */
export class MsgElement {
  @IsIn(MsgTypes)
  MsgType!: MsgType;

  @IsObject()
  MsgContent!: Record<string, unknown>;
}

export const MessageLimits = {
  /** One message body as JSON (docs/requirements.md AMB-36). */
  bodyMaxBytes: 12 * 1024,
  /** batchsendmsg recipients. */
  batchMaxRecipients: 500,
  /** Offline retention, seconds (MsgLifeTime). */
  maxLifeTimeSeconds: 604_800,
  /** Messages per pull. */
  pullMaxMessages: 100,
  /** msg.sync `withMessages`: at most this many unread messages per conversation. */
  syncInlineMaxPerConversation: 100,
  /** msg.sync `withMessages`: at most this many messages in one answer (then `messagesCut`). */
  syncInlineMaxMessages: 500,
  /** msg.sync `withMessages`: the inline messages of one answer stop at about this many bytes. */
  syncInlineMaxBytes: 256 * 1024,
  /** A client may recall its own message within this many seconds (20016 / 10031 after). */
  recallWindowSeconds: 120,
  /** import_group_msg messages per call. */
  importGroupMaxMessages: 20,
  /** group_msg_get_simple ReqMsgNumber. */
  groupHistoryMaxMessages: 20,
  /** group_msg_recall MsgSeqList. */
  groupRecallMax: 10,
  /** get_c2c_unread_msg_num Peer_Account. */
  c2cUnreadMaxPeers: 10,
  /** recentcontact/get_list page. */
  conversationPageMax: 100,
  /** Conversations one user may pin to the top (Tencent: 50, not raised). */
  pinnedConversationsMax: 50,
  /** openim_dirty_words add/delete per call, bytes per word, words per app. */
  dirtyWordsPerCall: 50,
  dirtyWordMaxBytes: 200,
  dirtyWordsMax: 5000,
  /** send_group_system_notification ToMembers_Account. */
  notificationMaxMembers: 500,
  /** delete_c2c_msg_ramble MsgKeyList. */
  deleteC2cMaxKeys: 30,
  /** Conversation groups per user (51010), bytes per group name (51011). */
  contactGroupsMax: 20,
  contactGroupNameMaxBytes: 32,
  /** Conversations a user may mark or group (51008). */
  contactMarkedMax: 1000,
  /** Conversations per create/update/search_contact_group call (51006), MarkItem per call. */
  contactItemsPerCall: 100,
  markItemsPerCall: 100,
  /** Bytes of a custom conversation mark. */
  customMarkMaxBytes: 256,
  /** Moderation: keyword-list pages, keywords added per call (2016), bytes per keyword and
   * per moderated content, contents per batch. */
  auditPageMax: 100,
  auditKeywordsPerCall: 100,
  auditKeywordMaxBytes: 200,
  auditKeywordsPerLib: 5000,
  auditContentMaxBytes: 8 * 1024,
  auditBatchMax: 10,
  /** get_contact_group page. */
  contactGroupPageSize: 100,
} as const;
