import { AppStatFields, ConnEvt, GroupEvt, MessageEvt, RelationEvt } from '@im/contracts';
import type { ChatMessage, EventOf } from '@im/contracts';

import { assembleDays, lastDays, statsDelta, utcDay } from './app-stats.rules';
import type { StoredCounters } from './app-stats.rules';

const envelope = (occurredAt = '2026-12-07T23:59:59.999Z') => ({
  eventId: '00000000-0000-4000-8000-000000000001',
  sdkAppId: 1400000001,
  occurredAt,
  requestId: 'r',
});

const message = (type: 'C2C' | 'GROUP', from: string, to: string): ChatMessage => ({
  convId: 'c',
  type,
  seq: 1,
  time: 1,
  random: 1,
  msgKey: '1',
  from,
  to,
  body: [],
});

const groupBase = {
  groupId: 'g1',
  groupType: 'Public',
  operatorId: 'admin',
  byAppAdmin: true,
  notification: 'none' as const,
};

describe(statsDelta.name, () => {
  it('counts a C2C message as one up and one down, its sender active and a sender', () => {
    const event: EventOf<typeof MessageEvt.Sent> = {
      ...envelope(),
      message: message('C2C', 'alice', 'bob'),
    };

    expect(statsDelta(MessageEvt.Sent, event)).toEqual({
      day: '2026-12-07',
      counts: { UpMsgNum: 1, C2CUpMsgNum: 1, DownMsgNum: 1, C2CDownMsgNum: 1 },
      distinct: [
        { field: 'ActiveUserNum', member: 'alice' },
        { field: 'SendMsgUserNum', member: 'alice' },
        { field: 'C2CSendMsgUserNum', member: 'alice' },
      ],
    });
  });

  it('counts a group message down once per member it went to, and the group once', () => {
    const event = { ...envelope(), message: message('GROUP', 'alice', 'g1'), recipients: 7 };

    expect(statsDelta(MessageEvt.Sent, event)).toMatchObject({
      counts: { UpMsgNum: 1, GroupUpMsgNum: 1, DownMsgNum: 7, GroupDownMsgNum: 7 },
      distinct: expect.arrayContaining([
        { field: 'GroupSendMsgUserNum', member: 'alice' },
        { field: 'GroupSendMsgGroupNum', member: 'g1' },
      ]) as unknown,
    });
  });

  it('counts no sender for a group message sent as nobody, nor down for a live room', () => {
    const event = { ...envelope(), message: message('GROUP', '', 'room') };

    expect(statsDelta(MessageEvt.Sent, event)).toEqual({
      day: '2026-12-07',
      counts: { UpMsgNum: 1, GroupUpMsgNum: 1, DownMsgNum: 0, GroupDownMsgNum: 0 },
      distinct: [{ field: 'GroupSendMsgGroupNum', member: 'room' }],
    });
  });

  it('counts each offline recipient of a push, by conversation type', () => {
    const c2c = { ...envelope(), userIds: ['b'], message: message('C2C', 'a', 'b') };
    const group = { ...envelope(), userIds: ['b', 'c'], message: message('GROUP', 'a', 'g') };

    expect(statsDelta(MessageEvt.OfflinePushRequested, c2c)?.counts).toEqual({
      APNSMsgNum: 1,
      C2CAPNSMsgNum: 1,
    });
    expect(statsDelta(MessageEvt.OfflinePushRequested, group)?.counts).toEqual({
      APNSMsgNum: 2,
      GroupAPNSMsgNum: 2,
    });
  });

  it('counts a login, its user once, and opens a session of the online gauge', () => {
    const event = {
      ...envelope('2026-12-08T00:00:00.000Z'),
      userId: 'alice',
      platform: 'Web' as const,
      connId: 'c1',
      nodeId: 'n1',
      kickedPlatforms: [],
    };

    expect(statsDelta(ConnEvt.SessionOpened, event)).toEqual({
      day: '2026-12-08',
      counts: { LoginTimes: 1 },
      distinct: [
        { field: 'LoginUserNum', member: 'alice' },
        { field: 'ActiveUserNum', member: 'alice' },
      ],
      online: { opened: true, connId: 'c1', userId: 'alice' },
    });
  });

  it('counts friend-table entries added and removed (one per direction)', () => {
    const added = { ...envelope(), userId: 'a', friendIds: ['b', 'c'], via: 'import' as const };
    const deleted = { ...envelope(), userId: 'a', friendIds: ['b'], via: 'delete' as const };

    expect(statsDelta(RelationEvt.FriendsAdded, added)?.counts).toEqual({ ChainIncrease: 2 });
    expect(statsDelta(RelationEvt.FriendsDeleted, deleted)?.counts).toEqual({ ChainDecrease: 1 });
  });

  it('counts joins but not the members a group was created or imported with', () => {
    const joined = (joinKind: 'created' | 'added' | 'imported' | 'applied') => ({
      ...envelope(),
      ...groupBase,
      userIds: ['a', 'b'],
      joinKind,
    });

    expect(statsDelta(GroupEvt.MemberJoined, joined('added'))?.counts).toEqual({
      GroupJoinGroupTimes: 2,
    });
    expect(statsDelta(GroupEvt.MemberJoined, joined('applied'))?.counts).toEqual({
      GroupJoinGroupTimes: 2,
    });
    expect(statsDelta(GroupEvt.MemberJoined, joined('created'))).toBeUndefined();
    expect(statsDelta(GroupEvt.MemberJoined, joined('imported'))).toBeUndefined();
  });

  it('counts members who quit and members removed as leaving', () => {
    const left = { ...envelope(), ...groupBase, userIds: ['a'], leaveKind: 'quit' as const };
    const kicked = { ...envelope(), ...groupBase, userIds: ['b', 'c'], reason: '' };

    expect(statsDelta(GroupEvt.MemberLeft, left)?.counts).toEqual({ GroupQuitGroupTimes: 1 });
    expect(statsDelta(GroupEvt.MemberKicked, kicked)?.counts).toEqual({ GroupQuitGroupTimes: 2 });
  });

  it("takes a callback tally's own day, not the time it was published", () => {
    const event = { ...envelope('2026-12-08T00:00:01Z'), day: '20261207', sent: 5, answered: 4 };

    expect(statsDelta('callback-dispatcher.evt.callbacks-tallied', event)).toEqual({
      day: '2026-12-07',
      counts: { CallBackReq: 5, CallBackRsp: 4 },
      distinct: [],
    });
  });
});

describe(lastDays.name, () => {
  it('lists the UTC days ending with today, oldest first, across a month end', () => {
    expect(lastDays(new Date('2026-03-02T23:30:00-05:00'), 4)).toEqual([
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
    ]);
    expect(utcDay('2026-12-07T23:59:59.999Z')).toBe('2026-12-07');
  });
});

describe(assembleDays.name, () => {
  const days = ['2026-12-05', '2026-12-06', '2026-12-07'];

  it('gives every day every field, zero where nothing was counted', () => {
    const result = assembleDays(days, new Map(), {
      registeredPerDay: new Map(),
      registeredBefore: 0,
      groupsNow: 0,
    });

    expect(result.map((d) => d.date)).toEqual(['20261205', '20261206', '20261207']);
    for (const day of result) {
      expect(Object.keys(day.values).sort()).toEqual([...AppStatFields].sort());
      expect(Object.values(day.values).every((v) => v === 0)).toBe(true);
    }
  });

  it('adds registrations up from those before the first day', () => {
    const result = assembleDays(days, new Map(), {
      registeredPerDay: new Map([
        ['2026-12-05', 2],
        ['2026-12-07', 3],
      ]),
      registeredBefore: 10,
      groupsNow: 0,
    });

    expect(result.map((d) => d.values.RegistUserNumOneDay)).toEqual([2, 0, 3]);
    expect(result.map((d) => d.values.RegistUserNumTotal)).toEqual([12, 12, 15]);
  });

  it("counts each day's groups back from now through later creations and dismissals", () => {
    const stored: StoredCounters = new Map([
      ['2026-12-06', { GroupNewGroupNum: 3, GroupDestroyGroupNum: 1 }],
      ['2026-12-07', { GroupNewGroupNum: 1, GroupDestroyGroupNum: 2, UpMsgNum: 9 }],
    ]);

    const result = assembleDays(days, stored, {
      registeredPerDay: new Map(),
      registeredBefore: 0,
      groupsNow: 5,
    });

    expect(result.map((d) => d.values.GroupAllGroupNum)).toEqual([4, 6, 5]);
    expect(result[2].values.UpMsgNum).toBe(9);
  });
});
