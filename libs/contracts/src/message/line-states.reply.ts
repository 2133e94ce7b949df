import type { ChatMessage } from './chat-message';

/** One member's state in one group line (`groupId` the line: a topic ID). */
export interface LineState {
  groupId: string;
  /** The last seq the member read (0 before any read). */
  readSeq: number;
  unread: number;
  /** The line's last message the member may see; absent when none. */
  lastMessage?: ChatMessage;
}

export class LineStatesReply {
  states!: LineState[];
}
