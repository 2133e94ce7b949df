import { waitFor } from './wait-for';

const fast = { timeoutMs: 200, intervalMs: 1 };

describe(waitFor.name, () => {
  it('returns the first value that is neither false nor null', async () => {
    const answers = [null, false, 'ready'];
    let calls = 0;

    const value = await waitFor(() => answers[calls++], fast);

    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('retries while the function throws or its promise rejects, then returns its value', async () => {
    let calls = 0;

    const value = await waitFor(() => {
      calls++;
      if (calls === 1) throw new Error('not yet');
      if (calls === 2) return Promise.reject(new Error('still not'));
      return Promise.resolve({ rows: 1 });
    }, fast);

    expect(value).toEqual({ rows: 1 });
    expect(calls).toBe(3);
  });

  it('returns true for a boolean condition once it holds', async () => {
    let n = 0;

    await expect(waitFor(() => ++n >= 2, fast)).resolves.toBe(true);
  });

  it('accepts undefined, so assertion callbacks work', async () => {
    let n = 0;

    await expect(
      waitFor(() => {
        n++;
        expect(n).toBe(2);
      }, fast),
    ).resolves.toBeUndefined();
  });

  it('returns falsy non-boolean values such as 0 and an empty string', async () => {
    await expect(waitFor(() => 0, fast)).resolves.toBe(0);
    await expect(waitFor(() => '', fast)).resolves.toBe('');
  });

  it('times out with the last error and the given message', async () => {
    const failing = waitFor(
      () => {
        throw new Error('still no row');
      },
      { timeoutMs: 30, intervalMs: 5, message: 'row appears' },
    );

    await expect(failing).rejects.toThrow(
      /row appears: timed out after 30 ms.*last error: still no row/,
    );
  });

  it('times out with the last value when the condition stays false', async () => {
    await expect(waitFor(() => false, { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(
      /last value: false/,
    );
  });

  it('gives up on a call that never settles', async () => {
    const never = () => new Promise<string>(() => undefined);

    await expect(waitFor(never, { timeoutMs: 20 })).rejects.toThrow(/did not settle/);
  });

  it('calls at least once with a zero timeout', async () => {
    await expect(waitFor(() => 'now', { timeoutMs: 0 })).resolves.toBe('now');
  });
});
