import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('forgets an entry after its time to live and the oldest beyond its bound', () => {
    const cache = new TtlCache<string, number>(1000, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);

    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    expect(cache.get('c', Date.now() + 1000)).toBeUndefined();
  });

  it("drops one group's entries and nothing else", () => {
    const cache = new TtlCache<string, string>(60_000, 100, (key) => key.split('\u0000')[0]);
    cache.set('g1\u0000alice', 'a');
    cache.set('g1\u0000bob', 'b');
    cache.set('g2\u0000alice', 'c');

    cache.deleteGroup('g1');

    expect(cache.get('g1\u0000alice')).toBeUndefined();
    expect(cache.get('g1\u0000bob')).toBeUndefined();
    expect(cache.get('g2\u0000alice')).toBe('c');
    cache.set('g1\u0000alice', 'again');
    expect(cache.get('g1\u0000alice')).toBe('again');
  });

  it('does not keep what a load returns after its group was dropped during the load', async () => {
    const cache = new TtlCache<string, string>(60_000, 100, (key) => key.split('\u0000')[0]);
    let finish!: (value: string) => void;
    const loading = cache.load('g\u0000u', () => new Promise<string>((r) => (finish = r)));

    cache.deleteGroup('g');
    finish('before the change');

    expect(await loading).toBe('before the change');
    expect(cache.get('g\u0000u')).toBeUndefined();
    expect(await cache.load('g\u0000u', () => Promise.resolve('after'))).toBe('after');
  });

  it('shares one load between concurrent callers', async () => {
    const cache = new TtlCache<string, number>(60_000);
    let calls = 0;
    const load = () => cache.load('k', () => Promise.resolve(++calls));

    expect(await Promise.all([load(), load()])).toEqual([1, 1]);
    expect(await load()).toBe(1);
  });
});
