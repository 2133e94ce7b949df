import { BatchLoader } from './batch-loader';

describe('BatchLoader', () => {
  it('asks once per app for the keys of one moment, each key once', async () => {
    const calls: [number, string[]][] = [];
    const loader = new BatchLoader<string>((sdkAppId, keys) => {
      calls.push([sdkAppId, keys]);
      return Promise.resolve(new Map(keys.map((k) => [k, `${sdkAppId}:${k}`])));
    });

    const answers = await Promise.all([
      loader.load(1, 'a'),
      loader.load(1, 'b'),
      loader.load(1, 'a'),
      loader.load(2, 'a'),
    ]);

    expect(answers).toEqual(['1:a', '1:b', '1:a', '2:a']);
    expect(calls).toEqual([
      [1, ['a', 'b']],
      [2, ['a']],
    ]);
  });

  it('splits a large moment into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const loader = new BatchLoader<number>((_app, keys) => {
      sizes.push(keys.length);
      return Promise.resolve(new Map(keys.map((k) => [k, Number(k)])));
    }, 100);

    const keys = Array.from({ length: 250 }, (_, i) => String(i));
    const answers = await Promise.all(keys.map((k) => loader.load(7, k)));

    expect(answers).toEqual(keys.map(Number));
    expect(sizes).toEqual([100, 100, 50]);
  });

  it('answers undefined for a key the batch leaves out, and fails every key of a failed batch', async () => {
    let fail = false;
    const loader = new BatchLoader<string>((_app, keys) =>
      fail
        ? Promise.reject(new Error('down'))
        : Promise.resolve(new Map(keys.filter((k) => k !== 'ghost').map((k) => [k, k]))),
    );

    await expect(Promise.all([loader.load(1, 'x'), loader.load(1, 'ghost')])).resolves.toEqual([
      'x',
      undefined,
    ]);
    fail = true;
    const results = await Promise.allSettled([loader.load(1, 'x'), loader.load(1, 'y')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    // A later moment asks again.
    fail = false;
    await expect(loader.load(1, 'y')).resolves.toBe('y');
  });
});
