import { AccountEvt, AccountKickedEvent, ErrorCode, RemoteError } from '@im/contracts';
import { createLogger, NatsBus, RpcUnavailableError } from '@im/platform';

import type { MediaConfig } from './media.config';
import { UploadRevocationCache } from './upload-revocation.cache';

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
    return { context: { sdkAppId, role: 'service', callerId: 'media' } };
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

describe(UploadRevocationCache.name, () => {
  let bus: FakeBus;
  let sut: UploadRevocationCache;

  beforeEach(() => {
    bus = new FakeBus();
    const config = { appRegistry: { ttlMs: TTL_MS } } as MediaConfig;
    sut = new UploadRevocationCache(
      bus as unknown as NatsBus,
      config,
      createLogger('media', 'test', 'silent'),
    );
    sut.onApplicationBootstrap();
  });

  afterEach(() => sut.onApplicationShutdown());

  it('asks the account service once per uploader and TTL, creating nothing', async () => {
    bus.revokedBefore.set('alice', 100);
    const now = Date.now();
    expect(await sut.revokedBefore(APP, 'alice', now)).toBe(100);
    expect(await sut.revokedBefore(APP, 'alice', now + 1_000)).toBe(100);
    bus.revokedBefore.set('alice', 200);
    expect(await sut.revokedBefore(APP, 'alice', now + TTL_MS + 1_000)).toBe(200);
    expect(bus.asked).toEqual(['alice', 'alice']);
    expect(bus.createIfMissing).toEqual([false, false]);
    expect(bus.subjects).toEqual([AccountEvt.Kicked]);
  });

  it('shares one request among concurrent uploads of a user', async () => {
    bus.revokedBefore.set('alice', 5);
    const answers = await Promise.all([1, 2, 3].map(() => sut.revokedBefore(APP, 'alice')));
    expect(answers).toEqual([5, 5, 5]);
    expect(bus.asked).toHaveLength(1);
  });

  it('moves a remembered uploader forward on account.evt.kicked, never back', async () => {
    bus.revokedBefore.set('alice', 0);
    expect(await sut.revokedBefore(APP, 'alice')).toBe(0);
    bus.kick('alice', 1_700_000_000);
    expect(await sut.revokedBefore(APP, 'alice')).toBe(1_700_000_000);
    bus.kick('alice', 1_600_000_000);
    expect(await sut.revokedBefore(APP, 'alice')).toBe(1_700_000_000);
    expect(bus.asked).toEqual(['alice']);
  });

  it('takes a user never imported as never kicked; keeps the last time when account is away', async () => {
    expect(await sut.revokedBefore(APP, 'nobody')).toBe(0);
    bus.revokedBefore.set('alice', 42);
    const now = Date.now();
    expect(await sut.revokedBefore(APP, 'alice', now)).toBe(42);
    bus.failure = new RpcUnavailableError('account.rpc.login', 'timeout');
    expect(await sut.revokedBefore(APP, 'alice', now + TTL_MS + 1_000)).toBe(42);
    await expect(sut.revokedBefore(APP, 'bob')).rejects.toBe(bus.failure);
  });
});
