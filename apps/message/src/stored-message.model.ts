import { ConversationIds, MessageLimits } from '@im/contracts';
import type { ChatMessage, GroupAtInfo, MsgElement, MsgPriority } from '@im/contracts';

import { MsgKeys } from './msg-key.model';

/** Conversation type as stored (`conv_type`). */
export const ConvTypes = { C2C: 1, GROUP: 2 } as const;
export type ConvTypeCode = (typeof ConvTypes)[keyof typeof ConvTypes];

/** Bits of `messages.flags`. */
export const MessageFlags = {
  recalled: 1,
  deleted: 2,
  /** Not counted as unread (NoUnread, history imports). */
  notCounted: 4,
  imported: 8,
} as const;

/** What a message keeps besides its columns. */
export interface MessageExtra {
  needReadReceipt?: boolean;
  priority?: MsgPriority;
  atInfo?: GroupAtInfo[];
  senderNick?: string;
  senderFaceUrl?: string;
  senderNameCard?: string;
}

/** A row of `messages` in code. */
export interface StoredMessage {
  sdkAppId: number;
  convId: string;
  convType: ConvTypeCode;
  seq: number;
  fromId: string;
  toId: string;
  /** UNIX seconds. */
  msgTime: number;
  /** Epoch ms. */
  storedAt: number;
  random: number;
  clientSeq: number;
  dedupeKey: string | null;
  body: MsgElement[];
  cloudCustomData: string | null;
  extra: MessageExtra | null;
  flags: number;
  hiddenFrom: string | null;
  expiresAt: number | null;
  editedAt: number | null;
}

export function hasFlag(message: Pick<StoredMessage, 'flags'>, flag: number): boolean {
  return (message.flags & flag) !== 0;
}

/** The MsgKey of a stored message (C2C `{clientSeq}_{random}_{time}`, group `{seq}`). */
export function msgKeyOf(
  m: Pick<StoredMessage, 'convType' | 'seq' | 'clientSeq' | 'random' | 'msgTime'>,
): string {
  return m.convType === ConvTypes.C2C
    ? MsgKeys.c2c({ clientSeq: m.clientSeq, random: m.random, time: m.msgTime })
    : MsgKeys.group(m.seq);
}

/** The wire form of a stored message; a recalled one has an empty body. */
export function toChatMessage(m: StoredMessage): ChatMessage {
  const recalled = hasFlag(m, MessageFlags.recalled);
  const message: ChatMessage = {
    convId: m.convId,
    type: m.convType === ConvTypes.C2C ? 'C2C' : 'GROUP',
    seq: m.seq,
    time: m.msgTime,
    random: m.random,
    msgKey: msgKeyOf(m),
    from: m.fromId,
    to: m.toId,
    body: recalled ? [] : m.body,
  };
  if (m.cloudCustomData !== null && !recalled) message.cloudCustomData = m.cloudCustomData;
  if (recalled) message.isRecalled = true;
  if (m.editedAt) message.editedAt = m.editedAt;
  return Object.assign(message, extraFields(m.extra));
}

/** The optional ChatMessage fields a message's `extra` holds. */
export function extraFields(x: MessageExtra | null): Partial<ChatMessage> {
  const fields: Partial<ChatMessage> = {};
  if (x?.needReadReceipt) fields.needReadReceipt = true;
  if (x?.senderNick) fields.senderNick = x.senderNick;
  if (x?.senderFaceUrl) fields.senderFaceUrl = x.senderFaceUrl;
  if (x?.senderNameCard) fields.senderNameCard = x.senderNameCard;
  if (x?.priority && x.priority !== 'Normal') fields.priority = x.priority;
  if (x?.atInfo?.length) fields.atInfo = x.atInfo;
  return fields;
}

/** The other member of a C2C conversation, seen from `userId`. */
export function c2cPeer(convId: string, userId: string): string {
  return ConversationIds.parse(convId, userId).peer;
}

/** Seconds since the epoch. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** MsgLifeTime → the moment the message is gone (null = the roaming window alone decides). */
export function expiryOf(msgTime: number, lifeTimeSeconds: number | undefined): number | null {
  if (lifeTimeSeconds === undefined || lifeTimeSeconds >= MessageLimits.maxLifeTimeSeconds)
    return null;
  return msgTime + lifeTimeSeconds;
}
