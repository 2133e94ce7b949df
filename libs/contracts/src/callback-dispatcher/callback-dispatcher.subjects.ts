/** Request/reply subjects served by the callback-dispatcher service (queue group `callback-dispatcher`). */
export const CallbackDispatcherRpc = {} as const;

/** Facts the callback-dispatcher service publishes (JetStream stream `CALLBACK_DISPATCHER_EVENTS`). */
export const CallbackDispatcherEvt = {} as const;
