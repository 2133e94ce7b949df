import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

import type { CallerRole } from '@im/contracts';

/** What every log line and outgoing request of one unit of work carries. */
export interface RequestContext {
  requestId: string;
  sdkAppId?: number;
  callerId?: string;
  role?: CallerRole;
  /** The client connection of a user request (to leave the sender's own device out of a sync). */
  connId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function newRequestId(): string {
  return randomUUID();
}
