import { createParamDecorator } from '@nestjs/common';

import { CallerContext, DomainError, ErrorCode, RequestMeta } from '@im/contracts';

import { currentRequestContext } from '../logging/request-context';

/**
 * The app-scoped caller of the current request (from NATS headers): `sdkAppId`, `callerId`,
 * `role`, `requestId`. A request without an app or caller is refused: every query is scoped by
 * app.
 */
export const Caller = createParamDecorator((): CallerContext => callerFromContext());

/** The request's metadata for operator subjects, which are not bound to one app. */
export const Meta = createParamDecorator((): RequestMeta => {
  const ctx = currentRequestContext();
  return {
    requestId: ctx?.requestId ?? '',
    sdkAppId: ctx?.sdkAppId,
    callerId: ctx?.callerId,
    role: ctx?.role,
  };
});

export function callerFromContext(): CallerContext {
  const ctx = currentRequestContext();
  if (!ctx || ctx.sdkAppId === undefined || !ctx.role || ctx.callerId === undefined) {
    throw new DomainError(ErrorCode.SdkAppIdMissing, 'request carries no app or caller');
  }
  return {
    sdkAppId: ctx.sdkAppId,
    callerId: ctx.callerId,
    role: ctx.role,
    requestId: ctx.requestId,
    connId: ctx.connId,
  };
}
