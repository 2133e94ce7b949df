import type { ContactGroupInfo, ContactMarkState } from './contact-marks.model';

/**
 * Data of the message service's pushes (`PushCommands` in conn/client-protocol.ts):
 * `msg` and `msg.modified` carry a ChatMessage, `notify` a SystemNotification.
 */

/** `msg.recalled`: the message was replaced by a recall mark. */
export interface RecalledPushData {
  convId: string;
  seq: number;
}

/**
 * `msg.read`: `userId` read `convId` up to `readSeq` — to that user's other devices, and, in
 * C2C, to the other party as a read receipt.
 */
export interface ReadPushData {
  convId: string;
  userId: string;
  readSeq: number;
}

/** `conv.deleted`: the conversation left the user's list (to the user's other devices). */
/** `conv.contacts-changed`: conversations whose marks/groups changed, and the groups after. */
export interface ContactsChangedPushData {
  marks: ContactMarkState[];
  groups: ContactGroupInfo[];
}

export interface ConversationDeletedPushData {
  convId: string;
}

/**
 * `msg.deleted`: these messages of `convId` left the user's own roaming (pulls and history no
 * longer return them); to that user's devices only.
 */
export interface MessagesDeletedPushData {
  convId: string;
  seqs: number[];
}

/**
 * `msg.receipt`: `userId` sent read receipts for these messages of `convId` at `time` (UNIX
 * seconds) — to the devices of the messages' senders. In a group, `counts` carries each
 * message's read and unread member counts after this receipt.
 */
export interface ReceiptPushData {
  convId: string;
  userId: string;
  seqs: number[];
  time: number;
  counts?: { seq: number; readNum: number; unreadNum: number }[];
}

/**
 * `msg.ext-changed`: key/values of message `seq` of `convId` were set, deleted or cleared
 * (`extensions` holds what was written: a deleted key with an empty value) — to every member
 * of the conversation.
 */
export interface ExtensionsChangedPushData {
  convId: string;
  seq: number;
  operation: 'set' | 'delete' | 'clear';
  extensions: { key: string; value: string; seq: number }[];
  latestSeq: number;
}
