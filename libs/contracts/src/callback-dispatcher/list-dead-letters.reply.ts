import type { DeadLetterView } from './dead-letter-view';

export class ListDeadLettersReply {
  items!: DeadLetterView[];
  /** Present when there may be more: pass it as `afterId`. */
  nextAfterId?: number;
  /** Dead letters of the app in all (with the command filter, of that command). */
  total!: number;
}
