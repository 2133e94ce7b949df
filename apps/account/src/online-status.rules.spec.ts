import type { DepartedSession, PresenceSession } from '@im/contracts';

import { pushReachable, summarise } from './online-status.rules';

const NOW = 1_700_000_000_000;

function makeSession(overrides: Partial<PresenceSession> = {}): PresenceSession {
  return {
    connId: 'conn-1',
    nodeId: 'conn-gateway-1',
    platform: 'Web',
    status: 'Online',
    since: NOW - 60_000,
    expiresAt: NOW + 30_000,
    ...overrides,
  };
}

describe(summarise.name, () => {
  const sut = summarise;

  it('is Online when any session is Online', () => {
    const sessions = [
      makeSession({ status: 'PushOnline', platform: 'iPhone' }),
      makeSession({ status: 'Online', platform: 'Web' }),
    ];

    expect(sut('alice', sessions, false)).toEqual({ userId: 'alice', status: 'Online' });
  });

  it('is PushOnline when sessions exist but none is Online', () => {
    const sessions = [makeSession({ status: 'PushOnline', platform: 'Android' })];

    expect(sut('alice', sessions, false).status).toBe('PushOnline');
  });

  it('is Offline without sessions', () => {
    expect(sut('alice', [], false)).toEqual({ userId: 'alice', status: 'Offline' });
  });

  it('leaves the detail out unless asked', () => {
    expect(sut('alice', [makeSession()], false)).not.toHaveProperty('detail');
  });

  it('lists each session as platform and status, oldest first, when asked', () => {
    const sessions = [
      makeSession({ platform: 'PC', status: 'Online', since: NOW - 1_000 }),
      makeSession({ platform: 'iPhone', status: 'PushOnline', since: NOW - 9_000 }),
      makeSession({ platform: 'Web', status: 'Online', since: NOW - 5_000 }),
    ];

    expect(sut('alice', sessions, true).detail).toEqual([
      { platform: 'iPhone', status: 'PushOnline' },
      { platform: 'Web', status: 'Online' },
      { platform: 'PC', status: 'Online' },
    ]);
  });

  it('gives an empty detail for an offline user when asked', () => {
    expect(sut('alice', [], true)).toEqual({ userId: 'alice', status: 'Offline', detail: [] });
  });
});

describe(pushReachable.name, () => {
  const departed = (platform: DepartedSession['platform'], since = NOW - 5_000) => ({
    platform,
    since,
    expiresAt: since + 1_000_000,
  });

  it('keeps a departed platform for which the user has a device token', () => {
    const d = departed('iPhone');
    expect(pushReachable([], [d], ['iPhone'])).toEqual([d]);
    expect(pushReachable([], [d], [null])).toEqual([d]);
  });

  it('drops a departure without a device token of that platform', () => {
    expect(pushReachable([], [departed('iPhone')], [])).toEqual([]);
    expect(pushReachable([], [departed('iPhone')], ['Android'])).toEqual([]);
  });

  it('drops a departure of a platform that is online again', () => {
    const sessions = [makeSession({ platform: 'iPhone', status: 'Online' })];
    expect(pushReachable(sessions, [departed('iPhone')], ['iPhone'])).toEqual([]);
  });

  it('makes an otherwise offline user PushOnline, with the departure in the detail', () => {
    const reachable = [departed('Android', NOW - 9_000)];
    const sessions = [makeSession({ platform: 'Web', status: 'Online', since: NOW - 1_000 })];

    expect(summarise('alice', [], false, reachable)).toEqual({
      userId: 'alice',
      status: 'PushOnline',
    });
    expect(summarise('alice', sessions, true, reachable)).toEqual({
      userId: 'alice',
      status: 'Online',
      detail: [
        { platform: 'Android', status: 'PushOnline' },
        { platform: 'Web', status: 'Online' },
      ],
    });
  });
});
