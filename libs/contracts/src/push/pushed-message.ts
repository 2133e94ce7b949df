import type { MsgElement } from '../message/msg-element';

/**
 * `data` of the client push `push` (docs/protocol.md §8): a message of the push service
 * (`im_push`), delivered to online sessions when pushed and, when it was stored
 * (MsgLifeTime > 0), once to a session of a user who comes online within MsgLifeTime.
 * Clients de-duplicate by `taskId`.
 */
export interface PushedMessage {
  taskId: string;
  /** Sender: `From_Account`, or the admin who pushed. */
  from: string;
  body: MsgElement[];
  /** UNIX seconds the push was made. */
  time: number;
  /** True when delivered from storage at login rather than live. */
  stored?: boolean;
}
