import { KeyedSerializer } from './keyed-serializer.util';

/** A task that runs until released, recording its start. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const task = async () => {
    log.push(`start ${name}`);
    await released;
    log.push(`end ${name}`);
    return name;
  };
  return { task, release };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(KeyedSerializer.name, () => {
  it('runs tasks of one key one after another, in call order', async () => {
    const sut = new KeyedSerializer();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');

    const first = sut.run('g1', a.task);
    const second = sut.run('g1', b.task);
    await tick();
    expect(log).toEqual(['start a']);

    a.release();
    await expect(first).resolves.toBe('a');
    await tick();
    expect(log).toEqual(['start a', 'end a', 'start b']);
    b.release();
    await expect(second).resolves.toBe('b');
    await tick();
    expect(sut.size).toBe(0);
  });

  it('runs tasks of different keys at the same time', async () => {
    const sut = new KeyedSerializer();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');

    const both = Promise.all([sut.run('g1', a.task), sut.run('g2', b.task)]);
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    a.release();
    b.release();
    await both;
  });

  it('goes on with the next task after one fails, and hands the failure to its caller', async () => {
    const sut = new KeyedSerializer();

    const failed = sut.run('g1', () => Promise.reject(new Error('full')));
    const next = sut.run('g1', () => Promise.resolve('next'));

    await expect(failed).rejects.toThrow('full');
    await expect(next).resolves.toBe('next');
  });
});
