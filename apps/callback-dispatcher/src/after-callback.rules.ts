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
 * The queue rows of an event's after-callbacks, its ID derived from the event and the command
 * (a redelivered event queues nothing twice), the event's request ID, else the one it was
 * received under. A command an event reports several times (a batch of live-room viewers,
 * each their own `CallbackAfterNewMemberJoin`) numbers its repeats in the ID, in order.
 */
export function queuedDeliveries(
  event: EventEnvelope,
  callbacks: readonly AfterCallback[],
  requestId: string | undefined,
): Omit<NewDelivery, 'sdkAppId'>[] {
  const seen = new Map<string, number>();
  return callbacks
    .map((c) => {
      const n = seen.get(c.command) ?? 0;
      seen.set(c.command, n + 1);
      return { c, source: n === 0 ? event.eventId : `${event.eventId}#${n}` };
    })
    .map(({ c, source }) => ({
      callbackId: callbackEventId(source, c.command),
      sourceEventId: event.eventId,
      command: c.command,
      body: JSON.stringify(c.body),
      optPlatform: c.platform,
      clientIp: c.clientIp,
      requestId: event.requestId ?? requestId ?? '',
    }));
}
