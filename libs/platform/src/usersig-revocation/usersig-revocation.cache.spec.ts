import { AccountEvt, AccountKickedEvent, ErrorCode, RemoteError } from '@im/contracts';

import { createLogger } from '../logging/logger';
import type { NatsBus } from '../nats/nats-bus';
import { RpcUnavailableError } from '../nats/rpc-unavailable.error';
import { UserSigRevocationCache } from './usersig-revocation.cache';

const APP = 1_400_000_001;
const TTL_MS = 30_000;

/** The account service's login state per user (absent: never imported), and the kick listener. */
class FakeBus {
  readonly revokedBefore = new Map<string, number>();
  readonly asked: string[] = [];
  readonly subjects: string[] = [];
  readonly createIfMissing: boolean[] = [];
  failure?: Error;
  onKicked?: (event: AccountKickedEvent) => void;

  request(_subject: string, req: { userId: string; createIfMissing: boolean }) {
    this.asked.push(req.userId);
    this.createIfMissing.push(req.createIfMissing);
    if (this.failure) return Promise.reject(this.failure);
    const known = this.revokedBefore.get(req.userId);
    if (known === undefined) {
      return Promise.reject(
        new RemoteError(ErrorCode.AccountNotImported, 'not imported', 'account.rpc.login'),
      );
    }
    return Promise.resolve({ created: false, revokedBefore: known });
  }

  asService(sdkAppId: number) {
    return { context: { sdkAppId, role: 'service', callerId: 'edge' } };
  }

  subscribe(subject: string, handler: (event: AccountKickedEvent) => void) {
    this.subjects.push(subject);
    this.onKicked = handler;
    return { unsubscribe: () => (this.onKicked = undefined) };
  }

  kick(userId: string, revokedBefore: number): void {
    this.onKicked?.({
      eventId: `e-${userId}-${revokedBefore}`,
      sdkAppId: APP,
      occurredAt: new Date().toISOString(),
      userId,
      revokedBefore,
    } as AccountKickedEvent);
  }
}

describe(UserSigRevocationCache.name, () => {
  let bus: FakeBus;
  let sut: UserSigRevocationCache;

  beforeEach(() => {
    bus = new FakeBus();
    sut = new UserSigRevocationCache(
      bus as unknown as NatsBus,
      createLogger('edge', 'test', 'silent'),
      {
        ttlMs: TTL_MS,
        maxEntries: 100,
        revokedMessage: 'UserSigs revoked',
      },
    );
    sut.onApplicationBootstrap();
  });

  afterEach(() => sut.onApplicationShutdown());

  it('asks the account service once per user and TTL', async () => {
    bus.revokedBefore.set('alice', 100);
    const now = Date.now();
    expect(await sut.revokedBefore(APP, 'alice', now)).toBe(100);
    expect(await sut.revokedBefore(APP, 'alice', now + 1_000)).toBe(100);
    expect(bus.asked).toEqual(['alice']);
    bus.revokedBefore.set('alice', 200);
    expect(await sut.revokedBefore(APP, 'alice', now + TTL_MS + 1_000)).toBe(200);
    expect(bus.asked).toEqual(['alice', 'alice']);
    // the login state only: nothing is created for a user that is no account
    expect(bus.createIfMissing).toEqual([false, false]);
    expect(bus.subjects).toEqual([AccountEvt.Kicked]);
  });

  it('shares one request among concurrent misses', async () => {
    bus.revokedBefore.set('alice', 5);
    const answers = await Promise.all([1, 2, 3].map(() => sut.revokedBefore(APP, 'alice')));
    expect(answers).toEqual([5, 5, 5]);
    expect(bus.asked).toHaveLength(1);
  });

  it('takes a user never imported as never kicked', async () => {
    expect(await sut.revokedBefore(APP, 'alice')).toBe(0);
  });

  it('moves a remembered user forward on account.evt.kicked without asking again', async () => {
    bus.revokedBefore.set('alice', 0);
    expect(await sut.revokedBefore(APP, 'alice')).toBe(0);
    bus.kick('alice', 1_700_000_000);
    expect(await sut.revokedBefore(APP, 'alice')).toBe(1_700_000_000);
    // an older (re-delivered) event does not move it back
    bus.kick('alice', 1_600_000_000);
    expect(await sut.revokedBefore(APP, 'alice')).toBe(1_700_000_000);
    expect(bus.asked).toEqual(['alice']);
  });

  it('remembers nothing for the kick of someone it never looked up', async () => {
    bus.kick('carol', 1_700_000_000);
    bus.revokedBefore.set('carol', 0);
    expect(await sut.revokedBefore(APP, 'carol')).toBe(0);
    expect(bus.asked).toEqual(['carol']);
  });

  it('keeps the last known time when the account service is away, and throws without one', async () => {
    bus.revokedBefore.set('alice', 42);
    const now = Date.now();
    expect(await sut.revokedBefore(APP, 'alice', now)).toBe(42);
    bus.failure = new RpcUnavailableError('account.rpc.login', 'timeout');
    expect(await sut.revokedBefore(APP, 'alice', now + TTL_MS + 1_000)).toBe(42);
    await expect(sut.revokedBefore(APP, 'bob')).rejects.toBe(bus.failure);
  });
});
