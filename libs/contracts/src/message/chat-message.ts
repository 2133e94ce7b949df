import type { MsgElement } from './msg-element';
import type { ConversationType } from './conversation-id';
import type { GroupAtInfo } from './group-at-info';
import type { MsgPriority } from './send-group.request';

/** A stored message as services and clients see it (push `msg`, pull results). */
export interface ChatMessage {
  convId: string;
  type: ConversationType;
  /**
   * Gap-free per conversation, from 1 (a Redis restart may skip numbers, never reuse them).
   * 0 for an online-only message: not stored, not part of the sequence, never pulled.
   */
  seq: number;
  /** Message time, UNIX seconds. */
  time: number;
  /** uint32 chosen by the sender; (sender, random) de-duplicates retries. */
  random: number;
  /**
   * C2C: `{MsgSeq}_{MsgRandom}_{MsgTime}` of docs/rest-api.md §2.2, where MsgSeq is the caller's
   * `clientSeq` (the conversation seq when it gave none); group: `{seq}`.
   */
  msgKey: string;
  from: string;
  /** The receiving user (C2C) or the group ID. */
  to: string;
  body: MsgElement[];
  cloudCustomData?: string;
  isRecalled?: boolean;
  /** UNIX seconds of the last edit (modify_c2c_msg, `message.rpc.edit`). */
  editedAt?: number;
  needReadReceipt?: boolean;
  /** Sender's nick and avatar (MSG-10), and NameCard in groups, when known. */
  senderNick?: string;
  senderFaceUrl?: string;
  senderNameCard?: string;
  /** Group messages: `MsgPriority` when not Normal. */
  priority?: MsgPriority;
  /** Group messages: the @-mentions. */
  atInfo?: GroupAtInfo[];
}

/** A conversation of one user (sync results). */
export interface ConversationState {
  convId: string;
  type: ConversationType;
  /** The other user or the group ID. */
  peer: string;
  lastSeq: number;
  readSeq: number;
  /** lastSeq − readSeq, not counting messages sent with NoUnread; 0 for rooms without unread (T22). */
  unread: number;
  lastTime: number;
  lastMessage?: ChatMessage;
  /** The user's change counter of this conversation; sync returns those above the cursor. */
  version: number;
  isDeleted?: boolean;
  /** Pinned to the top of the user's list (`conv.pin`). */
  isPinned?: boolean;
  /** Standard mark bits (bit 0 last) when the user marked it (`conv.mark`, mark_contact). */
  standardMark?: string;
  customMark?: string;
  /** Names of the user's conversation groups holding it (`conv.group-*`). */
  contactGroups?: string[];
  /**
   * Only with msg.sync `withMessages`: the newest unread messages of the conversation (seq
   * above `readSeq`), ascending. Numbers between them, or below the first, that the client
   * misses it still pulls (a hole, a cap reached, messages it had not read before `readSeq`).
   */
  messages?: ChatMessage[];
}
