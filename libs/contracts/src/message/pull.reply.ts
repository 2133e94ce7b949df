import type { ChatMessage } from './chat-message';

export class PullReply {
  messages!: ChatMessage[];
  /**
   * The next seq to ask for. Numbers without a message (skipped after a Redis restart, expired
   * from roaming, before the caller joined) are passed over: a client never waits for them.
   */
  nextSeq!: number;
  /** Nothing more in this direction (now). */
  isComplete!: boolean;
}
