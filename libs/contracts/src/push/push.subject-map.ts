/** The push service's request/reply subjects with their types: `[PushRpc.X]: Rpc<XRequest, XReply>`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PushRpcMap {}

/** The push service's events with their types: `[PushEvt.X]: XEvent`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PushEventMap {}
