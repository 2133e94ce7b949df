import 'reflect-metadata';

import { GroupRpc } from '@im/contracts';

import { CommandTable } from '../../rest/command-table.model';
import { validateDto } from '../../rest/dto-validation.rules';
import type { RestCommand } from '../../rest/rest-command.model';
import { RestServices } from '../../rest/rest-services.rules';
import { groupBanCommands } from './group-ban.commands';
import { groupCounterCommands } from './group-counter.commands';
import { roomAdminCommands } from './room-admin.commands';

const table = new CommandTable([
  ...groupCounterCommands,
  ...groupBanCommands,
  ...roomAdminCommands,
]);

function row(command: string, service = 'group_open_http_svc'): RestCommand {
  const found = table.find(service, command);
  if (!found) throw new Error(`no row ${service}/${command}`);
  return found;
}

function requestFor(
  command: string,
  body: Record<string, unknown>,
  service = 'group_open_http_svc',
) {
  const r = row(command, service);
  return r.toRequest(validateDto(r.dto, body, RestServices[service].invalid));
}

function codeFor(
  command: string,
  body: Record<string, unknown>,
  service = 'group_open_http_svc',
): number {
  try {
    requestFor(command, body, service);
  } catch (err) {
    return (err as { code: number }).code;
  }
  return 0;
}

const respond = (r: RestCommand, reply: unknown, dto?: unknown) =>
  (r.toResponse as (reply: unknown, dto: unknown) => unknown)(reply, dto);

describe('group counter commands', () => {
  it('map the three modes and answer GroupCounter with Key/Value', () => {
    expect(row('update_group_counter').subject).toBe(GroupRpc.UpdateCounter);
    for (const [Mode, mode] of [
      ['Set', 'set'],
      ['Increase', 'increase'],
      ['Decrease', 'decrease'],
    ])
      expect(
        requestFor('update_group_counter', {
          GroupId: 'g',
          GroupCounter: [{ Key: 'like', Value: 5 }],
          Mode,
        }),
      ).toEqual({ groupId: 'g', mode, counters: [{ key: 'like', value: 5 }] });
    expect(respond(row('get_group_counter'), { counters: [{ key: 'a', value: -1 }] })).toEqual({
      GroupCounter: [{ Key: 'a', Value: -1 }],
    });
    expect(requestFor('get_group_counter', { GroupId: 'g' })).toEqual({ groupId: 'g' });
    expect(requestFor('delete_group_counter', { GroupId: 'g', GroupCounterKeys: ['a'] })).toEqual({
      groupId: 'g',
      keys: ['a'],
    });
  });

  it('refuse a bad Mode, a non-integer Value or missing keys with 10004', () => {
    const counter = [{ Key: 'k', Value: 1 }];
    expect(codeFor('update_group_counter', { GroupId: 'g', GroupCounter: counter })).toBe(10004);
    expect(
      codeFor('update_group_counter', { GroupId: 'g', GroupCounter: counter, Mode: 'set' }),
    ).toBe(10004);
    expect(
      codeFor('update_group_counter', {
        GroupId: 'g',
        GroupCounter: [{ Key: 'k', Value: 0.5 }],
        Mode: 'Set',
      }),
    ).toBe(10004);
    expect(codeFor('delete_group_counter', { GroupId: 'g' })).toBe(10004);
  });
});

describe('member ban commands', () => {
  it('map Members_Account, Duration, Description and answer BannedAccountList / NextOffset', () => {
    expect(
      requestFor('ban_group_member', {
        GroupId: 'g',
        Members_Account: ['a'],
        Duration: 60,
        Description: 'why',
      }),
    ).toEqual({ groupId: 'g', userIds: ['a'], durationSeconds: 60, description: 'why' });
    expect(requestFor('unban_group_member', { GroupId: 'g', Members_Account: ['a'] })).toEqual({
      groupId: 'g',
      userIds: ['a'],
    });
    expect(requestFor('get_group_ban_member', { GroupId: 'g', Offset: 0, Limit: 2 })).toEqual({
      groupId: 'g',
      offset: 0,
      limit: 2,
    });
    expect(
      respond(row('get_group_ban_member'), {
        banned: [{ userId: 'a', bannedUntil: 99 }],
        nextOffset: 0,
      }),
    ).toEqual({ BannedAccountList: [{ Member_Account: 'a', BannedUntil: 99 }], NextOffset: 0 });
  });

  it('refuse the documented limits with 10004', () => {
    const many = Array.from({ length: 21 }, (_, i) => `u${i}`);
    const ban = (body: object) =>
      codeFor('ban_group_member', { GroupId: 'g', Members_Account: ['a'], Duration: 60, ...body });
    expect(ban({})).toBe(0);
    expect(ban({ Members_Account: many })).toBe(10004);
    expect(ban({ Duration: 0 })).toBe(10004);
    expect(ban({ Duration: 2 ** 32 })).toBe(10004);
    expect(ban({ Description: 'é'.repeat(501) })).toBe(10004);
    expect(codeFor('get_group_ban_member', { GroupId: 'g', Offset: 0, Limit: 101 })).toBe(10004);
    expect(codeFor('get_group_ban_member', { GroupId: 'g' })).toBe(10004);
  });
});

describe('live-room admin commands', () => {
  const service = 'group_open_avchatroom_http_svc';

  it('serve get_members with Timestamp and answer MemberList / NextTimestamp', () => {
    const r = row('get_members', service);
    expect(r.subject).toBe(GroupRpc.GetRoomMembers);
    expect(requestFor('get_members', { GroupId: 'g', Timestamp: 0 }, service)).toEqual({
      groupId: 'g',
      timestamp: 0,
    });
    expect(
      respond(r, {
        members: [{ userId: 'a', joinTime: 1, nickName: 'A', avatar: 'u' }],
        nextTimestamp: 5,
      }),
    ).toEqual({
      MemberList: [{ Member_Account: 'a', JoinTime: 1, NickName: 'A', Avatar: 'u' }],
      NextTimestamp: 5,
    });
    expect(requestFor('get_members', { GroupId: 'g', Timestamp: 0, Mark: 1000 }, service)).toEqual({
      groupId: 'g',
      timestamp: 0,
      mark: 1000,
    });
    expect(
      respond(r, {
        members: [{ userId: 'a', joinTime: 1, nickName: '', avatar: '', marks: [1000, 1001] }],
        nextTimestamp: 0,
      }),
    ).toEqual({
      MemberList: [
        { Member_Account: 'a', JoinTime: 1, NickName: '', Avatar: '', Marks: [1000, 1001] },
      ],
      NextTimestamp: 0,
    });
    for (const Mark of ['vip', -1, 1.5, 2 ** 32])
      expect(codeFor('get_members', { GroupId: 'g', Timestamp: 0, Mark }, service)).toBe(10004);
  });

  it('serve modify_user_info: CommandType 1 sets, 2 deletes; the answer echoes CommandType', () => {
    const r = row('modify_user_info', service);
    expect(r.subject).toBe(GroupRpc.ModifyRoomMemberMarks);
    const body = (CommandType: number, MemberList: unknown) => ({
      GroupId: 'g',
      CommandType,
      MemberList,
    });
    expect(
      requestFor('modify_user_info', body(2, [{ Member_Account: 'a', Marks: [1000] }]), service),
    ).toEqual({ groupId: 'g', op: 'unset', members: [{ userId: 'a', marks: [1000] }] });
    expect(respond(r, { members: [{ userId: 'a', marks: [1000] }] }, body(1, []))).toEqual({
      CommandType: 1,
      MemberList: [{ Member_Account: 'a', Marks: [1000] }],
    });
    const code = (b: Record<string, unknown>) => codeFor('modify_user_info', b, service);
    const one = [{ Member_Account: 'a', Marks: [1000] }];
    expect(code(body(3, one))).toBe(10004);
    expect(code(body(1, []))).toBe(10004);
    expect(code(body(1, [{ Member_Account: 'a', Marks: [999] }]))).toBe(10004);
    expect(code(body(1, [{ Member_Account: 'a', Marks: [] }]))).toBe(10004);
    expect(code(body(1, [{ Member_Account: 'a' }]))).toBe(10004);
    expect(code(body(1, [{ Marks: [1000] }]))).toBe(10004);
    expect(
      code(
        body(
          1,
          Array.from({ length: 501 }, () => one[0]),
        ),
      ),
    ).toBe(10004);
    expect(code({ CommandType: 1, MemberList: one })).toBe(10004);
  });
});
