import type { ChatMessage } from './chat-message';

/**
 * One seq of a group history page: a message, or a placeholder (`placeholder` 1 = deleted,
 * expired or never stored, 2 = recalled; body empty).
 */
export interface GroupHistoryItem {
  seq: number;
  placeholder: 0 | 1 | 2;
  message?: ChatMessage;
}
