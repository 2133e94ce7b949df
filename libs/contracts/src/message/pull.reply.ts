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
  /**
   * Ascending pulls only: the pull stopped before a number that may still be in flight (a
   * higher seq was stored moments ago). The client waits for that message's push, or pulls
   * again from `nextSeq` after this many milliseconds; a number still missing then is
   * passed over.
   */
  retryAfterMs?: number;
}
