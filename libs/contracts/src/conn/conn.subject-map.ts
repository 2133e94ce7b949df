import type { ConnEvt } from './conn.subjects';
import type { SessionClosedEvent } from './session-closed.event';
import type { SessionOpenedEvent } from './session-opened.event';

/** The connection gateway's events with their types. */
export interface ConnEventMap {
  [ConnEvt.SessionOpened]: SessionOpenedEvent;
  [ConnEvt.SessionClosed]: SessionClosedEvent;
}
