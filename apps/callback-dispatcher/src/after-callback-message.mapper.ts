import {
  ConversationIds,
  isOfficialAccountId,
  isRobotId,
  MessageEvt,
  officialAccountMsgKey,
} from '@im/contracts';
import type { ChatMessage, EventOf } from '@im/contracts';

import { eventTimeMs, pending, reported } from './after-callback-body.mapper';
import type { AfterCallback, EventOrigin, FamilyMappers } from './after-callback-body.mapper';

type SentEvent = EventOf<typeof MessageEvt.Sent>;

/** `C2C.CallbackAfterSendMsg` (§4.7). */
function c2cSent(event: SentEvent, OnlineOnlyFlag: 0 | 1, origin: EventOrigin): AfterCallback {
  const m: ChatMessage = event.message;
  return reported('C2C.CallbackAfterSendMsg', event, origin, {
    From_Account: m.from,
    To_Account: m.to,
    MsgSeq: m.seq,
    MsgRandom: m.random,
    MsgTime: m.time,
    MsgKey: m.msgKey,
    OnlineOnlyFlag,
    MsgBody: m.body,
    CloudCustomData: m.cloudCustomData ?? '',
    SendMsgResult: 0,
    ErrorInfo: 'send msg succeed',
    UnreadMsgNum: pending(m, event).unreadCount ?? 0,
  });
}

/**
 * `Bot.OnC2CMessage` (§4.7a): a C2C message whose receiver is named like a robot (`@RBT#`); the
 * service drops it unless the receiver is a robot account right now. Its body is the
 * after-send body (Tencent documents the same fields).
 */
function botMessage(event: SentEvent, OnlineOnlyFlag: 0 | 1, origin: EventOrigin): AfterCallback {
  const m: ChatMessage = event.message;
  return reported('Bot.OnC2CMessage', event, origin, {
    From_Account: m.from,
    To_Account: m.to,
    MsgSeq: m.seq,
    MsgRandom: m.random,
    MsgTime: m.time,
    MsgKey: m.msgKey,
    OnlineOnlyFlag,
    SendMsgResult: 0,
    ErrorInfo: 'send msg succeed',
    MsgBody: m.body,
    CloudCustomData: m.cloudCustomData ?? '',
  });
}

/** `Group.CallbackAfterSendMsg` (§4.12): the REST admin is the operator of what it sends. */
function groupSent(event: SentEvent, OnlineOnlyFlag: 0 | 1, origin: EventOrigin): AfterCallback {
  const m: ChatMessage = event.message;
  return reported('Group.CallbackAfterSendMsg', event, origin, {
    GroupId: m.to,
    Type: pending(m, event).groupType ?? '',
    From_Account: m.from,
    Operator_Account: origin.role === 'admin' ? (origin.callerId ?? m.from) : m.from,
    Random: m.random,
    MsgSeq: m.seq,
    MsgTime: m.time,
    OnlineOnlyFlag,
    MsgBody: m.body,
    CloudCustomData: m.cloudCustomData ?? '',
    ...(m.atInfo?.length && {
      GroupAtInfo: m.atInfo.map((a) => ({
        GroupAtAllFlag: a.atAll ? 1 : 0,
        GroupAt_Account: a.userId ?? '',
      })),
    }),
  });
}

/**
 * `OfficialAccount.CallbackAfterSendMsg` (§4.16; Tencent's page 1047/60804): an official
 * account's broadcast, instead of the group callback.
 */
function officialAccountSent(
  event: SentEvent,
  OnlineOnlyFlag: 0 | 1,
  origin: EventOrigin,
): AfterCallback {
  const m: ChatMessage = event.message;
  return reported('OfficialAccount.CallbackAfterSendMsg', event, origin, {
    Official_Account: m.to,
    MsgKey: officialAccountMsgKey(m.seq, m.time),
    MsgTime: m.time,
    OnlineOnlyFlag,
    MsgBody: m.body,
    CloudCustomData: m.cloudCustomData ?? '',
  });
}

function messageSent(event: SentEvent, origin: EventOrigin): AfterCallback[] {
  // ForbidAfterSendMsgCallback, batchsendmsg and imports (docs/callbacks.md §1.3, §5.4).
  if (event.skipAfterCallback) return [];
  // An online-only message has no seq (0).
  const onlineOnly = pending(event.message, event).onlineOnly || event.message.seq === 0;
  const flag = onlineOnly ? 1 : 0;
  if (event.message.type !== 'C2C')
    return isOfficialAccountId(event.message.to)
      ? [officialAccountSent(event, flag, origin)]
      : [groupSent(event, flag, origin)];
  const toRobot = isRobotId(event.message.to) && event.message.from !== event.message.to;
  return [c2cSent(event, flag, origin), ...(toRobot ? [botMessage(event, flag, origin)] : [])];
}

function messageRecalled(
  event: EventOf<typeof MessageEvt.Recalled>,
  origin: EventOrigin,
): AfterCallback[] {
  const conv = ConversationIds.parse(event.convId);
  const hints = pending(event);
  if (conv.type === 'GROUP') {
    // an official account's recall is not a group recall (Tencent documents no callback for it)
    if (isOfficialAccountId(conv.peer)) return [];
    return [
      reported('Group.CallbackAfterRecallMsg', event, origin, {
        Operator_Account: event.by,
        Type: hints.groupType ?? '',
        GroupId: conv.peer,
        MsgSeqList: [{ MsgSeq: event.seq }],
      }),
    ];
  }
  const [a, b] = conv.members ?? [conv.peer, conv.peer];
  const from = hints.from ?? (event.by === b ? b : a);
  const to = hints.to ?? (from === a ? b : a);
  return [
    reported('C2C.CallbackAfterMsgWithDraw', event, origin, {
      From_Account: from,
      To_Account: to,
      MsgKey: hints.msgKey ?? '',
      UnreadMsgNum: hints.unreadCount ?? 0,
    }),
  ];
}

function conversationRead(
  event: EventOf<typeof MessageEvt.Read>,
  origin: EventOrigin,
): AfterCallback[] {
  const conv = ConversationIds.parse(event.convId, event.userId);
  // Group read positions are not a read receipt (Group.CallbackAfterReadReceipt).
  if (conv.type !== 'C2C') return [];
  return [
    reported('C2C.CallbackAfterMsgReport', event, origin, {
      Report_Account: event.userId,
      Peer_Account: conv.peer,
      LastReadTime: Math.floor(eventTimeMs(event.occurredAt) / 1000),
      UnreadMsgNum: pending(event).unreadCount ?? 0,
    }),
  ];
}

/** `Group.CallbackAfterReadReceipt` (§4.14): group receipts only (Tencent has no C2C one). */
function receiptsSent(
  event: EventOf<typeof MessageEvt.ReceiptsSent>,
  origin: EventOrigin,
): AfterCallback[] {
  const conv = ConversationIds.parse(event.convId, event.userId);
  if (conv.type !== 'GROUP') return [];
  const counts = new Map((event.counts ?? []).map((c) => [c.seq, c]));
  return [
    reported('Group.CallbackAfterReadReceipt', event, origin, {
      GroupId: conv.peer,
      Type: event.groupType ?? '',
      GroupMsgReceiptList: event.seqs.map((seq) => ({
        MsgSeq: seq,
        ReadNum: counts.get(seq)?.readNum ?? 0,
        UnreadNum: counts.get(seq)?.unreadNum ?? 0,
        ReadReceiptMembers: [{ Member_Account: event.userId }],
      })),
    }),
  ];
}

const OPERATE_TYPES = { set: 1, delete: 2, clear: 3 } as const;

/** `C2C.CallbackAfterC2CMsgExtension` (§4.15): C2C messages only. */
function extensionsChanged(
  event: EventOf<typeof MessageEvt.ExtensionsChanged>,
  origin: EventOrigin,
): AfterCallback[] {
  if (!event.from || !event.to || !event.msgKey) return [];
  return [
    reported('C2C.CallbackAfterC2CMsgExtension', event, origin, {
      From_Account: event.from,
      To_Account: event.to,
      MsgKey: event.msgKey,
      OperateType: OPERATE_TYPES[event.operation],
      ExtensionList: event.extensions.map((e) => ({ Key: e.key, Value: e.value, Seq: e.seq })),
      Seq: event.latestSeq,
    }),
  ];
}

/** Messages sent, recalled, read and extended (§4.7–§4.9, §4.12–§4.15). */
export const MESSAGE_MAPPERS: FamilyMappers<'message'> = {
  [MessageEvt.Sent]: messageSent,
  [MessageEvt.Recalled]: messageRecalled,
  [MessageEvt.Read]: conversationRead,
  [MessageEvt.ReceiptsSent]: receiptsSent,
  [MessageEvt.ExtensionsChanged]: extensionsChanged,
};
