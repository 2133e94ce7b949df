import type { ConversationState } from './chat-message';

export class SyncReply {
  conversations!: ConversationState[];
  /** Pass it to the next sync. */
  cursor!: number;
  hasMore!: boolean;
}
