import type { EventSubject } from '@im/contracts';

const encoder = new TextEncoder();

/** An event subject, or an owner's whole stream (`group.evt.>`). */
export type EventPattern = EventSubject | `${string}.evt.>`;
/** The event subjects a pattern covers. */
export type EventsOf<P extends EventPattern> = P extends `${infer Owner}.evt.>`
  ? Extract<EventSubject, `${Owner}.evt.${string}`>
  : Extract<P, EventSubject>;

/** An event in the packet format of @nestjs/microservices (`{ pattern, data }`). */
export function encodePacket(subject: string, event: unknown): Uint8Array {
  return encoder.encode(JSON.stringify({ pattern: subject, data: event }));
}

/** The event a packet carries (a bare event is accepted too). */
export function eventOfPacket<E>(text: string): E {
  const packet = JSON.parse(text) as { data?: E };
  return packet.data ?? (packet as E);
}
