import { PushCommands } from '@im/contracts';
import type {
  ChatMessage,
  ConversationState,
  ConversationType,
  MsgElement,
  SystemNotification,
} from '@im/contracts';

/** Push commands of the messaging layer (docs/protocol.md §8). */
export const ChatPushCommands = {
  Message: PushCommands.Message,
  Modified: PushCommands.MessageModified,
  Recalled: PushCommands.MessageRecalled,
  Read: PushCommands.MessageRead,
  ConversationDeleted: PushCommands.ConversationDeleted,
  Notify: PushCommands.Notify,
} as const;

/** Send state of a message this client sent (MSG-11). */
export type SendState = 'sending' | 'sent' | 'failed';

/** Options of a send (the optional fields of `msg.send-c2c` / `msg.send-group`). */
export interface SendMessageOptions {
  cloudCustomData?: string;
  /** Delivered to online recipients only, not stored, no seq (typing indicators). */
  onlineOnly?: boolean;
  sendControl?: ('NoUnread' | 'NoLastMsg' | 'WithMuteNotifications')[];
  needReadReceipt?: boolean;
  offlinePush?: Record<string, unknown>;
  /** C2C: 1 (default) also to the sender's other devices, 2 not. */
  syncOtherMachine?: 1 | 2;
  /** C2C: offline retention in seconds (0 = online only). */
  lifeTimeSeconds?: number;
  /** Group: message priority. */
  priority?: 'High' | 'Normal' | 'Low' | 'Lowest';
}

/** A message this client sent, kept locally whatever its fate (MSG-12). */
export interface OutgoingMessage {
  /** Local ID, stable across retries. */
  localId: string;
  convId: string;
  type: ConversationType;
  /** The receiving user (C2C) or the group ID. */
  to: string;
  body: MsgElement[];
  /** uint32 sent with every attempt: a retried send is stored once (MsgRandom). */
  random: number;
  state: SendState;
  /** Set once sent (stored messages only; an online-only message has none). */
  seq?: number;
  time?: number;
  msgKey?: string;
  /** Why the last attempt failed (platform code, or a negative SDK code). */
  error?: { code: number; message: string };
  options: SendMessageOptions;
  /** Attempts made so far. */
  attempts: number;
}

/** A page of history (newest first asked, returned oldest first). */
export interface HistoryPage {
  /** Ascending by seq. */
  messages: ChatMessage[];
  /** Pass as `fromSeq` for the next (older) page. */
  nextSeq: number;
  /** Nothing older is available. */
  isComplete: boolean;
}

export interface RecalledEvent {
  convId: string;
  seq: number;
}

export interface ReadEvent {
  convId: string;
  readSeq: number;
  unread: number;
}

export interface ReadReceiptEvent {
  convId: string;
  /** The peer who read. */
  userId: string;
  readSeq: number;
}

/** Events of ImChat with their listener signatures. */
export type ImChatEvents = {
  /** A message from someone else or from another device of this user: once, in seq order. */
  message: (message: ChatMessage) => void;
  'message-recalled': (event: RecalledEvent) => void;
  /** A message was edited (the whole message, with `editedAt`). */
  'message-modified': (message: ChatMessage) => void;
  /** A send changed state (sending → sent / failed). */
  'send-state': (message: OutgoingMessage) => void;
  /** A conversation of the list changed (new message, unread, read position). */
  conversation: (conversation: ConversationState) => void;
  'conversation-deleted': (convId: string) => void;
  /** The user's read position of a conversation moved (here or on another device). */
  read: (event: ReadEvent) => void;
  /** The peer of a C2C conversation read up to `readSeq`. */
  'read-receipt': (event: ReadReceiptEvent) => void;
  /** A system notification (group, relation and profile events), once each. */
  notify: (notification: SystemNotification) => void;
  /** The conversation list is current and every hole is being filled (after each login). */
  synced: () => void;
  /** Something in the background failed (a sync); the client keeps going. */
  error: (err: Error) => void;
};
