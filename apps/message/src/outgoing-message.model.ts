import type {
  ChatMessage,
  ConversationType,
  MsgElement,
  SendMessageReply,
  SendOptions,
} from '@im/contracts';

import { MsgKeys } from './msg-key.model';
import { toChatMessage } from './stored-message.model';
import type { StoredMessage } from './stored-message.model';

/** The columns every new message starts with; the send fills in the rest. */
type Base = Pick<
  StoredMessage,
  | 'sdkAppId'
  | 'convId'
  | 'convType'
  | 'seq'
  | 'storedAt'
  | 'extra'
  | 'hiddenFrom'
  | 'expiresAt'
  | 'editedAt'
>;

export function baseMessage(
  sdkAppId: number,
  convId: string,
  convType: StoredMessage['convType'],
  seq: number,
): Base {
  return {
    sdkAppId,
    convId,
    convType,
    seq,
    storedAt: Date.now(),
    extra: null,
    hiddenFrom: null,
    expiresAt: null,
    editedAt: null,
  };
}

/** The sender's answer for a stored message (or the one it repeats). */
export function replyOf(m: StoredMessage, isDuplicate: boolean): SendMessageReply {
  return {
    convId: m.convId,
    seq: m.seq,
    time: m.msgTime,
    msgKey: toChatMessage(m).msgKey,
    isDuplicate,
  };
}

/** What a sender sees when the before-send callback discarded its message. */
export function discarded(convId: string, req: SendOptions, time: number): SendMessageReply {
  const msgKey = convId.startsWith('c2c:')
    ? MsgKeys.c2c({ clientSeq: req.clientSeq ?? 0, random: req.random, time })
    : '';
  return { convId, seq: 0, time, msgKey, isDuplicate: false };
}

/** The parts of a message every send has, whatever its conversation. */
export interface MessageContent {
  from: string;
  /** The receiving user or the group ID. */
  to: string;
  body: MsgElement[];
  cloudCustomData?: string;
  time: number;
}

/** A message pushed to who is online and not stored (OnlineOnlyFlag 1, MsgLifeTime 0). */
export function onlineOnlyMessage(
  convId: string,
  type: ConversationType,
  content: MessageContent,
  random: number,
  msgKey: string,
): ChatMessage {
  return {
    convId,
    type,
    seq: 0,
    time: content.time,
    random,
    msgKey,
    from: content.from,
    to: content.to,
    body: content.body,
    ...(content.cloudCustomData !== undefined && { cloudCustomData: content.cloudCustomData }),
  };
}
