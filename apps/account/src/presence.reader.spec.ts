import type { Redis } from 'ioredis';

import { PresenceCacheKeys } from '@im/contracts';
import type { PresenceSession } from '@im/contracts';

import { liveSessions, PresenceReader, summarise } from './presence.reader';

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

function hashOf(...sessions: PresenceSession[]): Record<string, string> {
  return Object.fromEntries(sessions.map((s) => [s.connId, JSON.stringify(s)]));
}

describe(liveSessions.name, () => {
  const sut = liveSessions;

  it('keeps the sessions whose expiry is in the future', () => {
    const live = makeSession({ connId: 'live' });

    expect(sut(hashOf(live), NOW)).toEqual([live]);
  });

  it('drops sessions that expired, also at the very millisecond of expiry', () => {
    const hash = hashOf(
      makeSession({ connId: 'past', expiresAt: NOW - 1 }),
      makeSession({ connId: 'now', expiresAt: NOW }),
      makeSession({ connId: 'live', expiresAt: NOW + 1 }),
    );

    expect(sut(hash, NOW).map((s) => s.connId)).toEqual(['live']);
  });

  it('ignores malformed entries instead of failing', () => {
    const hash = {
      garbage: 'not json',
      nothing: 'null',
      noExpiry: JSON.stringify({ ...makeSession(), expiresAt: undefined }),
      textExpiry: JSON.stringify({ ...makeSession(), expiresAt: String(NOW + 1000) }),
      ...hashOf(makeSession({ connId: 'good' })),
    };

    expect(sut(hash, NOW).map((s) => s.connId)).toEqual(['good']);
  });

  it('returns no sessions for an empty hash', () => {
    expect(sut({}, NOW)).toEqual([]);
  });
});

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

/** A Redis stand-in for one pipeline of HGETALLs: records the keys, answers given replies. */
class FakePresenceRedis {
  readonly keysRead: string[] = [];

  constructor(private readonly replies: [Error | null, unknown][]) {}

  pipeline() {
    const pipeline = {
      hgetall: (key: string) => {
        this.keysRead.push(key);
        return pipeline;
      },
      exec: () => Promise.resolve(this.replies),
    };
    return pipeline;
  }
}

describe(PresenceReader.name, () => {
  it("reads each user's sessions under the presence key of the app", async () => {
    const redis = new FakePresenceRedis([
      [null, hashOf(makeSession({ status: 'Online', expiresAt: NOW + 60_000 }))],
      [null, {}],
    ]);
    const sut = new PresenceReader(redis as unknown as Redis);

    const statuses = await sut.statuses(1400000001, ['alice', 'bob'], false, NOW);

    expect(redis.keysRead).toEqual([
      PresenceCacheKeys.sessions(1400000001, 'alice'),
      PresenceCacheKeys.sessions(1400000001, 'bob'),
    ]);
    expect(statuses).toEqual([
      { userId: 'alice', status: 'Online' },
      { userId: 'bob', status: 'Offline' },
    ]);
  });

  it('counts a user whose read failed as Offline without failing the others', async () => {
    const redis = new FakePresenceRedis([
      [new Error('WRONGTYPE'), null],
      [null, hashOf(makeSession({ status: 'PushOnline', expiresAt: NOW + 60_000 }))],
    ]);
    const sut = new PresenceReader(redis as unknown as Redis);

    const statuses = await sut.statuses(1400000001, ['broken', 'bob'], false, NOW);

    expect(statuses.map((s) => s.status)).toEqual(['Offline', 'PushOnline']);
  });

  it('does not touch Redis for an empty list', async () => {
    const redis = new FakePresenceRedis([]);
    const sut = new PresenceReader(redis as unknown as Redis);

    expect(await sut.statuses(1400000001, [], true)).toEqual([]);
    expect(redis.keysRead).toEqual([]);
  });
});
