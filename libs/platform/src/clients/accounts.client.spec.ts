import { AccountEvt, AccountRpc } from '@im/contracts';
import type { CheckAccountsReply, UserIdsRequest } from '@im/contracts';

import type { NatsBus, RequestOptions } from '../nats/nats-bus';
import { AccountsClient } from './accounts.client';

type Listener = (event: {
  sdkAppId: number;
  userIds?: string[];
  accounts?: { userId: string }[];
}) => void;

/** The account service as far as `account.rpc.check` goes, and the account facts heard. */
class FakeAccountBus {
  readonly requests: { subject: string; userIds: string[]; options?: RequestOptions }[] = [];
  readonly listeners = new Map<string, Listener>();
  /** Runs while a check is in flight (after it was asked, before it is answered). */
  duringCheck?: () => void;

  constructor(readonly existing: Set<string>) {}

  asService(sdkAppId: number): RequestOptions {
    return { context: { sdkAppId, role: 'service', callerId: 'profile' } };
  }

  request(
    subject: string,
    req: UserIdsRequest,
    options?: RequestOptions,
  ): Promise<CheckAccountsReply> {
    this.requests.push({ subject, userIds: req.userIds, options });
    this.duringCheck?.();
    return Promise.resolve({
      results: req.userIds.map((userId) => ({
        userId,
        code: 0,
        message: '',
        isImported: this.existing.has(userId),
      })),
    });
  }

  subscribe(subject: string, listener: Listener) {
    this.listeners.set(subject, listener);
    return { unsubscribe: () => this.listeners.delete(subject) };
  }
}

function makeSut(existing: string[]) {
  const bus = new FakeAccountBus(new Set(existing));
  const sut = new AccountsClient(bus as unknown as NatsBus);
  sut.onApplicationBootstrap();
  return { sut, bus };
}

describe(AccountsClient.name, () => {
  it('asks account.rpc.check as the service of the app and returns the existing ones', async () => {
    const { sut, bus } = makeSut(['alice']);

    const confirmed = await sut.confirmed(7, ['alice', 'ghost']);

    expect([...confirmed.keys()]).toEqual(['alice']);
    expect(bus.requests).toEqual([
      {
        subject: AccountRpc.Check,
        userIds: ['alice', 'ghost'],
        options: { context: { sdkAppId: 7, role: 'service', callerId: 'profile' } },
      },
    ]);
  });

  it('shares the misses of one moment in batches of at most 100', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `u${i}`);
    const { sut, bus } = makeSut(ids);

    const [all, again] = await Promise.all([sut.existing(7, ids), sut.existing(7, ['u0'])]);

    expect(bus.requests.map((r) => r.userIds.length)).toEqual([100, 100, 50]);
    expect([all.size, again.size]).toEqual([250, 1]);
  });

  it('caches confirmations but never an unknown account', async () => {
    const { sut, bus } = makeSut(['alice']);

    await sut.confirmed(7, ['alice', 'ghost']);
    bus.existing.add('ghost');
    const second = await sut.existing(7, ['alice', 'ghost']);

    expect(bus.requests.map((r) => r.userIds)).toEqual([['alice', 'ghost'], ['ghost']]);
    expect(second).toEqual(new Set(['alice', 'ghost']));
  });

  it('keeps the time the account service confirmed an account while it is cached', async () => {
    const { sut } = makeSut(['alice']);

    const first = (await sut.confirmed(7, ['alice'])).get('alice');
    const second = (await sut.confirmed(7, ['alice'])).get('alice');

    expect(second).toBe(first);
  });

  it('asks again for cached accounts when told to be fresh', async () => {
    const { sut, bus } = makeSut(['alice']);
    await sut.confirmed(7, ['alice']);
    bus.existing.delete('alice');

    expect(await sut.exists(7, 'alice', { fresh: true })).toBe(false);
    expect(bus.requests).toHaveLength(2);
  });

  it('forgets accounts named by a deletion or an import', async () => {
    const { sut, bus } = makeSut(['alice', 'bob']);
    await sut.existing(7, ['alice', 'bob']);

    bus.existing.delete('alice');
    bus.listeners.get(AccountEvt.Deleted)?.({ sdkAppId: 7, userIds: ['alice'] });
    bus.listeners.get(AccountEvt.Imported)?.({ sdkAppId: 7, accounts: [{ userId: 'bob' }] });

    expect(await sut.missing(7, ['alice', 'bob'])).toEqual(new Set(['alice']));
    expect(bus.requests.map((r) => r.userIds)).toEqual([
      ['alice', 'bob'],
      ['alice', 'bob'],
    ]);
  });

  it('does not cache an answer that overlapped a deletion', async () => {
    const { sut, bus } = makeSut(['alice']);
    bus.duringCheck = () =>
      bus.listeners.get(AccountEvt.Deleted)?.({ sdkAppId: 7, userIds: ['alice'] });

    await sut.existing(7, ['alice']);
    bus.duringCheck = undefined;
    await sut.existing(7, ['alice']);

    expect(bus.requests).toHaveLength(2);
  });

  it('keeps the apps apart in the cache', async () => {
    const { sut, bus } = makeSut(['alice']);

    await sut.existing(7, ['alice']);
    await sut.existing(8, ['alice']);

    expect(bus.requests.map((r) => r.options?.context?.sdkAppId)).toEqual([7, 8]);
  });

  it('asks nothing for no users or invalid IDs, which do not exist', async () => {
    const { sut, bus } = makeSut([]);

    expect(await sut.confirmed(7, [])).toEqual(new Map());
    expect(await sut.missing(7, [''])).toEqual(new Set(['']));
    expect(bus.requests).toEqual([]);
  });
});
