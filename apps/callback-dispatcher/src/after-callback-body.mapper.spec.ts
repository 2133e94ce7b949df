import { GroupEvt } from '@im/contracts';

import { adminOf, eventTimeMs, members, platformOf, reported } from './after-callback-body.mapper';
import { afterCallbacksOf } from './after-callback.mapper';

const OCCURRED = '2024-05-01T10:00:00.123Z';
const MS = Date.parse(OCCURRED);

describe('after-callback bodies', () => {
  it('go on the wire as CallbackCommand, the fields in their order, then EventTime', () => {
    const cb = reported(
      'Sns.CallbackFriendDelete',
      { occurredAt: OCCURRED },
      { role: 'admin', callerId: 'administrator' },
      { PairList: [{ From_Account: 'alice', To_Account: 'bob' }] },
    );

    expect(JSON.stringify(cb.body)).toBe(
      `{"CallbackCommand":"Sns.CallbackFriendDelete",` +
        `"PairList":[{"From_Account":"alice","To_Account":"bob"}],"EventTime":${MS}}`,
    );
    expect(cb).toMatchObject({
      command: 'Sns.CallbackFriendDelete',
      platform: 'RESTAPI',
      clientIp: '',
    });
  });

  it('keep the spec order of the group fields a family shares', () => {
    const [cb] = afterCallbacksOf(
      GroupEvt.RoleChanged,
      {
        eventId: '2f1c1a4e-52c8-4c1f-9c7a-8f1d2a3b4c5d',
        sdkAppId: 1400000001,
        occurredAt: OCCURRED,
        requestId: 'r1',
        groupId: '@TGS#1',
        groupType: 'Public',
        operatorId: 'alice',
        byAppAdmin: false,
        notification: 'shown',
        userId: 'bob',
        role: 'Admin',
      },
      { role: 'user', callerId: 'alice' },
    );

    expect(Object.keys(cb.body)).toEqual([
      'CallbackCommand',
      'GroupId',
      'Type',
      'Operator_Account',
      'Modified_Account',
      'Role',
      'EventTime',
    ]);
  });

  it('take EventTime from occurredAt, or now when it does not parse', () => {
    expect(eventTimeMs(OCCURRED)).toBe(MS);
    const before = Date.now();
    expect(eventTimeMs('not a time')).toBeGreaterThanOrEqual(before);
  });

  it('name the REST admin as platform and admin account, nobody else', () => {
    expect(platformOf({ role: 'admin' })).toBe('RESTAPI');
    expect(platformOf({ role: 'user', callerId: 'alice' })).toBe('Unknown');
    expect(platformOf({})).toBe('Unknown');
    expect(adminOf({ role: 'admin', callerId: 'administrator' })).toBe('administrator');
    expect(adminOf({ role: 'admin' })).toBe('');
    expect(adminOf({ role: 'user', callerId: 'alice' })).toBe('');
  });

  it('list members as Member_Account entries', () => {
    expect(members(['alice', 'bob'])).toEqual([
      { Member_Account: 'alice' },
      { Member_Account: 'bob' },
    ]);
  });
});
