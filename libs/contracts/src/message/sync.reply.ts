import type { ConversationState } from './chat-message';

export class SyncReply {
  /** With `withMessages`: a conversation's newest unread messages are in its `messages`. */
  conversations!: ConversationState[];
  /** Pass it to the next sync. */
  cursor!: number;
  hasMore!: boolean;
  /**
   * With `withMessages`: the answer's caps stopped the inline messages, so some conversations
   * carry fewer than asked (or none). Nothing is lost: the client pulls what it still misses.
   */
  messagesCut?: boolean;
}
