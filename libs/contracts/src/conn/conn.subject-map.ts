import type { ConnEvt } from './conn.subjects';
import type { DeliveryBatch, RoomDelivery } from './delivery';
import type { SessionClosedEvent } from './session-closed.event';
import type { SessionOpenedEvent } from './session-opened.event';

/** The connection gateway's events with their types. */
export interface ConnEventMap {
  [ConnEvt.SessionOpened]: SessionOpenedEvent;
  [ConnEvt.SessionClosed]: SessionClosedEvent;
}

/**
 * The directed delivery subjects (core NATS, not stored) with their payloads; the subjects
 * are built by `ConnSubjects`. The gateway serves no request/reply subjects: clients reach
 * it over WebSocket.
 */
export interface DirectSubjectMap {
  [deliver: `conn.deliver.${string}`]: DeliveryBatch;
  [room: `conn.room.${string}`]: RoomDelivery;
}

export type DirectSubject = keyof DirectSubjectMap;
export type DirectPayloadOf<S extends DirectSubject> = DirectSubjectMap[S];
