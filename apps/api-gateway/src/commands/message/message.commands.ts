import { c2cMsgId, ConversationIds, ErrorCode, MessageLimits, MessageRpc } from '@im/contracts';

import { RestFailure } from '../../rest/envelope.mapper';
import { restCommand } from '../../rest/rest-command.model';
import type { RestCommand } from '../../rest/rest-command.model';
import { AdminGetRoamMsgDto } from './admin-getroammsg.dto';
import { AdminSetMsgReadDto } from './admin-set-msg-read.dto';
import { BatchSendMsgDto } from './batchsendmsg.dto';
import { C2cMsgReadReceiptDto } from './c2c-msg-read-receipt.dto';
import {
  ARCHIVE_LINK_TTL_SECONDS,
  archiveUrl,
  formatExpireTime,
} from '../../rest/archive-link.rules';
import { DeleteC2cMsgRambleDto } from './delete-c2c-msg-ramble.dto';
import { ClearGroupMsgDto } from './clear-group-msg.dto';
import { SendBroadcastMsgDto } from './send-broadcast-msg.dto';
import { DeleteGroupMsgBySenderDto } from './delete-group-msg-by-sender.dto';
import { DirtyWordsDto } from './dirty-words.dto';
import { GetC2cUnreadMsgNumDto } from './get-c2c-unread-msg-num.dto';
import { GetHistoryDto } from './get-history.dto';
import { GetGroupMsgReceiptDetailDto } from './get-group-msg-receipt-detail.dto';
import { GroupMsgGetSimpleDto } from './group-msg-get-simple.dto';
import { GetGroupMsgReceiptDto, GroupMsgReceiptDto } from './group-msg-receipt.dto';
import { GroupMsgRecallDto } from './group-msg-recall.dto';
import { ImportGroupMsgDto } from './import-group-msg.dto';
import { ImportMsgDto } from './importmsg.dto';
import { MessageMapper } from './message.mapper';
import { ModifyC2cMsgDto } from './modify-c2c-msg.dto';
import { ModifyGroupMsgDto } from './modify-group-msg.dto';
import { MsgKeyDto } from './msg-key.dto';
import { NoFieldsDto } from './no-fields.dto';
import { CreateContactGroupDto } from './create-contact-group.dto';
import { DelContactGroupDto } from './del-contact-group.dto';
import { GetContactGroupDto } from './get-contact-group.dto';
import { MarkContactDto } from './mark-contact.dto';
import { RecentContactDeleteDto } from './recentcontact-delete.dto';
import { SearchContactGroupDto } from './search-contact-group.dto';
import { UpdateContactGroupDto } from './update-contact-group.dto';
import { RecentContactGetListDto } from './recentcontact-get-list.dto';
import { SendGroupMsgDto } from './send-group-msg.dto';
import { SendGroupSystemNotificationDto } from './send-group-system-notification.dto';
import { SendMsgDto } from './sendmsg.dto';
import { SetUnreadMsgNumDto } from './set-unread-msg-num.dto';

const OPENIM = 'openim';
const GROUP = 'group_open_http_svc';
const CONTACTS = 'recentcontact';
const DIRTY_WORDS = 'openim_dirty_words';
const MSG_ARCHIVE = 'open_msg_svc';

/**
 * Message commands (docs/rest-api.md §4, the message commands of §7, recentcontact, §9.1 dirty
 * words): served by the message service.
 */
export const messageCommands: RestCommand[] = [
  // --- openim (docs/rest-api.md §4)
  restCommand({
    service: OPENIM,
    command: 'sendmsg',
    dto: SendMsgDto,
    subject: MessageRpc.SendC2c,
    toRequest: (d) => ({
      ...MessageMapper.c2cOptions(d),
      to: d.To_Account,
      body: d.MsgBody,
      msgTime: d.MsgTimeStamp,
    }),
    toResponse: (r, d, ctx) => ({
      MsgTime: r.time,
      MsgKey: r.msgKey,
      MsgId: c2cMsgId({
        from: d.From_Account ?? ctx.identifier,
        time: r.time,
        random: d.MsgRandom,
      }),
    }),
  }),
  restCommand({
    service: OPENIM,
    command: 'batchsendmsg',
    dto: BatchSendMsgDto,
    subject: MessageRpc.SendC2cBatch,
    toRequest: (d) => ({ ...MessageMapper.c2cOptions(d), to: d.To_Account, body: d.MsgBody }),
    toResponse: (r, d, ctx) => ({
      MsgKey: r.msgKey,
      MsgId: c2cMsgId({
        from: d.From_Account ?? ctx.identifier,
        time: r.time,
        random: d.MsgRandom,
      }),
      ErrorList: r.errors.map((e) => ({ To_Account: e.userId, ErrorCode: e.code })),
    }),
  }),
  restCommand({
    service: OPENIM,
    command: 'importmsg',
    dto: ImportMsgDto,
    subject: MessageRpc.ImportC2c,
    toRequest: (d) => ({
      mode: d.SyncFromOldSystem,
      from: d.From_Account,
      to: d.To_Account,
      clientSeq: d.MsgSeq,
      random: d.MsgRandom,
      msgTime: d.MsgTimeStamp,
      body: d.MsgBody,
      cloudCustomData: d.CloudCustomData,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: OPENIM,
    command: 'admin_getroammsg',
    dto: AdminGetRoamMsgDto,
    aliases: { From_Account: 'Operator_Account', To_Account: 'Peer_Account' },
    subject: MessageRpc.GetC2cHistory,
    toRequest: (d) => ({
      userId: d.Operator_Account,
      peerId: d.Peer_Account,
      maxCount: Math.min(d.MaxCnt, 1000),
      minTime: d.MinTime,
      maxTime: d.MaxTime,
      lastMsgKey: d.LastMsgKey,
    }),
    toResponse: (r) => ({
      Complete: r.isComplete ? 1 : 0,
      MsgCnt: r.messages.length,
      LastMsgTime: r.lastTime,
      LastMsgKey: r.lastMsgKey,
      MsgList: r.messages.map(MessageMapper.roamItem),
    }),
  }),
  restCommand({
    service: OPENIM,
    command: 'admin_msgwithdraw',
    dto: MsgKeyDto,
    subject: MessageRpc.RecallC2cByKey,
    toRequest: (d) => ({ from: d.From_Account, to: d.To_Account, msgKey: d.MsgKey }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: OPENIM,
    command: 'admin_set_msg_read',
    dto: AdminSetMsgReadDto,
    subject: MessageRpc.SetC2cRead,
    toRequest: (d) => ({
      userId: d.Report_Account,
      peerId: d.Peer_Account,
      readTime: d.MsgReadTime,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: OPENIM,
    command: 'c2c_msg_read_receipt',
    dto: C2cMsgReadReceiptDto,
    subject: MessageRpc.SendReceipts,
    toRequest: (d) => {
      for (const m of d.C2CMsgInfo)
        if (m.From_Account !== d.Peer_Account || m.To_Account !== d.Operator_Account)
          throw new RestFailure(
            ErrorCode.C2cInvalidPacket,
            'C2CMsgInfo: From_Account must be Peer_Account and To_Account Operator_Account',
          );
      return {
        convId: ConversationIds.c2c(d.Operator_Account, d.Peer_Account),
        userId: d.Operator_Account,
        msgKeys: d.C2CMsgInfo.map((m) => m.MsgKey),
      };
    },
    toResponse: () => ({}),
  }),
  restCommand({
    service: OPENIM,
    command: 'get_c2c_unread_msg_num',
    dto: GetC2cUnreadMsgNumDto,
    subject: MessageRpc.GetC2cUnread,
    toRequest: (d) => ({ userId: d.To_Account, peerIds: d.Peer_Account }),
    toResponse: (r, d) => ({
      AllC2CUnreadMsgNum: r.total,
      ...(d.Peer_Account !== undefined && {
        C2CUnreadMsgNumList: r.peers.map((p) => ({
          Peer_Account: p.peerId,
          C2CUnreadMsgNum: p.unread,
        })),
      }),
      ErrorList: r.errors.map((e) => ({ Peer_Account: e.userId, ErrorCode: e.code })),
    }),
  }),
  restCommand({
    service: OPENIM,
    command: 'modify_c2c_msg',
    dto: ModifyC2cMsgDto,
    subject: MessageRpc.EditC2cByKey,
    toRequest: (d) => ({
      from: d.From_Account,
      to: d.To_Account,
      msgKey: d.MsgKey,
      body: d.MsgBody,
      cloudCustomData: d.CloudCustomData,
    }),
    toResponse: () => ({}),
  }),

  // --- group_open_http_svc (docs/rest-api.md §7.14 … §7.23)
  restCommand({
    service: GROUP,
    command: 'send_group_msg',
    dto: SendGroupMsgDto,
    aliases: { MsgOnlineOnlyFlag: 'OnlineOnlyFlag' },
    subject: MessageRpc.SendGroup,
    toRequest: (d) => MessageMapper.groupSend(d),
    toResponse: (r) => ({ MsgTime: r.time, MsgSeq: r.seq }),
  }),
  restCommand({
    service: GROUP,
    command: 'send_group_system_notification',
    dto: SendGroupSystemNotificationDto,
    subject: MessageRpc.SendGroupNotification,
    toRequest: (d) => ({ groupId: d.GroupId, content: d.Content, toMembers: d.ToMembers_Account }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'group_msg_recall',
    dto: GroupMsgRecallDto,
    subject: MessageRpc.RecallGroup,
    toRequest: (d) => ({
      groupId: MessageMapper.lineOf(d, ErrorCode.GroupInvalidParameter),
      seqs: d.MsgSeqList.map((i) => i.MsgSeq),
      reason: d.Reason,
    }),
    toResponse: (r) => ({
      RecallRetList: r.results.map((i) => ({ MsgSeq: i.seq, RetCode: i.code })),
    }),
  }),
  restCommand({
    service: GROUP,
    command: 'group_msg_receipt',
    dto: GroupMsgReceiptDto,
    subject: MessageRpc.SendReceipts,
    toRequest: (d) => ({
      convId: ConversationIds.group(d.GroupId),
      userId: d.Operator_Account,
      seqs: d.MsgSeqList.map((i) => i.MsgSeq),
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'get_group_msg_receipt',
    dto: GetGroupMsgReceiptDto,
    subject: MessageRpc.GetGroupReceipts,
    toRequest: (d) => ({ groupId: d.GroupId, seqs: d.MsgSeqList.map((i) => i.MsgSeq) }),
    toResponse: (r) => ({
      GroupMsgReceiptList: r.receipts.map((c) => ({
        MsgSeq: c.seq,
        ReadNum: c.readNum,
        UnreadNum: c.unreadNum,
      })),
    }),
  }),
  restCommand({
    service: GROUP,
    command: 'get_group_msg_receipt_detail',
    dto: GetGroupMsgReceiptDetailDto,
    subject: MessageRpc.GetGroupReceiptMembers,
    toRequest: (d) => ({
      groupId: d.GroupId,
      seq: d.MsgSeq,
      filter: d.Filter === 0 ? 'read' : 'unread',
      cursor: d.Cursor,
      count: d.Count,
    }),
    toResponse: (r, d) => ({
      GroupId: d.GroupId,
      MsgSeq: d.MsgSeq,
      ReadNum: r.readNum,
      UnreadNum: r.unreadNum,
      [d.Filter === 0 ? 'ReadList' : 'UnreadList']: r.members.map((m) => ({ Member_Account: m })),
      Cursor: r.cursor,
      IsFinish: r.isFinished ? 1 : 0,
    }),
  }),
  restCommand({
    service: GROUP,
    command: 'import_group_msg',
    dto: ImportGroupMsgDto,
    subject: MessageRpc.ImportGroup,
    toRequest: (d) => ({
      groupId: d.GroupId,
      messages: d.MsgList.map((m) => ({
        from: m.From_Account,
        sendTime: m.SendTime,
        random: m.Random,
        body: m.MsgBody,
      })),
      updateConversations: d.RecentContactFlag === 1,
    }),
    toResponse: (r) => ({
      ImportMsgResult: r.results.map((i) => ({ MsgSeq: i.seq, MsgTime: i.time, Result: i.code })),
    }),
  }),
  restCommand({
    service: GROUP,
    command: 'set_unread_msg_num',
    dto: SetUnreadMsgNumDto,
    subject: MessageRpc.SetGroupUnread,
    toRequest: (d) => ({ groupId: d.GroupId, userId: d.Member_Account, unread: d.UnreadMsgNum }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'delete_group_msg_by_sender',
    dto: DeleteGroupMsgBySenderDto,
    subject: MessageRpc.DeleteGroupBySender,
    toRequest: (d) => ({ groupId: d.GroupId, senderId: d.Sender_Account }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'send_broadcast_msg',
    dto: SendBroadcastMsgDto,
    subject: MessageRpc.SendBroadcast,
    toRequest: (d) => ({
      from: d.From_Account,
      random: d.Random,
      body: d.MsgBody,
      cloudCustomData: d.CloudCustomData,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'clear_group_msg',
    dto: ClearGroupMsgDto,
    subject: MessageRpc.ClearGroupHistory,
    toRequest: (d) => ({ groupId: d.GroupId, msgSeq: d.MsgSeq }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: GROUP,
    command: 'group_msg_get_simple',
    dto: GroupMsgGetSimpleDto,
    subject: MessageRpc.GetGroupHistory,
    toRequest: (d) => ({
      groupId: MessageMapper.lineOf(d, ErrorCode.GroupInvalidParameter),
      count: d.ReqMsgNumber,
      maxSeq: d.ReqMsgSeq,
      withRecalled: d.WithRecalledMsg === 1,
    }),
    toResponse: (r, d) => ({
      GroupId: d.GroupId,
      ...(d.TopicId !== undefined && { TopicId: d.TopicId }),
      IsFinished: r.finished,
      RspMsgList: r.items.map(MessageMapper.groupHistoryItem),
    }),
  }),

  // --- recentcontact (docs/rest-api.md §9.6)
  restCommand({
    service: CONTACTS,
    command: 'get_list',
    dto: RecentContactGetListDto,
    subject: MessageRpc.ListConversations,
    toRequest: (d) => ({
      userId: d.From_Account,
      time: d.TimeStamp ?? 0,
      index: d.StartIndex ?? 0,
      limit: MessageLimits.conversationPageMax,
      pinnedFirst: MessageMapper.pinnedFirst(d.AssistFlags),
      topTime: d.TopTimeStamp ?? 0,
      topIndex: d.TopStartIndex ?? 0,
    }),
    toResponse: (r, d) => ({
      CompleteFlag: r.isComplete ? 1 : 0,
      TimeStamp: r.time,
      StartIndex: r.index,
      TopTimeStamp: r.topTime,
      TopStartIndex: r.topIndex,
      SessionItem: r.items.map((i) => ({
        Type: i.type === 'C2C' ? 1 : 2,
        ...(i.type === 'C2C' ? { To_Account: i.peer } : { GroupId: i.peer }),
        MsgTime: i.lastTime,
        // pinned-ness is answered to a caller that supports it (AssistFlags bit 0)
        TopFlag: MessageMapper.pinnedFirst(d.AssistFlags) && i.pinned ? 1 : 0,
        // a marked or grouped conversation carries its marks and groups (mark_contact, …)
        ...(i.standardMark !== undefined && {
          StandardMark: i.standardMark,
          CustomMark: i.customMark ?? '',
          ContactGroupId: (i.contactGroups ?? []).map((g) => g.groupId),
          ContactGroupName: (i.contactGroups ?? []).map((g) => g.name),
        }),
      })),
      ErrorDisplay: '',
    }),
  }),
  restCommand({
    service: CONTACTS,
    command: 'delete',
    dto: RecentContactDeleteDto,
    aliases: { type: 'Type' },
    subject: MessageRpc.DeleteConversation,
    toRequest: (d) => ({
      convId: MessageMapper.contactConvId(d),
      userId: d.From_Account,
      clearHistory: d.ClearRamble === 1,
    }),
    toResponse: () => ({ ErrorDisplay: '' }),
  }),

  // --- recentcontact conversation groups and marks (docs/rest-api.md §9.6)
  restCommand({
    service: CONTACTS,
    command: 'create_contact_group',
    dto: CreateContactGroupDto,
    subject: MessageRpc.CreateContactGroup,
    toRequest: (d) => ({
      userId: d.From_Account,
      name: d.GroupContactItem[0].GroupName,
      convIds: (d.GroupContactItem[0].ContactItem ?? []).map((c) =>
        MessageMapper.contactItemConvId(d.From_Account, c),
      ),
    }),
    toResponse: (r, d) => ({
      GroupResultItem: [
        {
          GroupItem: { GroupName: r.group.name, GroupId: r.group.groupId },
          ResultItem: r.results.map((x) => ({
            ContactItem: MessageMapper.contactItem(d.From_Account, x.convId),
            ResultCode: x.code,
            ResultInfo: x.message,
          })),
        },
      ],
      ErrorDisplay: '',
    }),
  }),
  restCommand({
    service: CONTACTS,
    command: 'update_contact_group',
    dto: UpdateContactGroupDto,
    subject: MessageRpc.UpdateContactGroup,
    toRequest: (d) => ({
      userId: d.From_Account,
      kind: d.UpdateGroup.UpdateGroupType === 1 ? ('rename' as const) : ('members' as const),
      oldName: d.UpdateGroup.OldGroupName,
      newName: d.UpdateGroup.NewGroupName,
      changes: (d.UpdateGroup.ContactUpdateItem ?? []).map((c) => ({
        op: c.ContactOptType === 1 ? ('add' as const) : ('remove' as const),
        convId: MessageMapper.contactItemConvId(d.From_Account, c.ContactItem),
      })),
    }),
    toResponse: (r, d) => ({
      UpdateType: d.UpdateType,
      UpdateGroupResult: {
        UpdateGroupType: d.UpdateGroup.UpdateGroupType,
        GroupName: r.group.name,
        GroupId: r.group.groupId,
        OldGroupName: r.oldName,
        ContactResultItem: r.results.map((x) => ({
          ContactOptType: x.op === 'add' ? 1 : 2,
          ContactItem: MessageMapper.contactItem(d.From_Account, x.convId),
          ResultCode: x.code,
          ResultInfo: x.message,
        })),
      },
      ErrorDisplay: '',
    }),
  }),
  restCommand({
    service: CONTACTS,
    command: 'del_contact_group',
    dto: DelContactGroupDto,
    subject: MessageRpc.DeleteContactGroups,
    toRequest: (d) => ({ userId: d.From_Account, names: d.GroupName }),
    toResponse: (r) => ({ GroupName: r.names, ErrorDisplay: '' }),
  }),
  restCommand({
    service: CONTACTS,
    command: 'get_contact_group',
    dto: GetContactGroupDto,
    subject: MessageRpc.GetContactGroups,
    toRequest: (d) => ({ userId: d.From_Account, startIndex: d.StartIndex ?? 0 }),
    toResponse: (r, d) => ({
      ContactItem: r.items.map((i) => ({
        ...MessageMapper.contactItem(d.From_Account, i.convId),
        StandardMark: i.standardMark,
        CustomMark: i.customMark,
        ContactGroupId: i.groupIds,
        Timestamp: i.updatedAt,
      })),
      GroupItem: r.groups.map((g) => ({ GroupName: g.name, GroupId: g.groupId })),
      CompleteFlag: r.isComplete ? 1 : 0,
      NextStartIndex: r.nextIndex,
      ErrorDisplay: '',
    }),
  }),
  restCommand({
    service: CONTACTS,
    command: 'search_contact_group',
    dto: SearchContactGroupDto,
    subject: MessageRpc.SearchContactGroups,
    toRequest: (d) => ({
      userId: d.From_Account,
      convIds: d.ContactItem.map((c) => MessageMapper.contactItemConvId(d.From_Account, c)),
    }),
    toResponse: (r, d) => ({
      ContactResultItem: r.items.map((i) => ({
        ContactItem: MessageMapper.contactItem(d.From_Account, i.convId),
        StandardMark: i.standardMark,
        CustomMark: i.customMark,
        ContactGroupId: i.groupIds,
        Timestamp: i.updatedAt,
        ResultCode: i.code ?? 0,
        ResultInfo: i.message ?? '',
      })),
      GroupItem: r.groups.map((g) => ({ GroupName: g.name, GroupId: g.groupId })),
      ErrorDisplay: '',
    }),
  }),
  restCommand({
    service: CONTACTS,
    command: 'mark_contact',
    dto: MarkContactDto,
    subject: MessageRpc.MarkContacts,
    toRequest: (d) => ({
      userId: d.From_Account,
      items: d.MarkItem.map((m) => ({
        convId: MessageMapper.contactItemConvId(d.From_Account, m.ContactItem),
        // OptType 1 changes the standard bits only, 2 the custom mark only, 3 both
        ...(m.OptType !== 2 && { setBits: m.SetMark ?? [], clearBits: m.ClearMark ?? [] }),
        ...(m.OptType !== 1 && { customMark: m.CustomMark ?? '' }),
      })),
    }),
    toResponse: (r, d) => ({
      ResultItem: r.items.map((i, n) => ({
        OptType: d.MarkItem[n].OptType,
        ContactItem: MessageMapper.contactItem(d.From_Account, i.convId),
        StandardMark: i.standardMark,
        CustomMark: i.customMark,
        ResultCode: i.code,
        ResultInfo: i.message,
      })),
      ErrorDisplay: '',
    }),
  }),

  // --- openim_dirty_words (docs/rest-api.md §9.1)
  restCommand({
    service: DIRTY_WORDS,
    command: 'get',
    dto: NoFieldsDto,
    subject: MessageRpc.GetDirtyWords,
    toRequest: () => ({}),
    toResponse: (r) => ({ DirtyWordsList: r.words }),
  }),
  restCommand({
    service: DIRTY_WORDS,
    command: 'add',
    dto: DirtyWordsDto,
    subject: MessageRpc.AddDirtyWords,
    toRequest: (d) => ({ words: d.DirtyWordsList }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: DIRTY_WORDS,
    command: 'delete',
    dto: DirtyWordsDto,
    subject: MessageRpc.DeleteDirtyWords,
    toRequest: (d) => ({ words: d.DirtyWordsList }),
    toResponse: () => ({}),
  }),

  // --- stored messages, edited and deleted by the App admin (docs/rest-api.md §4.9)
  restCommand({
    service: OPENIM,
    command: 'modify_group_msg',
    dto: ModifyGroupMsgDto,
    subject: MessageRpc.ModifyGroupMessage,
    // With TopicId the message is one of that topic's line (a TopicId of another group: 20001).
    toRequest: (d) => ({
      groupId: MessageMapper.lineOf(d, ErrorCode.C2cInvalidPacket),
      seq: d.MsgSeq,
      body: d.MsgBody,
      cloudCustomData: d.CloudCustomData,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: OPENIM,
    command: 'delete_c2c_msg_ramble',
    dto: DeleteC2cMsgRambleDto,
    subject: MessageRpc.DeleteC2cMessages,
    toRequest: (d) => ({
      userId: d.Operator_Account,
      peerId: d.Peer_Account,
      msgKeys: d.MsgKeyList,
    }),
    toResponse: (r) => ({ InvalidMsgKeyList: r.invalidMsgKeys }),
  }),

  // --- open_msg_svc (docs/rest-api.md §9.4): hourly archives, downloaded by signed link
  restCommand({
    service: MSG_ARCHIVE,
    command: 'get_history',
    dto: GetHistoryDto,
    subject: MessageRpc.GetMessageArchive,
    toRequest: (d) => ({ chatType: d.ChatType, msgTime: d.MsgTime }),
    toResponse: (r, d, ctx) => {
      const expires = ctx.nowSeconds + ARCHIVE_LINK_TTL_SECONDS;
      return {
        File: r.files.map((f) => ({
          URL: archiveUrl(ctx.baseUrl, ctx.app.secretKey, {
            sdkAppId: ctx.app.sdkAppId,
            chatType: d.ChatType,
            hour: r.hour,
            part: f.part,
            generation: r.generation,
            expires,
          }),
          ExpireTime: formatExpireTime(expires),
          FileSize: f.fileSize,
          FileMD5: f.fileMd5,
          GzipSize: f.gzipSize,
          GzipMD5: f.gzipMd5,
        })),
      };
    },
  }),
];
