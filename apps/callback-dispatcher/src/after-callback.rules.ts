import type { EventEnvelope } from '@im/contracts';

import type { AfterCallback } from './after-callback.mapper';
import type { NewDelivery } from './callback-dispatcher.schema';
import { callbackEventId } from './callback-request.model';

/** Whether an event is older than the app would still want to hear of (its age cut-off). */
export function isTooOldToReport(
  occurredAt: string,
  nowMs: number,
  maxAgeSeconds: number,
): boolean {
  return nowMs - Date.parse(occurredAt) > maxAgeSeconds * 1000;
}

/**
 * The queue rows of an event's after-callbacks: one per command, its ID derived from the event
 * and the command (a redelivered event queues nothing twice), the event's request ID, else the
 * one it was received under.
 */
export function queuedDeliveries(
  event: EventEnvelope,
  callbacks: readonly AfterCallback[],
  requestId: string | undefined,
): Omit<NewDelivery, 'sdkAppId'>[] {
  return callbacks.map((c) => ({
    callbackId: callbackEventId(event.eventId, c.command),
    sourceEventId: event.eventId,
    command: c.command,
    body: JSON.stringify(c.body),
    optPlatform: c.platform,
    clientIp: c.clientIp,
    requestId: event.requestId ?? requestId ?? '',
  }));
}
