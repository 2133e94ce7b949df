/** Request/reply subjects served by the message service (queue group `message`). */
export const MessageRpc = {
  /** One C2C message (clients: from = caller; admin: any existing sender). */
  SendC2c: 'message.rpc.send-c2c',
  /** One group message. */
  SendGroup: 'message.rpc.send-group',
  /** Conversations of the caller changed since a cursor, with last seq and unread. */
  Sync: 'message.rpc.sync',
  /** Messages of one conversation in a seq range (history, gap-fill after a reconnect). */
  Pull: 'message.rpc.pull',
  /** The caller read a conversation up to a seq. */
  Read: 'message.rpc.read',
  /** Recall a message (replaced by a recall mark; online clients told). */
  Recall: 'message.rpc.recall',
  /** Remove a conversation from the caller's list (messages stay, MSG-3). */
  DeleteConversation: 'message.rpc.delete-conversation',
} as const;

/** Facts the message service publishes (JetStream stream `MESSAGE_EVENTS`). */
export const MessageEvt = {
  /** A message was stored (after-send callbacks, statistics). */
  Sent: 'message.evt.sent',
  /** Recipients who were offline: the push service sends offline pushes. */
  OfflinePushRequested: 'message.evt.offline-push-requested',
  Recalled: 'message.evt.recalled',
  Read: 'message.evt.read',
} as const;
