import { ErrorCode, GroupBanLimits } from '@im/contracts';

import { banEnd, banTargets, nextBanOffset } from './group-ban.rules';

const codeOf = (fn: () => unknown): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code: number }).code;
  }
};

describe('member bans', () => {
  it('name each account once and refuse invalid IDs (10004) and the owner (10007)', () => {
    expect(banTargets(['a', 'b', 'a'], 'owner')).toEqual(['a', 'b']);
    expect(banTargets(['a'], null)).toEqual(['a']);
    expect(codeOf(() => banTargets(['a', ''], 'owner'))).toBe(ErrorCode.GroupInvalidParameter);
    expect(codeOf(() => banTargets(['a', 'owner'], 'owner'))).toBe(ErrorCode.GroupPermissionDenied);
  });

  it('end `Duration` seconds after they are made', () => {
    expect(banEnd(1_000, 3_600)).toBe(4_600);
    expect(banEnd(1_000, GroupBanLimits.durationMax)).toBe(1_000 + GroupBanLimits.durationMax);
  });

  it('page with NextOffset, 0 on the last page', () => {
    expect(nextBanOffset(0, 2, 2, true)).toBe(2);
    expect(nextBanOffset(2, 2, 2, true)).toBe(4);
    expect(nextBanOffset(4, 1, 2, false)).toBe(0);
    expect(nextBanOffset(4, 2, 2, false)).toBe(0);
  });
});
