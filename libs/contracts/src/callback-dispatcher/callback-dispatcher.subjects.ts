/** Request/reply subjects served by the callback-dispatcher service (queue group `callback-dispatcher`). */
export const CallbackDispatcherRpc = {
  /** A before-callback, asked by the owning service (through `BeforeCallbackClient`). */
  Before: 'callback-dispatcher.rpc.before',
  /** Operator (console): an app's dead letters. */
  ListDeadLetters: 'callback-dispatcher.rpc.list-dead-letters',
  /** Operator: queue dead letters for delivery again (fresh attempts). */
  ReplayDeadLetters: 'callback-dispatcher.rpc.replay-dead-letters',
  /** Operator: drop dead letters. */
  DiscardDeadLetters: 'callback-dispatcher.rpc.discard-dead-letters',
  /** The app's admin (console): its recent after-callback delivery attempts, newest first. */
  ListAppDeliveries: 'callback-dispatcher.rpc.list-app-deliveries',
  /** The app's admin (console): its dead letters without their bodies, newest first. */
  ListAppDeadLetters: 'callback-dispatcher.rpc.list-app-dead-letters',
  /** The app's admin (console): queue one of its dead letters for delivery again. */
  ReplayAppDeadLetter: 'callback-dispatcher.rpc.replay-app-dead-letter',
  /** The addresses callbacks leave from (ConfigSvc/GetIPList). */
  GetEgressIps: 'callback-dispatcher.rpc.get-egress-ips',
} as const;

/** Facts the callback-dispatcher service publishes (JetStream stream `CALLBACK_DISPATCHER_EVENTS`). */
export const CallbackDispatcherEvt = {
  DeadLettered: 'callback-dispatcher.evt.dead-lettered',
  /** Callbacks sent and answered per app and day (statistics). */
  CallbacksTallied: 'callback-dispatcher.evt.callbacks-tallied',
} as const;
