import { ErrorCode, GroupCounterLimits } from '@im/contracts';

import {
  applyCounterDelete,
  applyCounterUpdate,
  countersSupported,
  selectCounters,
} from './group-counter.rules';

const c = (key: string, value: number) => ({ key, value });
const codeOf = (fn: () => unknown): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code: number }).code;
  }
};

describe('group counters', () => {
  it('exist for every built-in type', () => {
    for (const t of ['Private', 'Public', 'ChatRoom', 'AVChatRoom', 'BChatRoom'])
      expect(countersSupported(t as never)).toBe(true);
  });

  describe('an update', () => {
    const current = [c('like', 5), c('gift', 2)];

    it('set writes the values, keeps the other counters and names what changed', () => {
      expect(applyCounterUpdate(current, 'set', [c('like', 5), c('view', 9)])).toEqual({
        counters: [c('like', 5), c('gift', 2), c('view', 9)],
        written: [c('like', 5), c('view', 9)],
        changedKeys: ['view'],
      });
    });

    it('increase and decrease start a missing key at 0 and may go below zero', () => {
      expect(applyCounterUpdate(current, 'increase', [c('like', 3), c('new', 4)]).written).toEqual([
        c('like', 8),
        c('new', 4),
      ]);
      expect(applyCounterUpdate(current, 'decrease', [c('gift', 5), c('new', 1)]).written).toEqual([
        c('gift', -3),
        c('new', -1),
      ]);
      expect(applyCounterUpdate(current, 'increase', [c('like', 0)]).changedKeys).toEqual([]);
    });

    it('refuses an empty list, empty, long or repeated keys with 10004', () => {
      expect(codeOf(() => applyCounterUpdate(current, 'set', []))).toBe(
        ErrorCode.GroupInvalidParameter,
      );
      expect(codeOf(() => applyCounterUpdate(current, 'set', [c('', 1)]))).toBe(
        ErrorCode.GroupInvalidParameter,
      );
      expect(codeOf(() => applyCounterUpdate(current, 'set', [c('é'.repeat(65), 1)]))).toBe(
        ErrorCode.GroupInvalidParameter,
      );
      expect(applyCounterUpdate(current, 'set', [c('k'.repeat(128), 1)]).changedKeys).toHaveLength(
        1,
      );
      expect(codeOf(() => applyCounterUpdate(current, 'set', [c('a', 1), c('a', 2)]))).toBe(
        ErrorCode.GroupInvalidParameter,
      );
    });

    it('keeps values and results exact (safe integers), else 10004', () => {
      const max = GroupCounterLimits.maxValue;
      expect(applyCounterUpdate([], 'set', [c('a', max)]).written).toEqual([c('a', max)]);
      expect(codeOf(() => applyCounterUpdate([c('a', max)], 'increase', [c('a', 1)]))).toBe(
        ErrorCode.GroupInvalidParameter,
      );
      expect(codeOf(() => applyCounterUpdate([], 'set', [c('a', 1.5)]))).toBe(
        ErrorCode.GroupInvalidParameter,
      );
    });

    it('leaves at most 20 counters (10004 past them)', () => {
      const twenty = Array.from({ length: 20 }, (_, i) => c(`k${i}`, i));
      expect(applyCounterUpdate([], 'set', twenty).counters).toHaveLength(20);
      expect(codeOf(() => applyCounterUpdate(twenty, 'increase', [c('one-more', 1)]))).toBe(
        ErrorCode.GroupInvalidParameter,
      );
      expect(applyCounterUpdate(twenty, 'increase', [c('k3', 1)]).written).toEqual([c('k3', 4)]);
    });
  });

  it('a deletion removes the named keys and ignores keys the group lacks', () => {
    expect(applyCounterDelete([c('a', 1), c('b', 2)], ['b', 'zz'])).toEqual({
      counters: [c('a', 1)],
      deletedKeys: ['b'],
    });
    expect(codeOf(() => applyCounterDelete([c('a', 1)], []))).toBe(ErrorCode.GroupInvalidParameter);
  });

  it('a read answers every counter, or the named ones that exist in the order asked', () => {
    const current = [c('a', 1), c('b', 2), c('c', 3)];
    expect(selectCounters(current, undefined)).toEqual(current);
    expect(selectCounters(current, [])).toEqual(current);
    expect(selectCounters(current, ['c', 'x', 'a'])).toEqual([c('c', 3), c('a', 1)]);
  });
});
