import type { Platform } from '../presence';

/** Frames of the client protocol (docs/protocol.md §2). */
export interface RequestFrame {
  op: 'req';
  seq: number;
  cmd: string;
  data?: Record<string, unknown>;
}

export interface ResponseFrame {
  op: 'res';
  seq: number;
  code: number;
  msg: string;
  data?: unknown;
  /** With a busy answer (60018): when the request may be sent again (docs/protocol.md §8). */
  retryAfterMs?: number;
}

export interface PushFrame {
  op: 'push';
  cmd: string;
  data: unknown;
}

export interface PingFrame {
  op: 'ping';
}

export interface PongFrame {
  op: 'pong';
  time: number;
}

export interface BatchFrame {
  op: 'batch';
  frames: (RequestFrame | ResponseFrame | PushFrame | PingFrame | PongFrame)[];
}

export type ClientFrame = RequestFrame | PingFrame | BatchFrame;
export type ServerFrame = ResponseFrame | PushFrame | PongFrame | BatchFrame;

/** `login` request data (docs/protocol.md §3). */
export interface LoginData {
  sdkAppId: number;
  userId?: string;
  userSig?: string;
  platform: Platform;
  guest?: boolean;
}

/** `login` answer data. */
export interface LoginResult {
  connId: string;
  nodeId: string;
  heartbeatIntervalMs: number;
  serverTime: number;
  kickedPlatforms: Platform[];
}

/** WebSocket close codes of the protocol (docs/protocol.md §5). */
export const CloseCodes = {
  Normal: 1000,
  TooLarge: 1009,
  ProtocolError: 4000,
  KickedByLogin: 4001,
  KickedByAdmin: 4002,
  LoginFailed: 4003,
  HeartbeatTimeout: 4004,
  /** The client's address holds as many (guest) sessions as the gateway allows; retry later. */
  TooManyConnections: 4005,
  TooSlow: 4008,
  ShuttingDown: 4009,
} as const;

/** Push commands (docs/protocol.md §8). */
export const PushCommands = {
  Kicked: 'kicked',
  /** A message of the push service (`im_push`); data `PushedMessage` (libs/contracts push). */
  Push: 'push',
  /** A new message (data: ChatMessage of libs/contracts/src/message). */
  Message: 'msg',
  /** A message was recalled (data: RecalledPushData `{convId, seq}`). */
  MessageRecalled: 'msg.recalled',
  /** A message was edited (data: the edited ChatMessage, with `editedAt`). */
  MessageModified: 'msg.modified',
  /**
   * A read position moved (data: ReadPushData `{convId, userId, readSeq}`): to the reader's
   * other devices and, in C2C, to the other party as a read receipt.
   */
  MessageRead: 'msg.read',
  /**
   * Read receipts arrived for messages the user sent (data: ReceiptPushData `{convId, userId,
   * seqs, time, counts?}`), to the sender's devices.
   */
  MessageReceipt: 'msg.receipt',
  /**
   * Key/values of a message changed (data: ExtensionsChangedPushData `{convId, seq, operation,
   * extensions, latestSeq}`), to every member of the conversation.
   */
  ExtensionsChanged: 'msg.ext-changed',
  /** A conversation left the user's list (data: `{convId}`), to the user's other devices. */
  ConversationDeleted: 'conv.deleted',
  /**
   * Messages left the user's own roaming (data: MessagesDeletedPushData `{convId, seqs}`), to
   * that user's devices; the other party still has them (openim/delete_c2c_msg_ramble).
   */
  MessagesDeleted: 'msg.deleted',
  /** A system notification (data: SystemNotification `{id, kind, time, data}`), MSG-25. */
  Notify: 'notify',
  /**
   * The user's conversation marks or groups changed (data: ContactsChangedPushData `{marks,
   * groups}`), to all the user's devices but the one that asked: marks = the conversations
   * changed, with their state after; groups = all the user's groups after.
   */
  ContactsChanged: 'conv.contacts-changed',
} as const;

export const ProtocolLimits = {
  maxFrameBytes: 64 * 1024,
  /** Objects and arrays nested in one frame (deeper answers 60002). */
  maxNestingDepth: 32,
  /** The most of a `res` frame's `msg` (a longer one is cut). */
  maxMessageChars: 512,
  maxInFlightRequests: 100,
  maxBufferedBytes: 1024 * 1024,
  loginTimeoutMs: 10_000,
  missedHeartbeats: 3,
} as const;

/** Who may log in how many times (per app: `multiLoginPolicy`). */
export const MultiLoginPolicies = ['per-platform', 'single', 'multi'] as const;
export type MultiLoginPolicy = (typeof MultiLoginPolicies)[number];
