/** The callback-dispatcher service's request/reply subjects with their types: `[CallbackDispatcherRpc.X]: Rpc<XRequest, XReply>`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CallbackDispatcherRpcMap {}

/** The callback-dispatcher service's events with their types: `[CallbackDispatcherEvt.X]: XEvent`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CallbackDispatcherEventMap {}
