import { AccountEvt, AccountKickedEvent, ErrorCode, RemoteError } from '@im/contracts';
import { createLogger, NatsBus, RpcUnavailableError } from '@im/platform';

import type { ApiGatewayConfig } from '../api-gateway.config';
import { AdminRevocationCache } from './admin-revocation.cache';

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
    return { context: { sdkAppId, role: 'service', callerId: 'api-gateway' } };
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

describe(AdminRevocationCache.name, () => {
  let bus: FakeBus;
  let sut: AdminRevocationCache;

  beforeEach(() => {
    bus = new FakeBus();
    const config = { rest: { credentialsTtlMs: TTL_MS } } as ApiGatewayConfig;
    sut = new AdminRevocationCache(
      bus as unknown as NatsBus,
      config,
      createLogger('api-gateway', 'test', 'silent'),
    );
    sut.onApplicationBootstrap();
  });

  afterEach(() => sut.onApplicationShutdown());

  it('asks the account service once per admin and TTL', async () => {
    bus.revokedBefore.set('administrator', 100);
    const now = Date.now();
    expect(await sut.revokedBefore(APP, 'administrator', now)).toBe(100);
    expect(await sut.revokedBefore(APP, 'administrator', now + 1_000)).toBe(100);
    expect(bus.asked).toEqual(['administrator']);
    bus.revokedBefore.set('administrator', 200);
    expect(await sut.revokedBefore(APP, 'administrator', now + TTL_MS + 1_000)).toBe(200);
    expect(bus.asked).toEqual(['administrator', 'administrator']);
    // the login state only: nothing is created for an admin that is no account
    expect(bus.createIfMissing).toEqual([false, false]);
    expect(bus.subjects).toEqual([AccountEvt.Kicked]);
  });

  it('shares one request among concurrent misses', async () => {
    bus.revokedBefore.set('administrator', 5);
    const answers = await Promise.all([1, 2, 3].map(() => sut.revokedBefore(APP, 'administrator')));
    expect(answers).toEqual([5, 5, 5]);
    expect(bus.asked).toHaveLength(1);
  });

  it('takes an admin that was never imported as never kicked', async () => {
    expect(await sut.revokedBefore(APP, 'administrator')).toBe(0);
  });

  it('moves a remembered admin forward on account.evt.kicked without asking again', async () => {
    bus.revokedBefore.set('administrator', 0);
    expect(await sut.revokedBefore(APP, 'administrator')).toBe(0);
    bus.kick('administrator', 1_700_000_000);
    expect(await sut.revokedBefore(APP, 'administrator')).toBe(1_700_000_000);
    // an older (re-delivered) event does not move it back
    bus.kick('administrator', 1_600_000_000);
    expect(await sut.revokedBefore(APP, 'administrator')).toBe(1_700_000_000);
    expect(bus.asked).toEqual(['administrator']);
  });

  it('remembers nothing for the kick of someone it never looked up', async () => {
    bus.kick('alice', 1_700_000_000);
    bus.revokedBefore.set('alice', 0);
    expect(await sut.revokedBefore(APP, 'alice')).toBe(0);
    expect(bus.asked).toEqual(['alice']);
  });

  it('keeps the last known time when the account service is away, and throws without one', async () => {
    bus.revokedBefore.set('administrator', 42);
    const now = Date.now();
    expect(await sut.revokedBefore(APP, 'administrator', now)).toBe(42);
    bus.failure = new RpcUnavailableError('account.rpc.login', 'timeout');
    expect(await sut.revokedBefore(APP, 'administrator', now + TTL_MS + 1_000)).toBe(42);
    await expect(sut.revokedBefore(APP, 'other-admin')).rejects.toBe(bus.failure);
  });
});
