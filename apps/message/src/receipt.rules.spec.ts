import type { ConversationView } from './conversation-access.service';
import {
  groupTakesReceipts,
  pageAfter,
  receiptCount,
  receiptTargets,
  seqsBySender,
  unreadMembers,
} from './receipt.rules';
import { ConvTypes, MessageFlags, nowSeconds } from './stored-message.model';
import type { StoredMessage } from './stored-message.model';

function makeView(overrides: Partial<ConversationView> = {}): ConversationView {
  return {
    sdkAppId: 1,
    convId: 'group:g1',
    type: 'GROUP',
    viewer: 'reader',
    peer: 'g1',
    oldestTime: 0,
    roamingDays: 7,
    isRoom: false,
    joinedAt: 0,
    ...overrides,
  };
}

function makeMessage(overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    sdkAppId: 1,
    convId: 'group:g1',
    convType: ConvTypes.GROUP,
    seq: 1,
    fromId: 'sender',
    toId: 'g1',
    msgTime: nowSeconds(),
    storedAt: Date.now(),
    random: 1,
    clientSeq: 0,
    dedupeKey: null,
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

describe(groupTakesReceipts.name, () => {
  it('takes receipts in C2C and member-list groups, not in rooms nor Community groups', () => {
    expect(groupTakesReceipts(makeView({ type: 'C2C' }))).toBe(true);
    expect(groupTakesReceipts(makeView())).toBe(true);
    expect(groupTakesReceipts(makeView({ isRoom: true }))).toBe(false);
    const community = makeView({ group: { type: 'Community' } as ConversationView['group'] });
    expect(groupTakesReceipts(community)).toBe(false);
  });
});

describe(receiptTargets.name, () => {
  it('skips the reader’s own, recalled and deleted messages', () => {
    const view = makeView();
    const messages = [
      makeMessage({ seq: 1 }),
      makeMessage({ seq: 2, fromId: 'reader' }),
      makeMessage({ seq: 3, flags: MessageFlags.recalled }),
      makeMessage({ seq: 4, flags: MessageFlags.deleted }),
    ];
    expect(receiptTargets(view, 'reader', messages).map((m) => m.seq)).toEqual([1]);
  });

  it('takes in C2C only messages sent to the reader', () => {
    const view = makeView({ type: 'C2C', convId: 'c2c', peer: 'sender' });
    const messages = [
      makeMessage({ seq: 1, toId: 'reader' }),
      makeMessage({ seq: 2, toId: 'someone-else' }),
    ];
    expect(receiptTargets(view, 'reader', messages).map((m) => m.seq)).toEqual([1]);
  });

  it('skips messages older than the roaming window or the reader’s join', () => {
    const view = makeView({ joinedAt: 1000 });
    expect(receiptTargets(view, 'reader', [makeMessage({ msgTime: 999 })])).toEqual([]);
  });
});

describe(seqsBySender.name, () => {
  it('groups the seqs of each sender in seq order', () => {
    const by = seqsBySender([
      makeMessage({ seq: 5, fromId: 'a' }),
      makeMessage({ seq: 2, fromId: 'b' }),
      makeMessage({ seq: 3, fromId: 'a' }),
    ]);
    expect([...by.entries()]).toEqual([
      ['b', [2]],
      ['a', [3, 5]],
    ]);
  });
});

describe(receiptCount.name, () => {
  it('counts unread members without the sender', () => {
    expect(receiptCount(['sender', 'a', 'b', 'c'], 'sender', 1)).toEqual({
      readNum: 1,
      unreadNum: 2,
    });
  });

  it('never answers a negative unread count when readers left the group', () => {
    expect(receiptCount(['sender', 'a'], 'sender', 3)).toEqual({ readNum: 3, unreadNum: 0 });
  });
});

describe(unreadMembers.name, () => {
  it('lists members who did not read, sender left out, in user-ID order', () => {
    expect(unreadMembers(['z', 'sender', 'b', 'a'], 'sender', ['b'])).toEqual(['a', 'z']);
  });
});

describe(pageAfter.name, () => {
  const ids = Array.from({ length: 450 }, (_, i) => `u${String(i).padStart(4, '0')}`);

  it('pages through any number of members, with a cursor until the last page', () => {
    const first = pageAfter(ids, '', 200);
    expect(first).toMatchObject({ isFinished: false, cursor: 'u0199' });
    expect(first.members).toHaveLength(200);
    const second = pageAfter(ids, first.cursor, 200);
    expect(second.members[0]).toBe('u0200');
    const third = pageAfter(ids, second.cursor, 200);
    expect(third).toMatchObject({ isFinished: true, cursor: '' });
    expect(third.members).toHaveLength(50);
    expect(new Set([...first.members, ...second.members, ...third.members]).size).toBe(450);
  });

  it('answers an empty finished page after the last member or for an empty list', () => {
    expect(pageAfter(ids, 'u9999', 10)).toEqual({ members: [], cursor: '', isFinished: true });
    expect(pageAfter([], undefined, 10)).toEqual({ members: [], cursor: '', isFinished: true });
  });

  it('resumes after a cursor whose member has gone', () => {
    expect(pageAfter(['a', 'c', 'd'], 'b', 1)).toEqual({
      members: ['c'],
      cursor: 'c',
      isFinished: false,
    });
  });
});
