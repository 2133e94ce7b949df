import { ErrorCode } from '@im/contracts';

import { applyAttrWrite, attrsSupported } from './group-attr.rules';

const attr = (key: string, value: string) => ({ key, value });
const codeOf = (fn: () => unknown): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code: number }).code;
  }
};

describe('group attributes', () => {
  it('exist for Private, Public, ChatRoom and AVChatRoom, not for BChatRoom', () => {
    expect(
      ['Private', 'Public', 'ChatRoom', 'AVChatRoom'].every((t) => attrsSupported(t as never)),
    ).toBe(true);
    expect(attrsSupported('BChatRoom')).toBe(false);
  });

  describe('a write', () => {
    const current = [attr('a', '1'), attr('b', '2')];

    it('set replaces every attribute and names what changed or went', () => {
      expect(applyAttrWrite(current, 'set', [attr('b', '2'), attr('c', '3')])).toEqual({
        attrs: [attr('b', '2'), attr('c', '3')],
        changedKeys: ['a', 'c'],
      });
      expect(applyAttrWrite(current, 'set', [])).toEqual({ attrs: [], changedKeys: ['a', 'b'] });
    });

    it('modify upserts the given keys in place and keeps the others', () => {
      expect(applyAttrWrite(current, 'modify', [attr('a', '9'), attr('z', '0')])).toEqual({
        attrs: [attr('a', '9'), attr('b', '2'), attr('z', '0')],
        changedKeys: ['a', 'z'],
      });
      expect(applyAttrWrite(current, 'modify', [attr('a', '1')]).changedKeys).toEqual([]);
    });

    it('clear removes everything; delete removes the given keys, 10050 for one not there', () => {
      expect(applyAttrWrite(current, 'clear')).toEqual({ attrs: [], changedKeys: ['a', 'b'] });
      expect(applyAttrWrite([], 'clear')).toEqual({ attrs: [], changedKeys: [] });
      expect(applyAttrWrite(current, 'delete', [attr('a', '')])).toEqual({
        attrs: [attr('b', '2')],
        changedKeys: ['a'],
      });
      expect(codeOf(() => applyAttrWrite(current, 'delete', [attr('x', '')]))).toBe(
        ErrorCode.GroupAttributeKeyNotFound,
      );
    });

    it('refuses an empty or repeated key and an empty modify or delete (10004)', () => {
      expect(codeOf(() => applyAttrWrite([], 'set', [attr('', 'v')]))).toBe(10004);
      expect(codeOf(() => applyAttrWrite([], 'set', [attr('k', '1'), attr('k', '2')]))).toBe(10004);
      expect(codeOf(() => applyAttrWrite(current, 'modify', []))).toBe(10004);
      expect(codeOf(() => applyAttrWrite(current, 'delete', []))).toBe(10004);
    });

    it('counts keys (16, 10047) and bytes: key 32 (10045), value 4,000 (10046), all 16 KB (10048)', () => {
      const keys = (n: number) => Array.from({ length: n }, (_, i) => attr(`k${i}`, 'v'));
      expect(applyAttrWrite([], 'set', keys(16)).attrs).toHaveLength(16);
      expect(codeOf(() => applyAttrWrite([], 'set', keys(17)))).toBe(10047);
      expect(codeOf(() => applyAttrWrite(keys(16), 'modify', [attr('new', 'v')]))).toBe(10047);

      expect(codeOf(() => applyAttrWrite([], 'set', [attr('k'.repeat(32), 'v')]))).toBeUndefined();
      expect(codeOf(() => applyAttrWrite([], 'set', [attr('é'.repeat(17), 'v')]))).toBe(10045);
      expect(
        codeOf(() => applyAttrWrite([], 'set', [attr('k', 'v'.repeat(4000))])),
      ).toBeUndefined();
      expect(codeOf(() => applyAttrWrite([], 'set', [attr('k', '€'.repeat(1334))]))).toBe(10046);

      // 4 × (1 + 4,000) = 16,004 bytes fit; 5 values of 3,300 bytes (16,505) do not.
      const four = ['a', 'b', 'c', 'd'].map((k) => attr(k, 'v'.repeat(4000)));
      expect(applyAttrWrite([], 'set', four).attrs).toHaveLength(4);
      expect(codeOf(() => applyAttrWrite(four, 'modify', [attr('e', 'v'.repeat(400))]))).toBe(
        10048,
      );
      const five = ['a', 'b', 'c', 'd', 'e'].map((k) => attr(k, 'v'.repeat(3300)));
      expect(codeOf(() => applyAttrWrite([], 'set', five))).toBe(10048);
    });

    it('a delete checks only key sizes, not values', () => {
      expect(
        applyAttrWrite([attr('k', 'v')], 'delete', [attr('k', 'v'.repeat(5000))]).attrs,
      ).toEqual([]);
    });
  });
});
