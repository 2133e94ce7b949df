import type { HistoryMessage } from './history-message';

export class C2cHistoryReply {
  /** True when everything in the range was returned. */
  isComplete!: boolean;
  /** Ascending time within the page (the page itself is the newest part of what is left). */
  messages!: HistoryMessage[];
  /** Time and key of the oldest message of the page (0 / '' when empty). */
  lastTime!: number;
  lastMsgKey!: string;
}
