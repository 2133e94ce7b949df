/** The relation service's request/reply subjects with their types: `[RelationRpc.X]: Rpc<XRequest, XReply>`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RelationRpcMap {}

/** The relation service's events with their types: `[RelationEvt.X]: XEvent`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RelationEventMap {}
