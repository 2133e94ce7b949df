import type { ConversationItem } from './conversation-item';

export class ListConversationsReply {
  items!: ConversationItem[];
  isComplete!: boolean;
  /** Cursor of the next page. */
  time!: number;
  index!: number;
  /** Cursor of the next page of pinned conversations (with `pinnedFirst`; else 0). */
  topTime!: number;
  topIndex!: number;
}
