import { ErrorCode } from '@im/contracts';

import {
  assertMaxSubscriberNum,
  assertOfficialAccountId,
  decodeSubscriberCursor,
  encodeSubscriberCursor,
  generateOfficialAccountId,
  planSubscriptions,
} from './official-account.rules';

const codeOf = (f: () => void): number | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { code: number }).code;
  }
};

describe('official account rules', () => {
  it('accepts @TOA#_ IDs up to 48 bytes and refuses others with 10004', () => {
    expect(codeOf(() => assertOfficialAccountId('@TOA#_news'))).toBeUndefined();
    expect(codeOf(() => assertOfficialAccountId(`@TOA#_${'a'.repeat(42)}`))).toBeUndefined();
    expect(codeOf(() => assertOfficialAccountId(`@TOA#_${'a'.repeat(43)}`))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
    expect(codeOf(() => assertOfficialAccountId('@TOA#_'))).toBe(ErrorCode.GroupInvalidParameter);
    expect(codeOf(() => assertOfficialAccountId('news'))).toBe(ErrorCode.GroupInvalidParameter);
    expect(codeOf(() => assertOfficialAccountId('@TOA#_a\nb'))).toBe(
      ErrorCode.GroupInvalidParameter,
    );
  });

  it('generates valid IDs in Tencent shape', () => {
    const id = generateOfficialAccountId();
    expect(id).toMatch(/^@TOA#_@TOA#[A-Za-z0-9]{8}$/);
    expect(codeOf(() => assertOfficialAccountId(id))).toBeUndefined();
    expect(generateOfficialAccountId(() => Buffer.alloc(8, 0))).toBe('@TOA#_@TOA#AAAAAAAA');
  });

  it('plans a batch: 1 added up to the free places, 2 already subscribed, 0 not an account or full', () => {
    expect(
      planSubscriptions({
        userIds: ['a', 'b', 'ghost', 'c', 'd', 'a'],
        accounts: new Set(['a', 'b', 'c', 'd']),
        subscribed: new Set(['b']),
        subscriberNum: 1,
        maxSubscriberNum: 3,
      }),
    ).toEqual([
      { userId: 'a', result: 1 },
      { userId: 'b', result: 2 },
      { userId: 'ghost', result: 0 },
      { userId: 'c', result: 1 },
      { userId: 'd', result: 0 },
      { userId: 'a', result: 2 },
    ]);
  });

  it('round-trips the subscriber cursor and refuses a foreign one', () => {
    expect(decodeSubscriberCursor(encodeSubscriberCursor('user#1 é'))).toBe('user#1 é');
    expect(decodeSubscriberCursor('')).toBe('');
    expect(codeOf(() => decodeSubscriberCursor('a b'))).toBe(ErrorCode.GroupInvalidParameter);
  });

  it('keeps MaxSubscriberNum at or above the current count', () => {
    expect(codeOf(() => assertMaxSubscriberNum(undefined, 5))).toBeUndefined();
    expect(codeOf(() => assertMaxSubscriberNum(5, 5))).toBeUndefined();
    expect(codeOf(() => assertMaxSubscriberNum(4, 5))).toBe(ErrorCode.GroupInvalidParameter);
  });
});
