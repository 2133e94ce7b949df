import type { AppCredentialsReply } from '@im/contracts';

import type { AppRegistryCache } from './app-registry.cache';
import { AppSettingsView } from './app-settings.view';

/** The two registry calls the view makes, over a map the test changes. */
class FakeRegistry {
  readonly apps = new Map<number, AppCredentialsReply>();
  readonly invalidated: number[] = [];

  get(sdkAppId: number): Promise<AppCredentialsReply | undefined> {
    return Promise.resolve(this.apps.get(sdkAppId));
  }

  invalidate(sdkAppId: number): void {
    this.invalidated.push(sdkAppId);
  }
}

const app = (sdkAppId: number, friendLimit?: number): AppCredentialsReply => ({
  sdkAppId,
  status: 'active',
  secretKey: 'k',
  keyVersion: 1,
  adminIdentifiers: ['administrator'],
  settings: friendLimit === undefined ? {} : { friendLimit },
});

describe(AppSettingsView.name, () => {
  let registry: FakeRegistry;
  let derive: jest.Mock<{ limit: number }, [AppCredentialsReply | undefined]>;
  let sut: AppSettingsView<{ limit: number }>;

  beforeEach(() => {
    registry = new FakeRegistry();
    derive = jest.fn((a: AppCredentialsReply | undefined) => ({
      limit: a?.settings.friendLimit ?? 3000,
    }));
    sut = new AppSettingsView(registry as unknown as AppRegistryCache, derive);
  });

  it('fills in defaults, and derives them for an app the registry does not know', async () => {
    registry.apps.set(1, app(1, 10));
    registry.apps.set(2, app(2));

    expect(await sut.of(1)).toEqual({ limit: 10 });
    expect(await sut.of(2)).toEqual({ limit: 3000 });
    expect(await sut.of(3)).toEqual({ limit: 3000 });
  });

  it('derives once per registry entry, anew when the entry changes', async () => {
    registry.apps.set(1, app(1, 10));
    const first = await sut.of(1);
    const again = await sut.of(1);
    registry.apps.set(1, app(1, 20));
    const changed = await sut.of(1);

    expect(again).toBe(first);
    expect(changed).toEqual({ limit: 20 });
    expect(derive).toHaveBeenCalledTimes(2);
  });

  it('asks the registry again when fresh', async () => {
    registry.apps.set(1, app(1, 10));

    await sut.of(1, { fresh: true });

    expect(registry.invalidated).toEqual([1]);
  });

  it('passes on what derive throws for an unknown app', async () => {
    const strict = new AppSettingsView(registry as unknown as AppRegistryCache, (a) => {
      if (!a) throw new Error('unknown app');
      return a.sdkAppId;
    });

    await expect(strict.of(9)).rejects.toThrow('unknown app');
  });
});
