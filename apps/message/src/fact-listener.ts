import type { NatsConnection, Subscription } from 'nats';

import type { PlatformLogger } from '@im/platform';

const decoder = new TextDecoder();

/**
 * A plain (every instance) subscription to other services' facts by wildcard, for cache
 * invalidation: `(subject, event)` with the event decoded from the Nest packet.
 */
export function listenToFacts(
  nc: NatsConnection,
  subjects: string[],
  logger: PlatformLogger,
  handler: (subject: string, event: Record<string, unknown>) => void,
): Subscription[] {
  return subjects.map((subject) =>
    nc.subscribe(subject, {
      callback: (err, msg) => {
        if (err) return;
        try {
          const packet = JSON.parse(decoder.decode(msg.data)) as { data?: Record<string, unknown> };
          handler(msg.subject, packet.data ?? packet);
        } catch (e) {
          logger.warn({ err: (e as Error).message, subject: msg.subject }, 'fact not understood');
        }
      },
    }),
  );
}
