import { echo, isSeq, nestingDepth } from './frame.rules';

describe(isSeq.name, () => {
  it.each([0, 1, 0xffffffff])('takes %p as a seq', (v) => expect(isSeq(v)).toBe(true));
  it.each([-1, 1.5, 0x100000000, Infinity, NaN, '1', null, undefined])('takes %p as no seq', (v) =>
    expect(isSeq(v)).toBe(false),
  );
});

describe(nestingDepth.name, () => {
  it.each([
    ['1', 0],
    ['{}', 1],
    ['{"a":[1,{"b":[]}]}', 4],
    ['{"a":"[[[[{{{{"}', 1],
    ['{"a":"\\"[[["}', 1],
    [`${'['.repeat(30_000)}${']'.repeat(30_000)}`, 30_000],
  ])('measures %s as %d', (text, depth) => expect(nestingDepth(text)).toBe(depth));
});

describe(echo.name, () => {
  it('keeps a short value and cuts a long one', () => {
    expect(echo('group.get')).toBe('group.get');
    expect(echo('x'.repeat(5000))).toHaveLength(65);
  });
});
