import { ErrorCode } from '@im/contracts';

import {
  bitMask,
  checkCustomMark,
  checkGroupCount,
  checkGroupName,
  checkMarkedCount,
  markString,
  nextGroupId,
} from './contact-marks.rules';

const codeOf = (f: () => void): number | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { code: number }).code;
  }
};

describe('contact marks rules', () => {
  it('builds 64-bit masks, bit 63 included, and prints them with bit 0 last', () => {
    expect(bitMask([0, 2])).toBe('5');
    expect(bitMask([])).toBe('0');
    expect(bitMask(undefined)).toBe('0');
    expect(bitMask([63])).toBe('-9223372036854775808');
    expect(markString('5')).toBe('101');
    expect(markString('0')).toBe('0');
    expect(markString(bitMask([63, 0]))).toBe(`1${'0'.repeat(62)}1`);
  });

  it('refuses an empty name (50002) and one over 32 bytes (51011), counting UTF-8 bytes', () => {
    expect(codeOf(() => checkGroupName(''))).toBe(ErrorCode.ContactInvalidParameters);
    expect(codeOf(() => checkGroupName('x'.repeat(32)))).toBeUndefined();
    expect(codeOf(() => checkGroupName('x'.repeat(33)))).toBe(
      ErrorCode.ConversationGroupNameTooLong,
    );
    expect(codeOf(() => checkGroupName('群'.repeat(11)))).toBe(
      ErrorCode.ConversationGroupNameTooLong,
    );
  });

  it('refuses a 21st group (51010) and a 1001st marked conversation (51008)', () => {
    expect(codeOf(() => checkGroupCount(19))).toBeUndefined();
    expect(codeOf(() => checkGroupCount(20))).toBe(ErrorCode.ConversationGroupLimit);
    expect(codeOf(() => checkMarkedCount(999, 1))).toBeUndefined();
    expect(codeOf(() => checkMarkedCount(999, 2))).toBe(ErrorCode.ConversationMarkLimit);
  });

  it('refuses a custom mark over 256 bytes', () => {
    expect(codeOf(() => checkCustomMark('x'.repeat(256)))).toBeUndefined();
    expect(codeOf(() => checkCustomMark('x'.repeat(257)))).toBe(ErrorCode.ContactInvalidParameters);
  });

  it('allocates group ids from 1, one past the highest', () => {
    expect(nextGroupId([])).toBe(1);
    expect(nextGroupId([1, 4, 2])).toBe(5);
  });
});
