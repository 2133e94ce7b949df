import { AppChangedEvent, AppCredentialsReply, ErrorCode, RemoteError } from '@im/contracts';

import { createLogger } from '../logging/logger';
import type { NatsBus } from '../nats/nats-bus';
import { RpcUnavailableError } from '../nats/rpc-unavailable.error';
import { AppRegistryCache } from './app-registry.cache';

const makeCredentials = (
  sdkAppId: number,
  overrides: Partial<AppCredentialsReply> = {},
): AppCredentialsReply => ({
  sdkAppId,
  status: 'active',
  secretKey: 'a'.repeat(64),
  keyVersion: 1,
  adminIdentifiers: ['administrator'],
  settings: {},
  ...overrides,
});

/** A bus that answers get-app-credentials from a map and lets the test deliver app-changed events. */
class FakeBus {
  readonly apps = new Map<number, AppCredentialsReply>();
  requests = 0;
  down = false;
  pending: (() => void)[] = [];
  hold = false;
  private listener?: (event: AppChangedEvent) => void;

  request(_subject: string, req: { sdkAppId: number }): Promise<AppCredentialsReply> {
    this.requests++;
    const answer = () => {
      if (this.down)
        throw new RpcUnavailableError('account.rpc.get-app-credentials', 'no-responders');
      const app = this.apps.get(req.sdkAppId);
      if (!app) throw new RemoteError(ErrorCode.SdkAppIdNotFound, 'no such app', 'x');
      return { ...app };
    };
    if (!this.hold) return Promise.resolve().then(answer);
    return new Promise<void>((resolve) => this.pending.push(resolve)).then(answer);
  }

  subscribe(_subject: string, handler: (event: AppChangedEvent) => void) {
    this.listener = handler;
    return { unsubscribe: () => (this.listener = undefined) };
  }

  changed(sdkAppId: number, changes: AppChangedEvent['changes']): void {
    this.listener?.({ sdkAppId, changes, eventId: 'e', occurredAt: '', requestId: 'r' });
  }

  release(): void {
    this.hold = false;
    for (const answer of this.pending.splice(0)) answer();
  }
}

describe(AppRegistryCache.name, () => {
  let bus: FakeBus;
  let sut: AppRegistryCache;

  beforeEach(() => {
    bus = new FakeBus();
    sut = new AppRegistryCache(bus as unknown as NatsBus, createLogger('t', 't', 'silent'), {
      ttlMs: 1000,
      negativeTtlMs: 100,
      maxEntries: 2,
      callerId: 'test',
    });
    sut.start();
  });

  it('asks the account service once and reuses the answer within the TTL', async () => {
    bus.apps.set(1, makeCredentials(1));

    await sut.get(1, 0);
    const again = await sut.get(1, 999);

    expect(again?.sdkAppId).toBe(1);
    expect(bus.requests).toBe(1);
  });

  it('asks again once the TTL has passed', async () => {
    bus.apps.set(1, makeCredentials(1));
    await sut.get(1);

    await sut.get(1, Date.now() + 1001);

    expect(bus.requests).toBe(2);
  });

  it('remembers an unknown app for the shorter negative TTL', async () => {
    expect(await sut.get(7)).toBeUndefined();
    expect(await sut.get(7)).toBeUndefined();
    expect(bus.requests).toBe(1);

    await sut.get(7, Date.now() + 101);
    expect(bus.requests).toBe(2);
  });

  it('shares one request among concurrent misses', async () => {
    bus.apps.set(1, makeCredentials(1));

    await Promise.all([sut.get(1), sut.get(1), sut.get(1)]);

    expect(bus.requests).toBe(1);
  });

  it('drops an app when the account service announces a change, e.g. a new key', async () => {
    bus.apps.set(1, makeCredentials(1));
    await sut.get(1);
    bus.apps.set(1, makeCredentials(1, { secretKey: 'b'.repeat(64), keyVersion: 2 }));

    bus.changed(1, ['key-rotated']);

    expect((await sut.get(1))?.keyVersion).toBe(2);
  });

  it('keeps what it holds when another app is created, but forgets a remembered "no such app"', async () => {
    bus.apps.set(1, makeCredentials(1));
    await sut.get(1);
    await sut.get(2);
    bus.apps.set(2, makeCredentials(2));

    bus.changed(1, ['created']);
    bus.changed(2, ['created']);

    expect((await sut.get(2))?.sdkAppId).toBe(2);
    await sut.get(1);
    expect(bus.requests).toBe(3);
  });

  it('does not cache an answer that raced with an invalidation of the same app', async () => {
    bus.apps.set(1, makeCredentials(1));
    bus.hold = true;
    const loading = sut.get(1);
    bus.changed(1, ['status']);
    bus.release();
    await loading;

    await sut.get(1);

    expect(bus.requests).toBe(2);
  });

  it('passes "account service unavailable" to the caller and caches nothing', async () => {
    bus.down = true;
    await expect(sut.get(1)).rejects.toBeInstanceOf(RpcUnavailableError);

    bus.down = false;
    bus.apps.set(1, makeCredentials(1));
    expect((await sut.get(1))?.sdkAppId).toBe(1);
  });

  it('holds at most maxEntries apps, forgetting the oldest', async () => {
    for (const id of [1, 2, 3]) bus.apps.set(id, makeCredentials(id));
    await sut.get(1);
    await sut.get(2);
    await sut.get(3);

    await sut.get(3);
    await sut.get(1);

    expect(bus.requests).toBe(4);
  });
});

describe(`${AppRegistryCache.name} load listeners`, () => {
  it('hears every entry fetched from the account service, not the reuses nor unknown apps', async () => {
    const bus = new FakeBus();
    bus.apps.set(1, makeCredentials(1));
    const sut = new AppRegistryCache(bus as unknown as NatsBus, createLogger('t', 't', 'silent'), {
      ttlMs: 1000,
      negativeTtlMs: 100,
      maxEntries: 10,
      callerId: 'test',
    });
    const loaded: number[] = [];
    sut.onLoaded((app) => loaded.push(app.sdkAppId));

    await sut.get(1);
    await sut.get(1);
    await sut.get(2);
    sut.invalidate(1);
    await sut.get(1);

    expect(loaded).toEqual([1, 1]);
  });
});
