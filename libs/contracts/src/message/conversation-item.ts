import type { ConversationType } from './conversation-id';

/** One entry of a recent-contact page. */
export class ConversationItem {
  type!: ConversationType;
  /** The other user or the group ID. */
  peer!: string;
  lastTime!: number;
  pinned!: boolean;
}
