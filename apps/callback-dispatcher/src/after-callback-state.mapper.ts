import { ConnEvt } from '@im/contracts';
import type { EventOf, SessionCloseReason, StateChangeBody } from '@im/contracts';

import { afterCallback, eventTimeMs, optPlatformOf } from './after-callback-body.mapper';
import type { AfterCallback, FamilyMappers } from './after-callback-body.mapper';

type StateChangeInfo = StateChangeBody['Info'];

/** Why a session ended → Action and Reason (a kick by login elsewhere, or by `kick`, logs out). */
const CLOSE_ACTIONS: Record<SessionCloseReason, Pick<StateChangeInfo, 'Action' | 'Reason'>> = {
  logout: { Action: 'Logout', Reason: 'Unregister' },
  kicked: { Action: 'Logout', Reason: 'Unregister' },
  'link-closed': { Action: 'Disconnect', Reason: 'LinkClose' },
  shutdown: { Action: 'Disconnect', Reason: 'LinkClose' },
  timeout: { Action: 'Disconnect', Reason: 'TimeOut' },
};

type SessionEvent = EventOf<typeof ConnEvt.SessionOpened> | EventOf<typeof ConnEvt.SessionClosed>;

/**
 * `State.StateChange` (§4.1) of a session event: `EventTime` comes before `Info` here, and
 * the callback is sent from the session's own platform.
 */
function stateChange(
  event: SessionEvent,
  Info: StateChangeInfo,
  kicked: Pick<StateChangeBody, 'KickedDevice'> | false,
): AfterCallback[] {
  const body: StateChangeBody = {
    CallbackCommand: 'State.StateChange',
    EventTime: eventTimeMs(event.occurredAt),
    Info,
    ...kicked,
  };
  return [afterCallback('State.StateChange', body, optPlatformOf(event.platform, true))];
}

function sessionOpened(event: EventOf<typeof ConnEvt.SessionOpened>): AfterCallback[] {
  return stateChange(
    event,
    { Action: 'Login', To_Account: event.userId, Reason: 'Register' },
    event.kickedPlatforms.length > 0 && {
      KickedDevice: event.kickedPlatforms.map((p) => ({ Platform: optPlatformOf(p) })),
    },
  );
}

function sessionClosed(event: EventOf<typeof ConnEvt.SessionClosed>): AfterCallback[] {
  return stateChange(event, { ...CLOSE_ACTIONS[event.reason], To_Account: event.userId }, false);
}

/** Login and logout of a user's sessions. */
export const STATE_MAPPERS: FamilyMappers<'conn'> = {
  [ConnEvt.SessionOpened]: (e) => sessionOpened(e),
  [ConnEvt.SessionClosed]: (e) => sessionClosed(e),
};
