import { groupUnread } from './conversation.service';
import { unreadPosition } from './group-unread.service';

describe(unreadPosition.name, () => {
  const line = (lastSeq: number, countedTotal: number) => ({
    lastSeq,
    lastMsgSeq: lastSeq,
    lastTime: 0,
    countedTotal,
    unreadSupported: true,
    version: 0,
  });

  it('puts N unread just below the N-th candidate from the end', () => {
    const at = unreadPosition(2, 12, 12, { seq: 11, available: 2 });
    expect(at).toEqual({ readSeq: 10, unread: 2, countedAtRead: 10 });
    expect(groupUnread(line(12, 12), at.readSeq, at.countedAtRead)).toBe(2);
  });

  it('stays N however late the messages up to the anchor are accounted, and grows after it', () => {
    const at = unreadPosition(2, 12, 12, { seq: 11, available: 2 });
    // three later counted messages: 13, 14, 15
    expect(groupUnread(line(15, 15), at.readSeq, at.countedAtRead)).toBe(5);
  });

  it('counts imported messages, which are not in the counted total (countedAtRead below 0)', () => {
    const at = unreadPosition(4, 6, 0, { seq: 3, available: 4 });
    expect(at).toEqual({ readSeq: 2, unread: 4, countedAtRead: -4 });
    expect(groupUnread(line(6, 0), at.readSeq, at.countedAtRead)).toBe(4);
    // one counted message after the imports
    expect(groupUnread(line(7, 1), at.readSeq, at.countedAtRead)).toBe(5);
  });

  it('leaves everything unread when fewer messages than asked exist', () => {
    const at = unreadPosition(50, 6, 6, { seq: 0, available: 6 });
    expect(at).toEqual({ readSeq: 0, unread: 6, countedAtRead: 0 });
    expect(groupUnread(line(6, 6), at.readSeq, at.countedAtRead)).toBe(6);
  });

  it('reads everything for 0, or when there is nothing to leave unread', () => {
    expect(unreadPosition(0, 9, 7, { seq: 0, available: 0 })).toEqual({
      readSeq: 9,
      unread: 0,
      countedAtRead: 7,
    });
    expect(unreadPosition(3, 9, 0, { seq: 0, available: 0 })).toEqual({
      readSeq: 9,
      unread: 0,
      countedAtRead: 0,
    });
  });
});
