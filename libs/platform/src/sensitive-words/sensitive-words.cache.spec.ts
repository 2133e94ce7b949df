import { DirtyWordsChangedEvent } from '@im/contracts';

import { createLogger } from '../logging/logger';
import type { NatsBus } from '../nats/nats-bus';
import { RpcUnavailableError } from '../nats/rpc-unavailable.error';
import { SensitiveWordsCache } from './sensitive-words.cache';

/** A bus that answers get-dirty-words from a map and delivers dirty-words-changed events. */
class FakeBus {
  readonly words = new Map<number, string[]>();
  readonly asked: number[] = [];
  readonly emitted: number[] = [];
  down = false;
  private held: (() => void)[] = [];
  hold = false;
  private listener?: (event: DirtyWordsChangedEvent) => void;

  asService(sdkAppId: number) {
    return { context: { role: 'service', callerId: 'test', sdkAppId } };
  }

  request(_subject: string, _req: object, options: { context: { sdkAppId: number } }) {
    const sdkAppId = options.context.sdkAppId;
    this.asked.push(sdkAppId);
    const answer = () => {
      if (this.down) throw new RpcUnavailableError('message.rpc.get-dirty-words', 'no-responders');
      return { words: [...(this.words.get(sdkAppId) ?? [])] };
    };
    if (!this.hold) return Promise.resolve().then(answer);
    return new Promise<void>((resolve) => this.held.push(resolve)).then(answer);
  }

  subscribe(_subject: string, handler: (event: DirtyWordsChangedEvent) => void) {
    this.listener = handler;
    return { unsubscribe: () => (this.listener = undefined) };
  }

  emit(_subject: string, fact: { sdkAppId: number }): Promise<undefined> {
    this.emitted.push(fact.sdkAppId);
    this.changed(fact.sdkAppId);
    return Promise.resolve(undefined);
  }

  changed(sdkAppId: number): void {
    this.listener?.({ sdkAppId, change: 'added', eventId: 'e', occurredAt: '', requestId: 'r' });
  }

  release(): void {
    this.hold = false;
    for (const go of this.held.splice(0)) go();
  }
}

describe(SensitiveWordsCache.name, () => {
  let bus: FakeBus;
  let sut: SensitiveWordsCache;

  beforeEach(() => {
    bus = new FakeBus();
    sut = new SensitiveWordsCache(bus as unknown as NatsBus, createLogger('test', 'n1', 'silent'));
    sut.onApplicationBootstrap();
  });

  afterEach(() => sut.onApplicationShutdown());

  it('reads an app’s list once and reuses the matcher', async () => {
    bus.words.set(1, ['spam']);
    const [a, b] = await Promise.all([sut.matcherOf(1), sut.matcherOf(1)]);
    expect(a).toBe(b);
    expect(await sut.firstMatch(1, ['ok', 'SPAM!'])).toBe(1);
    expect(bus.asked).toEqual([1]);
  });

  it('keeps apps apart: one app’s words never apply to another', async () => {
    bus.words.set(1, ['spam']);
    bus.words.set(2, ['eggs']);
    expect(await sut.firstMatch(1, ['spam'])).toBe(0);
    expect(await sut.firstMatch(2, ['spam'])).toBe(-1);
    expect(await sut.firstMatch(2, ['eggs'])).toBe(0);
  });

  it('reads the list again after a change is heard, for that app only', async () => {
    bus.words.set(1, ['spam']);
    bus.words.set(2, ['eggs']);
    await sut.matcherOf(1);
    await sut.matcherOf(2);
    bus.words.set(1, []);
    bus.changed(1);
    expect(await sut.firstMatch(1, ['spam'])).toBe(-1);
    await sut.matcherOf(2);
    expect(bus.asked).toEqual([1, 2, 1]);
  });

  it('announces a change: forgotten here at once and published for the others', async () => {
    bus.words.set(1, []);
    await sut.matcherOf(1);
    bus.words.set(1, ['new']);
    await sut.announceChange(1, 'added');
    expect(bus.emitted).toEqual([1]);
    expect(await sut.firstMatch(1, ['a new word'])).toBe(0);
  });

  it('does not keep a list read while a change was heard', async () => {
    bus.words.set(1, ['old']);
    bus.hold = true;
    const stale = sut.matcherOf(1);
    bus.changed(1);
    bus.words.set(1, ['new']);
    bus.release();
    await stale;
    expect(await sut.firstMatch(1, ['new'])).toBe(0);
  });

  it('names the first field that holds a word', async () => {
    bus.words.set(1, ['spam']);
    const fields = [
      ['Name', 'fine'],
      ['Introduction', undefined],
      ['Notification', 'Spam here'],
      ['NameCard', 'spam too'],
    ] as const;
    expect(await sut.matchedField(1, fields)).toBe('Notification');
    expect(await sut.matchedField(1, [['Name', 'fine']])).toBeUndefined();
  });

  it('does not read the list when there is no text to check', async () => {
    expect(await sut.firstMatch(1, [undefined, '', null])).toBe(-1);
    expect(bus.asked).toEqual([]);
  });

  it('lets text through for a while when the list cannot be read, then asks again', async () => {
    bus.down = true;
    expect(await sut.firstMatch(1, ['spam'])).toBe(-1);
    bus.down = false;
    bus.words.set(1, ['spam']);
    expect(await sut.firstMatch(1, ['spam'])).toBe(-1);
    expect(await sut.matcherOf(1, Date.now() + 5_001).then((m) => m.matches('spam'))).toBe(true);
  });
});
