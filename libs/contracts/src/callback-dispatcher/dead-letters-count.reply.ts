/** How many dead letters a replay queued again, or a discard removed. */
export class DeadLettersCountReply {
  count!: number;
}
