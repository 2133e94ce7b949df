import type { ConnEvt } from './conn.subjects';
import type { SessionClosedEvent } from './session-closed.event';
import type { SessionOpenedEvent } from './session-opened.event';

/** The gateway serves no request/reply subjects; clients reach it over WebSocket. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ConnRpcMap {}

/** The connection gateway's events with their types. */
export interface ConnEventMap {
  [ConnEvt.SessionOpened]: SessionOpenedEvent;
  [ConnEvt.SessionClosed]: SessionClosedEvent;
}
