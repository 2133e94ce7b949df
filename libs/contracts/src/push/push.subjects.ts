/** Request/reply subjects served by the push service (queue group `push`). */
export const PushRpc = {} as const;

/** Facts the push service publishes (JetStream stream `PUSH_EVENTS`). */
export const PushEvt = {} as const;
