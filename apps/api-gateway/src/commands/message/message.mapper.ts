import {
  ConversationIds,
  ErrorCode,
  ForbidCallbackControls,
  MessageLimits,
  SendMsgControls,
  TopicLimits,
} from '@im/contracts';
import type {
  ChatMessage,
  GroupHistoryItem,
  HistoryMessage,
  MsgPriority,
  SendC2cRequest,
  SendGroupRequest,
} from '@im/contracts';

import { RestFailure } from '../../rest/envelope.mapper';
import type { C2cSendDto } from './sendmsg.dto';
import type { SendGroupMsgDto } from './send-group-msg.dto';

/** `MsgPriority` as group_msg_get_simple answers it (1 High … 4 Lowest). */
const PRIORITY_NUMBER: Record<MsgPriority, number> = { High: 1, Normal: 2, Low: 3, Lowest: 4 };

function known<T extends string>(
  values: readonly T[],
  given: string[] | undefined,
): T[] | undefined {
  if (!given) return undefined;
  return given.filter((v): v is T => (values as readonly string[]).includes(v));
}

/** Spec field names ↔ the message contracts (docs/rest-api.md §2.2, §4, §7, §9). */
export const MessageMapper = {
  /** The options `sendmsg` and `batchsendmsg` share. */
  c2cOptions(d: C2cSendDto): Omit<SendC2cRequest, 'to' | 'body'> {
    return {
      from: d.From_Account,
      random: d.MsgRandom,
      clientSeq: d.MsgSeq,
      syncOtherMachine: d.SyncOtherMachine,
      // More than 7 days is clamped (docs/rest-api.md §2.2).
      lifeTimeSeconds:
        d.MsgLifeTime === undefined
          ? undefined
          : Math.min(d.MsgLifeTime, MessageLimits.maxLifeTimeSeconds),
      onlineOnly: d.OnlineOnlyFlag === 1 ? true : undefined,
      sendControl: known(SendMsgControls, d.SendMsgControl),
      forbidCallback: known(ForbidCallbackControls, d.ForbidCallbackControl),
      cloudCustomData: d.CloudCustomData,
      needReadReceipt: d.IsNeedReadReceipt === 1 ? true : undefined,
      offlinePush: d.OfflinePushInfo,
    };
  },

  /**
   * The message line a group command names: the topic's when `TopicId` is given (a topic of a
   * Community is its own line), else the group's. A TopicId of another group is refused `code`.
   */
  lineOf(d: { GroupId: string; TopicId?: string }, code: number): string {
    if (d.TopicId === undefined) return d.GroupId;
    if (!d.TopicId.startsWith(`${d.GroupId}${TopicLimits.idInfix}`))
      throw new RestFailure(code, `TopicId ${d.TopicId} is not a topic of ${d.GroupId}`);
    return d.TopicId;
  },

  groupSend(d: SendGroupMsgDto): SendGroupRequest {
    return {
      groupId: MessageMapper.lineOf(d, ErrorCode.GroupInvalidParameter),
      from: d.From_Account,
      random: d.Random,
      body: d.MsgBody,
      priority: d.MsgPriority,
      onlineOnly: d.OnlineOnlyFlag === 1 ? true : undefined,
      sendControl: known(SendMsgControls, d.SendMsgControl),
      forbidCallback: known(ForbidCallbackControls, d.ForbidCallbackControl),
      cloudCustomData: d.CloudCustomData,
      needReadReceipt: d.NeedReadReceipt === 1 ? true : undefined,
      offlinePush: d.OfflinePushInfo,
      atInfo: d.GroupAtInfo?.map((a) => ({
        atAll: a.GroupAtAllFlag === 1,
        ...(a.GroupAtAllFlag !== 1 &&
          a.GroupAt_Account !== undefined && { userId: a.GroupAt_Account }),
      })),
    };
  },

  /** One item of admin_getroammsg's `MsgList`. */
  roamItem(m: HistoryMessage): Record<string, unknown> {
    return {
      From_Account: m.from,
      To_Account: m.to,
      // The C2C MsgSeq is the first part of the MsgKey (docs/rest-api.md §2.2).
      MsgSeq: Number(m.msgKey.split('_')[0]),
      MsgRandom: m.random,
      MsgTimeStamp: m.time,
      MsgFlagBits: m.isRecalled ? 8 : 0,
      IsPeerRead: m.isPeerRead ? 1 : 0,
      MsgKey: m.msgKey,
      MsgBody: m.body,
      ...(m.cloudCustomData !== undefined && { CloudCustomData: m.cloudCustomData }),
    };
  },

  /** One item of group_msg_get_simple's `RspMsgList`. */
  groupHistoryItem(item: GroupHistoryItem): Record<string, unknown> {
    const m: Partial<ChatMessage> = item.message ?? {};
    return {
      From_Account: m.from ?? '',
      IsPlaceMsg: item.placeholder,
      IsSystemMsg: 0,
      MsgBody: item.placeholder === 0 ? (m.body ?? []) : [],
      MsgPriority: PRIORITY_NUMBER[m.priority ?? 'Normal'],
      MsgRandom: m.random ?? 0,
      MsgSeq: item.seq,
      MsgTimeStamp: m.time ?? 0,
      ...(item.placeholder === 0 &&
        m.cloudCustomData !== undefined && { CloudCustomData: m.cloudCustomData }),
    };
  },

  /**
   * recentcontact/get_list `AssistFlags` bit 0: the caller supports pinned conversations, which
   * come first, paged by `TopTimeStamp` / `TopStartIndex` (bit 2, paging them, is then implied;
   * bit 1, empty conversations, has nothing to add: a conversation exists from its first message).
   */
  pinnedFirst(assistFlags: number | undefined): boolean {
    return ((assistFlags ?? 0) & 1) === 1;
  },

  /** A `ContactItem` of the group/mark commands as the user's conversation id. */
  contactItemConvId(
    userId: string,
    item: { Type: 1 | 2; To_Account?: string; ToGroupId?: string },
  ) {
    return item.Type === 1
      ? ConversationIds.c2c(userId, item.To_Account ?? '')
      : ConversationIds.group(item.ToGroupId ?? '');
  },

  /** A conversation id back as a `ContactItem` (`{Type, To_Account}` / `{Type, ToGroupId}`). */
  contactItem(userId: string, convId: string) {
    const { type, peer } = ConversationIds.parse(convId, userId);
    return type === 'C2C' ? { Type: 1, To_Account: peer } : { Type: 2, ToGroupId: peer };
  },

  /** The conversation of recentcontact/delete. */
  contactConvId(d: { From_Account: string; Type: 1 | 2; To_Account?: string; ToGroupid?: string }) {
    return d.Type === 1
      ? ConversationIds.c2c(d.From_Account, d.To_Account ?? '')
      : ConversationIds.group(d.ToGroupid ?? '');
  },
} as const;
