import { c2cChanges, groupLineChanges, groupReadChanges, isNewerLast } from './message-writer.db';
import type { WriteJob } from './message-writer.db';
import { ConvTypes } from './stored-message.model';
import type { StoredMessage } from './stored-message.model';

function message(seq: number, overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    sdkAppId: 1,
    convId: 'c',
    convType: ConvTypes.C2C,
    seq,
    fromId: 'a',
    toId: 'b',
    msgTime: 1000 + seq,
    storedAt: 0,
    random: seq,
    clientSeq: seq,
    dedupeKey: `a:${seq}`,
    body: [],
    cloudCustomData: null,
    extra: null,
    flags: 0,
    hiddenFrom: null,
    expiresAt: null,
    editedAt: null,
    ...overrides,
  };
}

describe(c2cChanges.name, () => {
  it('folds a batch into one change per user and conversation', () => {
    const owners = (movesLast: boolean, unread: boolean) => [
      { userId: 'a', peer: 'b', countsUnread: false, isSender: true, movesLast },
      { userId: 'b', peer: 'a', countsUnread: unread, isSender: false, movesLast },
    ];
    const jobs: WriteJob[] = [
      { message: message(1), c2c: owners(true, true) },
      { message: message(2), c2c: owners(true, false) },
      { message: message(3), c2c: owners(false, true) },
    ];
    expect(c2cChanges(jobs)).toEqual([
      {
        sdkAppId: 1,
        userId: 'a',
        convId: 'c',
        peer: 'b',
        lastSeq: 3,
        lastMsgSeq: 2,
        lastTime: 1002,
        unreadAdd: 0,
        readTo: 3,
      },
      {
        sdkAppId: 1,
        userId: 'b',
        convId: 'c',
        peer: 'a',
        lastSeq: 3,
        lastMsgSeq: 2,
        lastTime: 1002,
        unreadAdd: 2,
        readTo: 0,
      },
    ]);
  });
});

describe(groupReadChanges.name, () => {
  it('puts a sender’s read position at its last message with the counted total at that seq', () => {
    const group = (senderId: string, counted = true) => ({
      groupId: 'g',
      unreadSupported: true,
      counted,
      movesLast: true,
      senderId,
    });
    const jobs: WriteJob[] = [
      { message: message(10, { convType: ConvTypes.GROUP }), group: group('x') },
      { message: message(11, { convType: ConvTypes.GROUP }), group: group('y', false) },
      { message: message(12, { convType: ConvTypes.GROUP }), group: group('y') },
    ];
    expect(groupLineChanges(jobs)).toEqual([
      expect.objectContaining({ lastSeq: 12, lastMsgSeq: 12, counted: 2 }),
    ]);
    // Line total after the batch: 50; x read up to 10, before the counted message 12.
    expect(groupReadChanges(jobs, new Map([['1|c', 50]]))).toEqual([
      expect.objectContaining({ userId: 'x', readTo: 10, countedAtRead: 49 }),
      expect.objectContaining({ userId: 'y', readTo: 12, countedAtRead: 50 }),
    ]);
  });
});

describe(isNewerLast.name, () => {
  it('keeps the newest message by time: a later seq with an older time (an import) does not replace it', () => {
    expect(isNewerLast(100, 5, 200, 4)).toBe(false);
    expect(isNewerLast(300, 5, 200, 4)).toBe(true);
    expect(isNewerLast(200, 5, 200, 4)).toBe(true);
    expect(isNewerLast(200, 3, 200, 4)).toBe(false);
    expect(isNewerLast(1, 1, 0, 0)).toBe(true);
  });

  it('folds a batch to its newest message by time, whatever the seq order', () => {
    const owners = [
      { userId: 'b', peer: 'a', countsUnread: false, isSender: false, movesLast: true },
    ];
    const jobs: WriteJob[] = [
      { message: message(1, { msgTime: 500 }), c2c: owners },
      { message: message(2, { msgTime: 100 }), c2c: owners },
    ];
    expect(c2cChanges(jobs)[0]).toMatchObject({ lastSeq: 2, lastMsgSeq: 1, lastTime: 500 });
  });
});
