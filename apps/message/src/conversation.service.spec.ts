import { groupUnread, toState } from './conversation.service';
import type { ConversationRow } from './conversation.repository';
import { ConvTypes } from './stored-message.model';

const line = {
  lastSeq: 20,
  lastMsgSeq: 19,
  lastTime: 500,
  countedTotal: 15,
  unreadSupported: true,
  version: 9,
};

function row(overrides: Partial<ConversationRow> = {}): ConversationRow {
  return {
    convId: 'group:g',
    convType: ConvTypes.GROUP,
    peer: 'g',
    lastSeq: 0,
    lastMsgSeq: 0,
    lastTime: 0,
    unread: 0,
    readSeq: 10,
    countedAtRead: 8,
    isDeleted: false,
    isPinned: false,
    deletedSeq: 0,
    clearSeq: 0,
    version: 3,
    line,
    ...overrides,
  };
}

describe(groupUnread.name, () => {
  it('counts the counted messages past the read position, never more than the seqs past it', () => {
    expect(groupUnread(line, 10, 8)).toBe(7);
    expect(groupUnread(line, 19, 0)).toBe(1);
    expect(groupUnread(line, 25, 20)).toBe(0);
    expect(groupUnread({ ...line, unreadSupported: false }, 10, 8)).toBe(0);
  });
});

describe(toState.name, () => {
  it('shows a group conversation from its line and the member’s read position', () => {
    expect(toState(row())).toEqual({
      convId: 'group:g',
      type: 'GROUP',
      peer: 'g',
      lastSeq: 20,
      readSeq: 10,
      unread: 7,
      lastTime: 500,
      version: 9,
    });
  });

  it('brings a deleted group conversation back once a newer message arrived', () => {
    expect(toState(row({ isDeleted: true, deletedSeq: 19 })).isDeleted).toBe(true);
    expect(toState(row({ isDeleted: true, deletedSeq: 18 })).isDeleted).toBeUndefined();
  });

  it('shows a C2C conversation as stored', () => {
    expect(
      toState(
        row({
          convId: 'c2c',
          convType: ConvTypes.C2C,
          peer: 'bob',
          lastSeq: 4,
          lastTime: 7,
          unread: 2,
          readSeq: 2,
        }),
      ),
    ).toEqual({
      convId: 'c2c',
      type: 'C2C',
      peer: 'bob',
      lastSeq: 4,
      readSeq: 2,
      unread: 2,
      lastTime: 7,
      version: 3,
    });
  });
});
