import { CloseCodes, ConnEvt } from '@im/contracts';
import type { NatsBus } from '@im/platform';

import type { ConnGatewayConfig } from '../conn-gateway.config';
import type { RoomRegistry } from '../room/room-registry.store';
import type { PresenceWriter } from '../session/presence.store';
import { Session } from '../session/session.model';
import { SessionRegistry } from '../session/session-registry.store';
import { SessionLifecycle } from './session-lifecycle.service';

describe(SessionLifecycle.name, () => {
  let registry: SessionRegistry;
  let emitted: { subject: string; event: unknown }[];
  let unregistered: Session[];
  let leftRooms: Session[];
  let closed: { code: number; reason: string }[];
  let departures: string[];
  let sut: SessionLifecycle;

  const session = (options: { guest?: boolean } = {}) => {
    const socket = {
      OPEN: 1,
      readyState: 1,
      bufferedAmount: 0,
      send: () => undefined,
      close: (code: number, reason: string) => closed.push({ code, reason }),
      terminate: () => undefined,
    };
    const s = new Session('conn-1', socket as never);
    s.sdkAppId = 1400000001;
    s.isLoggedIn = true;
    s.platform = 'iPhone';
    if (options.guest) s.isGuest = true;
    else s.userId = 'alice';
    registry.add(s);
    registry.bind(s);
    return s;
  };

  beforeEach(() => {
    registry = new SessionRegistry();
    emitted = [];
    unregistered = [];
    leftRooms = [];
    closed = [];
    departures = [];
    const bus = {
      emit: (subject: string, event: unknown) => {
        emitted.push({ subject, event });
        return Promise.resolve();
      },
    };
    const presence = {
      unregister: (sessions: Session[]) => {
        unregistered.push(...sessions);
        return Promise.resolve();
      },
      depart: (s: Session) => {
        departures.push(`depart ${s.userId} ${s.platform}`);
        return Promise.resolve();
      },
      forgetDeparture: (_app: number, userId: string, platform: string) => {
        departures.push(`forget ${userId} ${platform}`);
        return Promise.resolve();
      },
      forgetAllDepartures: (_app: number, userId: string) => {
        departures.push(`forget all of ${userId}`);
        return Promise.resolve();
      },
    };
    const rooms = { removeAll: (s: Session) => leftRooms.push(s) };
    sut = new SessionLifecycle(
      bus as unknown as NatsBus,
      registry,
      presence as unknown as PresenceWriter,
      rooms as unknown as RoomRegistry,
      { nodeId: 'node-1' } as ConnGatewayConfig,
    );
  });

  it('forgets a user’s session everywhere and tells the other services once', async () => {
    const s = session();

    await sut.forget(s, 'link-closed');
    await sut.forget(s, 'link-closed');

    expect(registry.get('conn-1')).toBeUndefined();
    expect(registry.sessionsOf(1400000001, 'alice')).toEqual([]);
    expect(leftRooms).toEqual([s]);
    expect(unregistered).toEqual([s]);
    expect(emitted).toEqual([
      {
        subject: ConnEvt.SessionClosed,
        event: {
          sdkAppId: 1400000001,
          userId: 'alice',
          platform: 'iPhone',
          connId: 'conn-1',
          nodeId: 'node-1',
          reason: 'link-closed',
        },
      },
    ]);
  });

  it('records a mobile session that dropped as departed, and forgets it on a logout', async () => {
    await sut.forget(session(), 'link-closed');
    await sut.forget(session(), 'logout');

    expect(departures).toEqual(['depart alice iPhone', 'forget alice iPhone']);
  });

  it('ends the sessions of a kicked user and forgets all its departed platforms', () => {
    const s = session();
    const ended: Session[] = [];

    sut.kickUser(1400000001, 'alice', (x) => ended.push(x));

    expect(ended).toEqual([s]);
    expect(departures).toEqual(['forget all of alice']);
  });

  it('drops a guest from its rooms without presence or an event', async () => {
    const s = session({ guest: true });

    await sut.forget(s, 'link-closed');

    expect(leftRooms).toEqual([s]);
    expect(unregistered).toEqual([]);
    expect(emitted).toEqual([]);
  });

  it('closes the socket with the code when it ends a session', async () => {
    const s = session();

    sut.end(s, CloseCodes.KickedByAdmin, 'kicked');

    expect(closed).toEqual([{ code: CloseCodes.KickedByAdmin, reason: 'kicked' }]);
    await Promise.resolve();
    expect(registry.get('conn-1')).toBeUndefined();
  });
});
