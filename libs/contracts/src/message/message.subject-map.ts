import type { Rpc } from '../common';
import type { ConversationReadEvent } from './conversation-read.event';
import type { ConversationSeqRequest } from './conversation-seq.request';
import type { ConversationRequest } from './conversation.request';
import type { EmptyReply } from './empty.reply';
import type { MessageRecalledEvent } from './message-recalled.event';
import type { MessageSentEvent } from './message-sent.event';
import { MessageEvt, MessageRpc } from './message.subjects';
import type { OfflinePushRequestedEvent } from './offline-push-requested.event';
import type { PullReply } from './pull.reply';
import type { PullRequest } from './pull.request';
import type { ReadReply } from './read.reply';
import type { SendC2cRequest } from './send-c2c.request';
import type { SendGroupRequest } from './send-group.request';
import type { SendMessageReply } from './send-message.reply';
import type { SyncReply } from './sync.reply';
import type { SyncRequest } from './sync.request';

/** The message service's request/reply subjects with their types. */
export interface MessageRpcMap {
  [MessageRpc.SendC2c]: Rpc<SendC2cRequest, SendMessageReply>;
  [MessageRpc.SendGroup]: Rpc<SendGroupRequest, SendMessageReply>;
  [MessageRpc.Sync]: Rpc<SyncRequest, SyncReply>;
  [MessageRpc.Pull]: Rpc<PullRequest, PullReply>;
  [MessageRpc.Read]: Rpc<ConversationSeqRequest, ReadReply>;
  [MessageRpc.Recall]: Rpc<ConversationSeqRequest, EmptyReply>;
  [MessageRpc.DeleteConversation]: Rpc<ConversationRequest, EmptyReply>;
}

/** The message service's events with their types. */
export interface MessageEventMap {
  [MessageEvt.Sent]: MessageSentEvent;
  [MessageEvt.OfflinePushRequested]: OfflinePushRequestedEvent;
  [MessageEvt.Recalled]: MessageRecalledEvent;
  [MessageEvt.Read]: ConversationReadEvent;
}
