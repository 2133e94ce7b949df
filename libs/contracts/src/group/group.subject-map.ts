/** The group service's request/reply subjects with their types: `[GroupRpc.X]: Rpc<XRequest, XReply>`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface GroupRpcMap {}

/** The group service's events with their types: `[GroupEvt.X]: XEvent`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface GroupEventMap {}
