import type { ChatMessage } from './chat-message';

/** A message of an admin history query, with what the query shows about it. */
export interface HistoryMessage extends ChatMessage {
  /** C2C: the other party has read it (its read position is at or past it). */
  isPeerRead?: boolean;
}
