import { randomUUID } from 'node:crypto';

import { AccountEvt, GroupEvt } from '@im/contracts';

import { eventProblems } from './event-validation';

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
});
