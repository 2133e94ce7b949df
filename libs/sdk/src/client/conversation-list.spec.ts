import { ConversationIds } from '@im/contracts';
import type { ChatMessage, ConversationState } from '@im/contracts';

import type { ImChatEvents } from './chat-types';
import { ConversationList } from './conversation-list';

const AB = ConversationIds.c2c('alice', 'bob');

const makeState = (overrides: Partial<ConversationState> = {}): ConversationState => ({
  convId: AB,
  type: 'C2C',
  peer: 'bob',
  lastSeq: 3,
  readSeq: 1,
  unread: 2,
  lastTime: 100,
  version: 1,
  ...overrides,
});

const makeMessage = (overrides: Partial<ChatMessage> = {}): ChatMessage => ({
  convId: AB,
  type: 'C2C',
  seq: 4,
  time: 200,
  random: 7,
  msgKey: 'k',
  from: 'bob',
  to: 'alice',
  body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
  ...overrides,
});

describe(ConversationList.name, () => {
  let events: Array<[keyof ImChatEvents, unknown]>;
  let sut: ConversationList;

  beforeEach(() => {
    events = [];
    sut = new ConversationList(
      (event, ...args) => {
        events.push([event, args[0]]);
        return true;
      },
      () => 'alice',
    );
  });

  it('counts a message from the peer beyond the synced last seq as one more unread', () => {
    sut.merge(makeState());
    sut.noteMessage(makeMessage());
    expect(sut.get(AB)).toMatchObject({ lastSeq: 4, readSeq: 1, unread: 3, lastTime: 200 });
  });

  it('moves the read position with the own message and clears what it covers', () => {
    sut.merge(makeState());
    sut.noteMessage(makeMessage({ from: 'alice', to: 'bob' }));
    expect(sut.get(AB)).toMatchObject({ lastSeq: 4, readSeq: 4, unread: 0 });
  });

  it('keeps no unread count where the server keeps none (T22)', () => {
    sut.merge(makeState({ unread: 0 }));
    sut.noteMessage(makeMessage());
    expect(sut.get(AB)?.unread).toBe(0);
  });

  it('keeps newer delivered messages over an older sync page', () => {
    sut.noteMessage(makeMessage({ seq: 5 }));
    sut.merge(makeState({ lastSeq: 3, readSeq: 2, unread: 1 }));
    expect(sut.get(AB)).toMatchObject({ lastSeq: 5, readSeq: 2, unread: 3 });
  });

  it('applies a read report and raises read with the new unread', () => {
    sut.merge(makeState());
    sut.applyRead(AB, 3);
    expect(sut.get(AB)).toMatchObject({ readSeq: 3, unread: 0 });
    expect(events.at(-1)).toEqual(['read', { convId: AB, readSeq: 3, unread: 0 }]);
  });

  it('drops a conversation the server reports deleted, once', () => {
    sut.merge(makeState());
    sut.merge(makeState({ isDeleted: true }));
    sut.remove(AB);
    expect(sut.list()).toEqual([]);
    expect(events.filter(([event]) => event === 'conversation-deleted')).toHaveLength(1);
  });

  it('marks the last message recalled and replaces it when edited', () => {
    sut.noteMessage(makeMessage());
    sut.noteRecalled(AB, 4);
    expect(sut.get(AB)?.lastMessage?.isRecalled).toBe(true);
    sut.noteModified(makeMessage({ editedAt: 300 }));
    expect(sut.get(AB)?.lastMessage?.isRecalled).toBeUndefined();
  });

  it('drops a deleted last message and tells which messages left the roaming', () => {
    sut.noteMessage(makeMessage());
    sut.noteDeleted({ convId: AB, seqs: [2, 4] });
    expect(sut.get(AB)?.lastMessage).toBeUndefined();
    expect(events).toContainEqual(['messages-deleted', { convId: AB, seqs: [2, 4] }]);
    sut.noteDeleted({ convId: AB, seqs: 'junk' });
    expect(events.filter(([event]) => event === 'messages-deleted')).toHaveLength(1);
  });
});
