import type { ConversationItem } from './conversation-item';

export class ListConversationsReply {
  items!: ConversationItem[];
  isComplete!: boolean;
  /** Cursor of the next page. */
  time!: number;
  index!: number;
}
