import { TurnBatcher } from './turn-batcher';

describe('TurnBatcher', () => {
  it('runs the items of one turn once per key, in the order added, with the first context', async () => {
    const runs: [string, number[]][] = [];
    const batcher = new TurnBatcher<string, number, number>((context, items) => {
      runs.push([context, items]);
      return Promise.resolve(items.map((n) => n * 10));
    });

    const answers = await Promise.all([
      batcher.add('room-a', 'first a', 1),
      batcher.add('room-b', 'first b', 2),
      batcher.add('room-a', 'second a', 3),
    ]);

    expect(answers).toEqual([10, 20, 30]);
    expect(runs).toEqual([
      ['first a', [1, 3]],
      ['first b', [2]],
    ]);
  });

  it('starts a new batch in the next turn', async () => {
    const sizes: number[] = [];
    const batcher = new TurnBatcher<null, string, string>((_c, items) => {
      sizes.push(items.length);
      return Promise.resolve(items);
    });

    await Promise.all([batcher.add('k', null, 'a'), batcher.add('k', null, 'b')]);
    await batcher.add('k', null, 'c');

    expect(sizes).toEqual([2, 1]);
  });

  it('rejects every item of a failed batch and the items a batch left unanswered', async () => {
    const batcher = new TurnBatcher<null, string, string>((_c, items) =>
      items.includes('boom')
        ? Promise.reject(new Error('down'))
        : Promise.resolve(items.slice(0, 1)),
    );

    const failed = await Promise.allSettled([
      batcher.add('x', null, 'boom'),
      batcher.add('x', null, 'y'),
    ]);
    const partial = await Promise.allSettled([
      batcher.add('z', null, 'p'),
      batcher.add('z', null, 'q'),
    ]);

    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(partial).toEqual([
      { status: 'fulfilled', value: 'p' },
      { status: 'rejected', reason: new Error('batch left it unanswered') },
    ]);
  });
});
