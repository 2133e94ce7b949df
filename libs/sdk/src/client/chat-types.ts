import { PushCommands } from '@im/contracts';
import type {
  ChatMessage,
  ContactsChangedPushData,
  ConversationState,
  ConversationType,
  GroupReceiptCount,
  MessageExtension,
  MsgElement,
  SystemNotification,
} from '@im/contracts';

import type { MediaKind, MediaUploader, UploadOptions } from '../media/media-uploader';
import type { ConversationStreamOptions } from './conversation-stream';

/** Push commands of the messaging layer (docs/protocol.md §8). */
export const ChatPushCommands = {
  Message: PushCommands.Message,
  Modified: PushCommands.MessageModified,
  Recalled: PushCommands.MessageRecalled,
  Read: PushCommands.MessageRead,
  Receipt: PushCommands.MessageReceipt,
  ExtensionsChanged: PushCommands.ExtensionsChanged,
  ConversationDeleted: PushCommands.ConversationDeleted,
  Deleted: PushCommands.MessagesDeleted,
  Notify: PushCommands.Notify,
  ContactsChanged: PushCommands.ContactsChanged,
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

/** Messages of a conversation that left this user's roaming (the other party keeps them). */
export interface MessagesDeletedEvent {
  convId: string;
  seqs: number[];
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

/**
 * Read receipts for messages this user sent: `userId` read `seqs` of `convId` at `time`; in a
 * group `counts` has each message's read and unread member counts after it.
 */
export interface MessageReceiptEvent {
  convId: string;
  userId: string;
  seqs: number[];
  time: number;
  counts?: GroupReceiptCount[];
}

/** One page of the members who read (or did not read) a group message. */
export interface ReceiptMembersPage {
  members: string[];
  /** Pass back for the next page; '' when finished. */
  cursor: string;
  isFinished: boolean;
  readNum: number;
  unreadNum: number;
}

/** Key/values of a message changed (set, deleted — empty value — or all cleared). */
export interface ExtensionsChangedEvent {
  convId: string;
  seq: number;
  operation: 'set' | 'delete' | 'clear';
  extensions: MessageExtension[];
  latestSeq: number;
}

/**
 * A change of a group's counters: the counters written with their values after (`counters`)
 * and the keys removed (`deletedKeys`).
 */
export interface GroupCounterChange {
  groupId: string;
  op: 'set' | 'increase' | 'decrease' | 'delete';
  counters: { key: string; value: number }[];
  deletedKeys: string[];
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
  /** Messages left this user's roaming (deleted for this user by the App admin). */
  'messages-deleted': (event: MessagesDeletedEvent) => void;
  /** The user's read position of a conversation moved (here or on another device). */
  read: (event: ReadEvent) => void;
  /** The peer of a C2C conversation read up to `readSeq`. */
  'read-receipt': (event: ReadReceiptEvent) => void;
  /**
   * The user's conversation marks or groups changed on another device or by the App admin:
   * the conversations changed (their state after) and all the user's groups.
   */
  'contacts-changed': (event: ContactsChangedPushData) => void;
  /** Read receipts arrived for messages this user sent (`sendReceipts` of a reader). */
  'message-receipt': (event: MessageReceiptEvent) => void;
  /** Key/values of a message of one of this user's conversations changed. */
  'extensions-changed': (event: ExtensionsChangedEvent) => void;
  /** A system notification (group, relation and profile events), once each. */
  notify: (notification: SystemNotification) => void;
  /** A group's counters changed (raised with the `group.counter-changed` notification). */
  'group-counter-changed': (event: GroupCounterChange) => void;
  /** The conversation list is current and every hole is being filled (after each login). */
  synced: () => void;
  /** Bytes of a media upload (sendImage, sendFile, ...) handed to the connection so far. */
  'upload-progress': (event: UploadProgressEvent) => void;
  /** Something in the background failed (a sync); the client keeps going. */
  error: (err: Error) => void;
};

/** Progress of the upload of a media message before it is sent. */
export interface UploadProgressEvent {
  to: string;
  kind: MediaKind;
  loaded: number;
  total: number;
}

/** Options of sendImage, sendFile, sendSound, sendVideo: the upload's and the send's. */
export interface SendMediaOptions extends UploadOptions, SendMessageOptions {
  /** `GROUP` to send to the group `to`; default C2C. */
  conversationType?: ConversationType;
}

export interface ImChatOptions {
  /**
   * Uploads of media messages (sendImage, sendFile, ...): a MediaUploader for the media
   * service, with this user's credentials. Without it media sends fail.
   */
  media?: MediaUploader;
  /**
   * What the first sync after `new ImChat` delivers as `message` events: `unread` (default)
   * the messages after the user's read position of each conversation, `none` nothing (the
   * application pages the history itself). Conversations that appear later always deliver
   * from the read position (or from the first message seen).
   */
  catchUp?: 'unread' | 'none';
  /**
   * Positions the application already holds (from `positions()` of an earlier run, e.g. a
   * local message cache): delivery resumes after them instead of `catchUp`.
   */
  positions?: Readonly<Record<string, number>>;
  /** Automatic retries of a send after a lost connection or timeout (same random). Default 3. */
  sendRetries?: number;
  /** How long a retry waits for the connection to come back. Default 30 s. */
  sendRetryWaitMs?: number;
  /** A sync this often while connected, in case a push was lost (0 = off). Default 60 s. */
  syncIntervalMs?: number;
  /** Conversations per sync page (1..500). Default 100. */
  syncPageSize?: number;
  /**
   * The sync after each login (the first one and every reconnect) asks for up to this many of
   * each changed conversation's newest unread messages in its answer (`msg.sync`
   * `withMessages`, 1..100), so most holes need no `msg.pull`; what it does not cover is
   * pulled as before. 0 = off (sync, then pull). Default 20.
   */
  syncWithMessages?: number;
  /** Gap-fill tuning. */
  stream?: Partial<ConversationStreamOptions>;
  /** Sent messages kept in `outgoing()` (failed ones are kept until resent). Default 1000. */
  outboxLimit?: number;
  /**
   * The last system notification the application holds (`notificationsCursor()` of an
   * earlier run): the first login fetches those after it. Without it, notifications from
   * before this client's first login are not replayed; after a reconnect, missed ones always are.
   */
  notificationsAfterId?: number;
}

/** `room.join` answer data. */
export interface RoomJoinResult {
  groupId: string;
  type: string;
  outcome: 'joined' | 'pending';
}
