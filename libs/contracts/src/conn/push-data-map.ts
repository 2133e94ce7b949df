import type { ChatMessage } from '../message/chat-message';
import type {
  ContactsChangedPushData,
  ConversationDeletedPushData,
  ExtensionsChangedPushData,
  MessagesDeletedPushData,
  ReadPushData,
  ReceiptPushData,
  RecalledPushData,
} from '../message/push-data';
import type { SystemNotification } from '../message/system-notification';
import type { PushedMessage } from '../push/pushed-message';
import type { PushCommands } from './client-protocol';

/** `kicked`: why the session ends (another login, or the App admin). */
export interface KickedPushData {
  reason: 'admin' | 'multi-login';
}

/** Every push command (docs/protocol.md §8) with the data it carries. */
export interface PushDataMap {
  [PushCommands.Kicked]: KickedPushData;
  [PushCommands.Push]: PushedMessage;
  [PushCommands.Message]: ChatMessage;
  [PushCommands.MessageRecalled]: RecalledPushData;
  [PushCommands.MessageModified]: ChatMessage;
  [PushCommands.MessageRead]: ReadPushData;
  [PushCommands.MessageReceipt]: ReceiptPushData;
  [PushCommands.ExtensionsChanged]: ExtensionsChangedPushData;
  [PushCommands.ConversationDeleted]: ConversationDeletedPushData;
  [PushCommands.MessagesDeleted]: MessagesDeletedPushData;
  [PushCommands.Notify]: SystemNotification;
  [PushCommands.ContactsChanged]: ContactsChangedPushData;
}

export type PushCommand = keyof PushDataMap;
export type PushDataOf<C extends PushCommand> = PushDataMap[C];
/** The data of any push. */
export type PushData = PushDataMap[PushCommand];

/** A push command with its data, one member per command: `{ cmd: 'msg', data: ChatMessage }`. */
export type Push<C extends PushCommand = PushCommand> = {
  [K in C]: { cmd: K; data: PushDataMap[K] };
}[C];

/**
 * A push of a command and its data: the one place a command known only as a type parameter
 * is tied to its data (the compiler cannot follow that correlation into the union).
 */
export function pushOf<C extends PushCommand>(cmd: C, data: PushDataMap[C]): Push {
  return { cmd, data } as Push;
}
