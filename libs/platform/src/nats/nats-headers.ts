import { headers as natsHeaders, MsgHdrs } from 'nats';

import { CallerRole, CallerRoles, isValidSdkAppId, TransportHeaders } from '@im/contracts';

import { newRequestId, RequestContext } from '../logging/request-context';

export function toNatsHeaders(ctx: RequestContext): MsgHdrs {
  const h = natsHeaders();
  h.set(TransportHeaders.RequestId, ctx.requestId);
  if (ctx.sdkAppId !== undefined) h.set(TransportHeaders.SdkAppId, String(ctx.sdkAppId));
  if (ctx.callerId !== undefined) h.set(TransportHeaders.CallerId, ctx.callerId);
  if (ctx.role !== undefined) h.set(TransportHeaders.CallerRole, ctx.role);
  if (ctx.connId !== undefined) h.set(TransportHeaders.ConnId, ctx.connId);
  return h;
}

/** Reads the request context of an inbound message; a missing request id gets a new one. */
export function fromNatsHeaders(h: MsgHdrs | undefined): RequestContext {
  const get = (key: string) => {
    const v = h?.get(key);
    return v ? v : undefined;
  };
  const sdkAppIdText = get(TransportHeaders.SdkAppId);
  const sdkAppId = sdkAppIdText !== undefined ? Number(sdkAppIdText) : undefined;
  const role = get(TransportHeaders.CallerRole);
  return {
    requestId: get(TransportHeaders.RequestId) ?? newRequestId(),
    sdkAppId: isValidSdkAppId(sdkAppId) ? sdkAppId : undefined,
    callerId: get(TransportHeaders.CallerId),
    role:
      role && (CallerRoles as readonly string[]).includes(role) ? (role as CallerRole) : undefined,
    connId: get(TransportHeaders.ConnId),
  };
}
