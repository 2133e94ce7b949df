import { ErrorCode } from '@im/contracts';
import type { MessageExtension } from '@im/contracts';

import { hasRepeatedKeys, planExtensions, pullPage } from './extension.rules';
import type { ExtensionState } from './extension.rules';

function makeState(keys: MessageExtension[] = [], latestSeq = 0, clearSeq = 0): ExtensionState {
  return { latestSeq, clearSeq, keys: new Map(keys.map((k) => [k.key, k])) };
}

describe(planExtensions.name, () => {
  it('writes new keys with Seq 0 at the message’s next version', () => {
    const plan = planExtensions(
      makeState(),
      'set',
      [
        { key: 'k1', value: 'v1', seq: 0 },
        { key: 'k2', value: 'v2', seq: 0 },
      ],
      false,
    );
    expect(plan).toMatchObject({ changed: true, latestSeq: 1, overLimit: false });
    expect(plan.writes).toEqual([
      { key: 'k1', value: 'v1', seq: 1 },
      { key: 'k2', value: 'v2', seq: 1 },
    ]);
    expect(plan.results.map((r) => r.code)).toEqual([0, 0]);
  });

  it('answers 23001 with the stored key when the Seq is not the stored one, writing the others', () => {
    const state = makeState([{ key: 'k1', value: 'old', seq: 3 }], 3);
    const plan = planExtensions(
      state,
      'set',
      [
        { key: 'k1', value: 'mine', seq: 2 },
        { key: 'k2', value: 'v2', seq: 0 },
      ],
      false,
    );
    expect(plan.results).toEqual([
      {
        key: 'k1',
        code: ErrorCode.MessageExtensionConflict,
        extension: { key: 'k1', value: 'old', seq: 3 },
      },
      { key: 'k2', code: 0, extension: { key: 'k2', value: 'v2', seq: 4 } },
    ]);
    expect(plan.latestSeq).toBe(4);
  });

  it('treats a user’s missing Seq as 0 (a new key) but lets the App admin write over any version', () => {
    const state = makeState([{ key: 'k', value: 'v', seq: 5 }], 5);
    expect(planExtensions(state, 'set', [{ key: 'k', value: 'x' }], false).results[0].code).toBe(
      ErrorCode.MessageExtensionConflict,
    );
    expect(planExtensions(state, 'set', [{ key: 'k', value: 'x' }], true).results[0]).toEqual({
      key: 'k',
      code: 0,
      extension: { key: 'k', value: 'x', seq: 6 },
    });
  });

  it('deletes a key at its Seq, answers 23004 for a key not there', () => {
    const state = makeState([{ key: 'k', value: 'v', seq: 1 }], 1);
    const plan = planExtensions(
      state,
      'delete',
      [
        { key: 'k', seq: 1 },
        { key: 'nope', seq: 0 },
      ],
      false,
    );
    expect(plan.deletes).toEqual(['k']);
    expect(plan.results.map((r) => r.code)).toEqual([0, ErrorCode.MessageExtensionNotFound]);
    expect(plan.results[0].extension).toEqual({ key: 'k', value: '', seq: 2 });
  });

  it('clears every key and records the clear’s version; clearing nothing changes nothing', () => {
    const plan = planExtensions(
      makeState([{ key: 'k', value: 'v', seq: 1 }], 1),
      'clear',
      [],
      false,
    );
    expect(plan).toMatchObject({ clear: true, changed: true, latestSeq: 2, clearSeq: 2 });
    expect(planExtensions(makeState([], 4, 4), 'clear', [], false)).toMatchObject({
      changed: false,
      latestSeq: 4,
    });
  });

  it('changes nothing (no version bump) when every key conflicts', () => {
    const plan = planExtensions(
      makeState([{ key: 'k', value: 'v', seq: 1 }], 1),
      'set',
      [{ key: 'k', value: 'x', seq: 0 }],
      false,
    );
    expect(plan).toMatchObject({ changed: false, latestSeq: 1 });
  });

  it('refuses a write that would hold more than 300 keys a message', () => {
    const full = makeState(
      Array.from({ length: 300 }, (_, i) => ({ key: `k${i}`, value: '', seq: 1 })),
      1,
    );
    expect(planExtensions(full, 'set', [{ key: 'new', value: 'v', seq: 0 }], false).overLimit).toBe(
      true,
    );
    expect(planExtensions(full, 'set', [{ key: 'k1', value: 'v', seq: 1 }], false).overLimit).toBe(
      false,
    );
  });
});

describe(hasRepeatedKeys.name, () => {
  it('spots a key named twice', () => {
    expect(hasRepeatedKeys([{ key: 'a' }, { key: 'a' }])).toBe(true);
    expect(hasRepeatedKeys([{ key: 'a' }, { key: 'b' }])).toBe(false);
  });
});

describe(pullPage.name, () => {
  it('answers the keys from startSeq on in version order, 200 at most', () => {
    const keys = Array.from({ length: 250 }, (_, i) => ({ key: `k${i}`, value: '', seq: i + 1 }));
    const first = pullPage(keys, 0);
    expect(first.extensions).toHaveLength(200);
    expect(first.isComplete).toBe(false);
    const rest = pullPage(keys, 201);
    expect(rest.extensions.map((e) => e.seq)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 201),
    );
    expect(rest.isComplete).toBe(true);
  });
});
