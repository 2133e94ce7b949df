import { c2cMsgId } from './msg-id';

describe(c2cMsgId.name, () => {
  it('joins the sender, the message time and the random', () => {
    expect(c2cMsgId({ from: 'alice', time: 1_700_000_000, random: 42 })).toBe(
      'alice-1700000000-42',
    );
  });

  it('differs for two messages of one sender in the same second', () => {
    const a = c2cMsgId({ from: 'alice', time: 1, random: 1 });
    const b = c2cMsgId({ from: 'alice', time: 1, random: 2 });
    expect(a).not.toBe(b);
  });
});
