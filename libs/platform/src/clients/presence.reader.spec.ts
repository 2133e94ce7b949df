import type { Redis } from 'ioredis';

import { PresenceCacheKeys } from '@im/contracts';
import type { PresenceSession } from '@im/contracts';

import {
  liveSessions,
  parseDepartedSession,
  parsePresenceSession,
  PresenceReader,
} from './presence.reader';

const NOW = 1_700_000_000_000;
const APP = 1400000001;

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

describe(parsePresenceSession.name, () => {
  it('reads a recorded session', () => {
    const session = makeSession();

    expect(parsePresenceSession(JSON.stringify(session))).toEqual(session);
  });

  it('refuses entries that are not sessions instead of failing', () => {
    const entries = [
      'not json',
      'null',
      '7',
      JSON.stringify({ ...makeSession(), expiresAt: undefined }),
      JSON.stringify({ ...makeSession(), expiresAt: String(NOW + 1000) }),
      JSON.stringify({ ...makeSession(), connId: 7 }),
      JSON.stringify({ ...makeSession(), nodeId: undefined }),
    ];

    expect(entries.map(parsePresenceSession)).toEqual(entries.map(() => undefined));
  });
});

describe(liveSessions.name, () => {
  it('drops sessions that expired, also at the very millisecond of expiry', () => {
    const sessions = [
      makeSession({ connId: 'past', expiresAt: NOW - 1 }),
      makeSession({ connId: 'now', expiresAt: NOW }),
      makeSession({ connId: 'live', expiresAt: NOW + 1 }),
    ];

    expect(liveSessions(sessions, NOW).map((s) => s.connId)).toEqual(['live']);
  });
});

describe(PresenceReader.name, () => {
  it("reads each user's sessions under the presence key of the app, in order", async () => {
    const alice = makeSession({ connId: 'a' });
    const redis = new FakePresenceRedis([
      [null, hashOf(alice)],
      [null, {}],
    ]);
    const sut = new PresenceReader(redis as unknown as Redis);

    const live = await sut.live(APP, ['alice', 'bob'], NOW);

    expect(redis.keysRead).toEqual([
      PresenceCacheKeys.sessions(APP, 'alice'),
      PresenceCacheKeys.sessions(APP, 'bob'),
    ]);
    expect(live).toEqual([[alice], []]);
  });

  it('keeps expired sessions in what is recorded, and only live ones in what is live', async () => {
    const gone = makeSession({ connId: 'gone', expiresAt: NOW - 1 });
    const here = makeSession({ connId: 'here' });
    const replies: [null, unknown][] = [[null, hashOf(gone, here)]];

    const recorded = await new PresenceReader(
      new FakePresenceRedis(replies) as unknown as Redis,
    ).recorded([[APP, 'alice']]);
    const live = await new PresenceReader(
      new FakePresenceRedis(replies) as unknown as Redis,
    ).liveSessionsOf(APP, ['alice'], NOW);

    expect(recorded).toEqual([[gone, here]]);
    expect(live).toEqual([{ ...here, userId: 'alice' }]);
  });

  it('gives a user whose read failed no sessions without failing the others', async () => {
    const bob = makeSession({ status: 'PushOnline' });
    const redis = new FakePresenceRedis([
      [new Error('WRONGTYPE'), null],
      [null, hashOf(bob)],
    ]);
    const sut = new PresenceReader(redis as unknown as Redis);

    expect(await sut.live(APP, ['broken', 'bob'], NOW)).toEqual([[], [bob]]);
  });

  it('does not touch Redis for an empty list', async () => {
    const redis = new FakePresenceRedis([]);
    const sut = new PresenceReader(redis as unknown as Redis);

    expect(await sut.live(APP, [])).toEqual([]);
    expect(redis.keysRead).toEqual([]);
  });
});

describe('PresenceReader.departed', () => {
  const departure = (platform: 'iPhone' | 'Android', expiresAt: number) => ({
    platform,
    since: NOW - 1000,
    expiresAt,
  });

  it('reads the departures still valid of each user from its departed hash', async () => {
    const phone = departure('iPhone', NOW + 1000);
    const stale = departure('Android', NOW - 1);
    const redis = new FakePresenceRedis([
      [null, { iPhone: JSON.stringify(phone), Android: JSON.stringify(stale), x: 'junk' }],
      [null, {}],
    ]);
    const sut = new PresenceReader(redis as unknown as Redis);

    expect(await sut.departed(APP, ['alice', 'bob'], NOW)).toEqual([[phone], []]);
    expect(redis.keysRead).toEqual([
      PresenceCacheKeys.departed(APP, 'alice'),
      PresenceCacheKeys.departed(APP, 'bob'),
    ]);
  });

  it('refuses entries that are not departures', () => {
    for (const entry of ['null', '{}', JSON.stringify({ platform: 'iPhone', since: 1 })])
      expect(parseDepartedSession(entry)).toBeUndefined();
  });
});
