import { discarded, onlineOnlyMessage } from './outgoing-message.model';

describe(discarded.name, () => {
  it('gives a discarded C2C message its MsgKey and a group message none', () => {
    expect(discarded('c2c:a:b', { random: 7, clientSeq: 3 }, 100)).toEqual({
      convId: 'c2c:a:b',
      seq: 0,
      time: 100,
      msgKey: '3_7_100',
      isDuplicate: false,
    });
    expect(discarded('group:g', { random: 7 }, 100).msgKey).toBe('');
  });
});

describe(onlineOnlyMessage.name, () => {
  it('builds an unstored message (seq 0) and leaves out an absent CloudCustomData', () => {
    const content = { from: 'a', to: 'b', body: [], time: 5 };
    const chat = onlineOnlyMessage('c2c:a:b', 'C2C', content, 9, 'k');
    expect(chat).toEqual({
      convId: 'c2c:a:b',
      type: 'C2C',
      seq: 0,
      time: 5,
      random: 9,
      msgKey: 'k',
      from: 'a',
      to: 'b',
      body: [],
    });
    expect(onlineOnlyMessage('g', 'GROUP', { ...content, cloudCustomData: 'x' }, 9, '')).toEqual(
      expect.objectContaining({ cloudCustomData: 'x' }),
    );
  });
});
