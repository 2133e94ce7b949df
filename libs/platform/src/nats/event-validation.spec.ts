import { randomUUID } from 'node:crypto';

import {
  AccountEvt,
  AccountsImportedEvent,
  EventClasses,
  GroupEvt,
  MessageEvt,
  OfflinePushRequestedEvent,
} from '@im/contracts';

import { eventProblems, isFlat } from './event-validation';

function envelope() {
  return {
    eventId: randomUUID(),
    sdkAppId: 1400000001,
    occurredAt: new Date().toISOString(),
    requestId: 'r1',
  };
}

describe(eventProblems.name, () => {
  it('finds nothing wrong with a valid event', () => {
    expect(eventProblems(AccountEvt.Deleted, { ...envelope(), userIds: ['alice'] })).toEqual([]);
    expect(
      eventProblems(AccountEvt.Imported, {
        ...envelope(),
        accounts: [{ userId: 'alice', nick: 'Alice' }],
      }),
    ).toEqual([]);
  });

  it('names the field and the rule a malformed event breaks, never its value', () => {
    const problems = eventProblems(AccountEvt.Deleted, { ...envelope(), userIds: 'alice-secret' });

    expect(problems).toContain('userIds: isArray');
    expect(problems.join(' ')).not.toContain('alice-secret');
  });

  it('checks the envelope and nested items', () => {
    expect(
      eventProblems(AccountEvt.Imported, { ...envelope(), eventId: 'x', accounts: [] }),
    ).toEqual(['eventId: isUuid']);
    expect(
      eventProblems(AccountEvt.Imported, { ...envelope(), accounts: [{ nick: 'no id' }] }),
    ).not.toEqual([]);
  });

  it('refuses what is not an object', () => {
    expect(eventProblems(GroupEvt.Created, 'group')).toEqual(['not an object']);
    expect(eventProblems(GroupEvt.Created, null)).toEqual(['not an object']);
    expect(eventProblems(GroupEvt.Created, [])).toEqual(['not an object']);
  });

  it('validates a flat event without copying what it carries, with the same verdicts', () => {
    expect(isFlat(OfflinePushRequestedEvent)).toBe(true);
    const message = { convId: 'c2c:alice:bob', seq: 1, body: [{ MsgType: 'TIMTextElem' }] };
    const valid = { ...envelope(), userIds: ['bob'], message };

    expect(eventProblems(MessageEvt.OfflinePushRequested, valid)).toEqual([]);
    expect(
      eventProblems(MessageEvt.OfflinePushRequested, { ...valid, message: 'text', userIds: [7] }),
    ).toEqual(expect.arrayContaining(['message: isObject']));
    expect(
      eventProblems(MessageEvt.OfflinePushRequested, { ...valid, eventId: undefined }),
    ).toEqual(['eventId: isUuid']);
  });

  it('transforms an event whose rules descend into nested items', () => {
    expect(isFlat(AccountsImportedEvent)).toBe(false);
    expect(
      eventProblems(AccountEvt.Imported, { ...envelope(), accounts: [{ userId: 7 }] }),
    ).not.toEqual([]);
  });

  it('decides flat or deep for every event class without throwing', () => {
    for (const cls of Object.values(EventClasses)) expect(typeof isFlat(cls)).toBe('boolean');
  });
});
