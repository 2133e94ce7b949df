import { AccountRpc } from '@im/contracts';
import type { CheckAccountsReply, UserIdsRequest } from '@im/contracts';
import type { NatsBus, RequestOptions } from '@im/platform';

import { AccountDirectory } from './account-directory';
import type { ProfileCache } from './profile.cache';

/** The account service as far as `account.rpc.check` goes: these accounts exist. */
class FakeAccountBus {
  readonly requests: { subject: string; userIds: string[]; options?: RequestOptions }[] = [];

  constructor(private readonly existing: Set<string>) {}

  asService(sdkAppId: number): RequestOptions {
    return { context: { sdkAppId, role: 'service', callerId: 'profile' } };
  }

  request(
    subject: string,
    req: UserIdsRequest,
    options?: RequestOptions,
  ): Promise<CheckAccountsReply> {
    this.requests.push({ subject, userIds: req.userIds, options });
    return Promise.resolve({
      results: req.userIds.map((userId) => ({
        userId,
        code: 0,
        message: '',
        isImported: this.existing.has(userId),
      })),
    });
  }
}

/** The confirmation part of ProfileCache, in memory. */
class FakeConfirmationCache {
  readonly entries = new Map<string, number>();

  getConfirmations(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const u of userIds) {
      const at = this.entries.get(`${sdkAppId}/${u}`);
      if (at !== undefined) found.set(u, at);
    }
    return Promise.resolve(found);
  }

  putConfirmations(sdkAppId: number, confirmed: Map<string, number>): Promise<void> {
    for (const [u, at] of confirmed) this.entries.set(`${sdkAppId}/${u}`, at);
    return Promise.resolve();
  }
}

function makeSut(existing: string[]) {
  const bus = new FakeAccountBus(new Set(existing));
  const cache = new FakeConfirmationCache();
  const sut = new AccountDirectory(bus as unknown as NatsBus, cache as unknown as ProfileCache);
  return { sut, bus, cache };
}

describe(AccountDirectory.name, () => {
  it('asks account.rpc.check as the profile service of the app and returns the existing ones', async () => {
    const { sut, bus } = makeSut(['alice']);

    const confirmed = await sut.confirmExisting(7, ['alice', 'ghost']);

    expect([...confirmed.keys()]).toEqual(['alice']);
    expect(bus.requests).toEqual([
      {
        subject: AccountRpc.Check,
        userIds: ['alice', 'ghost'],
        options: { context: { sdkAppId: 7, role: 'service', callerId: 'profile' } },
      },
    ]);
  });

  it('asks in batches of at most 100', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `u${i}`);
    const { sut, bus } = makeSut(ids);

    const confirmed = await sut.confirmExisting(7, ids);

    expect(bus.requests.map((r) => r.userIds.length)).toEqual([100, 100, 50]);
    expect(confirmed.size).toBe(250);
  });

  it('caches confirmations but never an unknown account', async () => {
    const { sut, bus, cache } = makeSut(['alice']);

    await sut.confirmExisting(7, ['alice', 'ghost']);
    await sut.confirmExisting(7, ['alice', 'ghost']);

    expect([...cache.entries.keys()]).toEqual(['7/alice']);
    expect(bus.requests.map((r) => r.userIds)).toEqual([['alice', 'ghost'], ['ghost']]);
  });

  it('asks again for cached accounts when told to be fresh', async () => {
    const { sut, bus } = makeSut(['alice']);
    await sut.confirmExisting(7, ['alice']);

    const confirmed = await sut.confirmExisting(7, ['alice'], { fresh: true });

    expect(bus.requests).toHaveLength(2);
    expect(confirmed.has('alice')).toBe(true);
  });

  it('keeps the apps apart in the cache', async () => {
    const { sut, cache } = makeSut(['alice']);

    await sut.confirmExisting(7, ['alice']);

    expect(await cache.getConfirmations(8, ['alice'])).toEqual(new Map());
  });

  it('asks nothing for no users', async () => {
    const { sut, bus } = makeSut([]);

    expect(await sut.confirmExisting(7, [])).toEqual(new Map());
    expect(bus.requests).toEqual([]);
  });
});
