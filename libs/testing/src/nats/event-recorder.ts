import type { Msg, NatsConnection, Subscription } from 'nats';

import type { EventOf, EventSubject } from '@im/contracts';

import { waitFor } from '../wait-for';

export interface RecordedEvent<S extends EventSubject = EventSubject> {
  subject: S;
  event: EventOf<S>;
}

/**
 * Every message published under a subject pattern (`group.evt.>`) from the moment it is
 * started — a plain subscription sees JetStream publishes too — decoded from the Nest packet
 * `{ pattern, data }`. Integration specs use it to check what a service published.
 */
export class EventRecorder {
  readonly events: RecordedEvent[] = [];
  private readonly subscription: Subscription;

  private constructor(nc: NatsConnection, pattern: string) {
    this.subscription = nc.subscribe(pattern, {
      callback: (err, msg: Msg) => {
        if (err) return;
        const packet = JSON.parse(new TextDecoder().decode(msg.data)) as { data: unknown };
        this.events.push({ subject: msg.subject as EventSubject, event: packet.data as never });
      },
    });
  }

  /** Starts recording; resolves once the server has the subscription. */
  static async start(nc: NatsConnection, pattern: string): Promise<EventRecorder> {
    const recorder = new EventRecorder(nc, pattern);
    await nc.flush();
    return recorder;
  }

  /** The events of one subject and app received so far. */
  of<S extends EventSubject>(subject: S, sdkAppId: number): EventOf<S>[] {
    return this.events
      .filter((e) => e.subject === subject && e.event.sdkAppId === sdkAppId)
      .map((e) => e.event as EventOf<S>);
  }

  /** Waits until an event of the subject and app arrived that matches `predicate`. */
  next<S extends EventSubject>(
    subject: S,
    sdkAppId: number,
    predicate: (event: EventOf<S>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<EventOf<S>> {
    return waitFor(() => this.of(subject, sdkAppId).find(predicate) ?? null, {
      timeoutMs,
      message: `event ${subject} of app ${sdkAppId}`,
    });
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}
