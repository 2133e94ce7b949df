import { BodyDepthMax, findUnsafeValue, jsonDepthExceeds } from './body-shape.rules';

describe(jsonDepthExceeds.name, () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepthExceeds('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(jsonDepthExceeds(`{"a":"${'['.repeat(1000)}"}`, 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":"\\"[[[[[["}', 1)).toBe(false);
  });

  it('refuses the 50,000-deep body without recursing', () => {
    expect(jsonDepthExceeds('['.repeat(50_000) + ']'.repeat(50_000))).toBe(true);
    expect(jsonDepthExceeds('['.repeat(BodyDepthMax) + ']'.repeat(BodyDepthMax))).toBe(false);
  });
});

describe(findUnsafeValue.name, () => {
  it('accepts ordinary bodies, emoji included', () => {
    expect(
      findUnsafeValue({
        From_Account: 'alice',
        MsgRandom: 4294967295,
        MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi 👋 你好' } }],
        Ratio: 0.5,
      }),
    ).toBeUndefined();
  });

  it.each([
    [{ a: ['ok', 'x\ud800'] }, 'body.a[1] is not valid UTF-16 (a lone surrogate)'],
    [{ a: '\udc00' }, 'body.a is not valid UTF-16 (a lone surrogate)'],
    [{ StartIndex: 9223372036854775807 }, 'body.StartIndex is an integer beyond ±2^53'],
    [JSON.parse('{"a":{"__proto__":{"x":1}}}') as unknown, 'body.a has the reserved key __proto__'],
    [{ ['k\ud800']: 1 }, 'body key is not valid UTF-16'],
  ])('finds %j', (body, message) => {
    expect(findUnsafeValue(body)).toEqual(expect.stringContaining(message));
  });

  it('refuses NUL characters except where the command judges them', () => {
    expect(findUnsafeValue({ Nick: 'a\u0000b' })).toContain('body.Nick contains a NUL');
    expect(findUnsafeValue({ ['k\u0000']: 1 })).toContain('body key contains a NUL');
    expect(findUnsafeValue({ MsgBody: [{ MsgContent: { Text: 'a\u0000' } }] })).toBeUndefined();
    expect(findUnsafeValue({ AppDefinedData: [{ Key: 'k', Value: '\u0000' }] })).toBeUndefined();
    expect(findUnsafeValue({ Reason: 'bye\u0000' })).toBeUndefined();
  });

  it('lets constructor pass as an ordinary key', () => {
    expect(findUnsafeValue({ Attrs: { constructor: 'x' } })).toBeUndefined();
  });

  it('names the path, never the value', () => {
    const secret = `secret-${'z'.repeat(1000)}\ud800`;
    expect(findUnsafeValue({ Text: secret })).not.toContain('secret');
  });
});
