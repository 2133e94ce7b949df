import 'reflect-metadata';

import { ErrorCode, RelationRpc } from '@im/contracts';

import { CommandTable } from '../../rest/command-table.model';
import { applyAliases, validateDto } from '../../rest/dto-validation.rules';
import type { RestCommand } from '../../rest/rest-command.model';
import { snsCommands } from './sns.commands';

const table = new CommandTable(snsCommands);
const INVALID = ErrorCode.SnsInvalidParameters;

function row(command: string): RestCommand {
  const found = table.find('sns', command);
  if (!found) throw new Error(`no row sns/${command}`);
  return found;
}

/** What the edge sends over NATS for `body` (aliases, validation, mapping). */
function requestFor(command: string, body: Record<string, unknown>): unknown {
  const r = row(command);
  return r.toRequest(validateDto(r.dto, applyAliases(body, r.aliases), INVALID));
}

function responseFor(command: string, reply: unknown, body: Record<string, unknown>): unknown {
  const r = row(command);
  const dto = validateDto(r.dto, applyAliases(body, r.aliases), INVALID);
  return (r.toResponse as (reply: unknown, dto: object) => unknown)(reply, dto);
}

function refusal(command: string, body: Record<string, unknown>): unknown {
  try {
    requestFor(command, body);
  } catch (err) {
    return (err as { code: number }).code;
  }
  return 'accepted';
}

describe('snsCommands', () => {
  it('serves every sns command of docs/rest-api.md §6 on its subject', () => {
    expect(snsCommands.map((r) => [r.command, r.subject as string])).toEqual([
      ['friend_add', RelationRpc.AddFriends],
      ['friend_import', RelationRpc.ImportFriends],
      ['friend_update', RelationRpc.UpdateFriends],
      ['friend_delete', RelationRpc.DeleteFriends],
      ['friend_delete_all', RelationRpc.DeleteAllFriends],
      ['friend_check', RelationRpc.CheckFriends],
      ['friend_get', RelationRpc.GetFriends],
      ['friend_get_all', RelationRpc.GetFriends],
      ['friend_get_list', RelationRpc.GetFriendProfiles],
      ['black_list_add', RelationRpc.AddToBlacklist],
      ['black_list_delete', RelationRpc.RemoveFromBlacklist],
      ['black_list_get', RelationRpc.GetBlacklist],
      ['black_list_check', RelationRpc.CheckBlacklist],
      ['group_add', RelationRpc.CreateFriendLists],
      ['group_delete', RelationRpc.DeleteFriendLists],
      ['group_get', RelationRpc.GetFriendLists],
    ]);
  });

  describe('friend_add', () => {
    it('maps the items, AddType and ForceAddFlags', () => {
      expect(
        requestFor('friend_add', {
          From_Account: 'a',
          AddFriendItem: [
            {
              To_Account: 'b',
              AddSource: 'AddSource_Type_Web',
              Remark: 'r',
              GroupName: 'g',
              AddWording: 'w',
              Unknown: 1,
            },
          ],
          AddType: 'Add_Type_Single',
          ForceAddFlags: 1,
        }),
      ).toEqual({
        userId: 'a',
        items: [
          {
            toUserId: 'b',
            addSource: 'AddSource_Type_Web',
            remark: 'r',
            groupName: 'g',
            addWording: 'w',
          },
        ],
        addType: 'single',
        force: true,
      });
      expect(
        requestFor('friend_add', { From_Account: 'a', AddFriendItem: [{ To_Account: 'b' }] }),
      ).toMatchObject({
        addType: undefined,
        force: false,
      });
    });

    it('answers ResultItem, Fail_Account without pending targets, ErrorDisplay', () => {
      const reply = {
        results: [
          { userId: 'b', code: 0, message: '' },
          { userId: 'c', code: ErrorCode.FriendRequestPending, message: 'pending' },
          { userId: 'd', code: ErrorCode.TargetDeniesAll, message: 'denied' },
        ],
      };
      expect(
        responseFor('friend_add', reply, {
          From_Account: 'a',
          AddFriendItem: [{ To_Account: 'b' }],
        }),
      ).toEqual({
        ResultItem: [
          { To_Account: 'b', ResultCode: 0, ResultInfo: '' },
          { To_Account: 'c', ResultCode: 30539, ResultInfo: 'pending' },
          { To_Account: 'd', ResultCode: 30516, ResultInfo: 'denied' },
        ],
        Fail_Account: ['d'],
        ErrorDisplay: '',
      });
    });

    it('leaves Fail_Account out when nothing failed', () => {
      expect(
        responseFor(
          'friend_add',
          { results: [{ userId: 'b', code: 0, message: '' }] },
          { From_Account: 'a', AddFriendItem: [{ To_Account: 'b' }] },
        ),
      ).not.toHaveProperty('Fail_Account');
    });

    it.each<[string, Record<string, unknown>]>([
      ['From_Account missing', { AddFriendItem: [{ To_Account: 'b' }] }],
      ['From_Account a number', { From_Account: 1, AddFriendItem: [{ To_Account: 'b' }] }],
      ['AddFriendItem an object', { From_Account: 'a', AddFriendItem: { To_Account: 'b' } }],
      ['AddFriendItem empty', { From_Account: 'a', AddFriendItem: [] }],
      [
        '101 items',
        {
          From_Account: 'a',
          AddFriendItem: Array.from({ length: 101 }, () => ({ To_Account: 'b' })),
        },
      ],
      ['To_Account a number', { From_Account: 'a', AddFriendItem: [{ To_Account: 5 }] }],
      ['Remark a number', { From_Account: 'a', AddFriendItem: [{ To_Account: 'b', Remark: 5 }] }],
      [
        'AddType unknown',
        { From_Account: 'a', AddFriendItem: [{ To_Account: 'b' }], AddType: 'Both' },
      ],
      [
        'ForceAddFlags 2',
        { From_Account: 'a', AddFriendItem: [{ To_Account: 'b' }], ForceAddFlags: 2 },
      ],
    ])('refuses %s with 30001', (_name, body) => {
      expect(refusal('friend_add', body)).toBe(INVALID);
    });
  });

  describe('friend_import', () => {
    it('maps GroupName as an array, the times and CustomItem', () => {
      expect(
        requestFor('friend_import', {
          From_Account: 'a',
          AddFriendItem: [
            {
              To_Account: 'b',
              AddSource: 'AddSource_Type_Web',
              GroupName: ['x', 'y'],
              AddTime: 10,
              RemarkTime: 11,
              CustomItem: [{ Tag: 'Tag_SNS_Custom_T', Value: 'v' }],
            },
          ],
        }),
      ).toEqual({
        userId: 'a',
        items: [
          {
            toUserId: 'b',
            addSource: 'AddSource_Type_Web',
            groupNames: ['x', 'y'],
            addTime: 10,
            remarkTime: 11,
            customItems: [{ tag: 'Tag_SNS_Custom_T', value: 'v' }],
          },
        ],
      });
    });

    it('refuses a GroupName string and a non-integer AddTime with 30001', () => {
      expect(
        refusal('friend_import', {
          From_Account: 'a',
          AddFriendItem: [{ To_Account: 'b', GroupName: 'x' }],
        }),
      ).toBe(INVALID);
      expect(
        refusal('friend_import', {
          From_Account: 'a',
          AddFriendItem: [{ To_Account: 'b', AddTime: 'now' }],
        }),
      ).toBe(INVALID);
    });
  });

  describe('friend_update', () => {
    it('maps UpdateItem and SnsItem', () => {
      expect(
        requestFor('friend_update', {
          From_Account: 'a',
          UpdateItem: [{ To_Account: 'b', SnsItem: [{ Tag: 'Tag_SNS_IM_Group', Value: ['g'] }] }],
        }),
      ).toEqual({
        userId: 'a',
        items: [{ toUserId: 'b', items: [{ tag: 'Tag_SNS_IM_Group', value: ['g'] }] }],
      });
    });
  });

  describe('friend_delete and friend_delete_all', () => {
    it('maps DeleteType, single by default', () => {
      expect(
        requestFor('friend_delete', {
          From_Account: 'a',
          To_Account: ['b'],
          DeleteType: 'Delete_Type_Both',
        }),
      ).toEqual({
        userId: 'a',
        toUserIds: ['b'],
        deleteType: 'both',
      });
      expect(requestFor('friend_delete_all', { From_Account: 'a' })).toEqual({
        userId: 'a',
        deleteType: undefined,
      });
      expect(responseFor('friend_delete_all', { deletedCount: 3 }, { From_Account: 'a' })).toEqual({
        ErrorDisplay: '',
      });
    });

    it('refuses 1001 targets and a string To_Account with 30001', () => {
      expect(
        refusal('friend_delete', {
          From_Account: 'a',
          To_Account: Array.from({ length: 1001 }, (_, i) => `u${i}`),
        }),
      ).toBe(INVALID);
      expect(refusal('friend_delete', { From_Account: 'a', To_Account: 'b' })).toBe(INVALID);
    });
  });

  describe('friend_check and black_list_check', () => {
    it.each([
      ['CheckResult_Type_Single', 'single'],
      ['CheckResult_Type_Singal', 'single'],
      ['CheckResult_Type_Both', 'both'],
    ])('accepts CheckType %s (AMB-32)', (CheckType, checkType) => {
      expect(
        requestFor('friend_check', { From_Account: 'a', To_Account: ['b'], CheckType }),
      ).toEqual({
        userId: 'a',
        toUserIds: ['b'],
        checkType,
      });
    });

    it.each([
      ['BlackCheckResult_Type_Single', 'single'],
      ['BlackCheckResult_Type_Singal', 'single'],
      ['BlackCheckResult_Type_Both', 'both'],
    ])('accepts blacklist CheckType %s', (CheckType, checkType) => {
      expect(
        requestFor('black_list_check', { From_Account: 'a', To_Account: ['b'], CheckType }),
      ).toMatchObject({ checkType });
    });

    it('answers the relation names of each command', () => {
      const reply = {
        results: [
          { userId: 'w', relation: 'BothWay', code: 0, message: '' },
          { userId: 'x', relation: 'AWithB', code: 0, message: '' },
          { userId: 'y', relation: 'BWithA', code: 0, message: '' },
          { userId: 'z', relation: 'NoRelation', code: 0, message: '' },
        ],
      };
      const body = { From_Account: 'a', To_Account: ['w'], CheckType: 'CheckResult_Type_Both' };
      expect(
        (
          responseFor('friend_check', reply, body) as { InfoItem: { Relation: string }[] }
        ).InfoItem.map((i) => i.Relation),
      ).toEqual([
        'CheckResult_Type_BothWay',
        'CheckResult_Type_AWithB',
        'CheckResult_Type_BWithA',
        'CheckResult_Type_NoRelation',
      ]);
      const black = responseFor('black_list_check', reply, {
        ...body,
        CheckType: 'BlackCheckResult_Type_Both',
      }) as {
        BlackListCheckItem: { Relation: string }[];
      };
      expect(black.BlackListCheckItem.map((i) => i.Relation)).toEqual([
        'BlackCheckResult_Type_BothWay',
        'BlackCheckResult_Type_AWithB',
        'BlackCheckResult_Type_BWithA',
        'BlackCheckResult_Type_NO',
      ]);
    });

    it('refuses a friend CheckType on black_list_check and a missing CheckType with 30001', () => {
      expect(
        refusal('black_list_check', {
          From_Account: 'a',
          To_Account: ['b'],
          CheckType: 'CheckResult_Type_Both',
        }),
      ).toBe(INVALID);
      expect(refusal('friend_check', { From_Account: 'a', To_Account: ['b'] })).toBe(INVALID);
    });
  });

  describe('friend_get and friend_get_all', () => {
    it('answer the same page fields', () => {
      const reply = {
        friends: [{ userId: 'b', items: [{ tag: 'Tag_SNS_IM_Remark', value: 'r' }] }],
        standardSequence: 3,
        customSequence: 2,
        friendCount: 1,
        isComplete: true,
        nextStartIndex: 0,
      };
      const expected = {
        UserDataItem: [{ To_Account: 'b', ValueItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'r' }] }],
        StandardSequence: 3,
        CustomSequence: 2,
        FriendNum: 1,
        CompleteFlag: 1,
        NextStartIndex: 0,
        ErrorDisplay: '',
      };
      for (const command of ['friend_get', 'friend_get_all'])
        expect(responseFor(command, reply, { From_Account: 'a', StartIndex: 0 })).toEqual(expected);
    });

    it('requires StartIndex as an integer', () => {
      expect(refusal('friend_get', { From_Account: 'a' })).toBe(INVALID);
      expect(refusal('friend_get', { From_Account: 'a', StartIndex: '0' })).toBe(INVALID);
    });
  });

  describe('black_list_get', () => {
    it('answers both spellings of the sequence', () => {
      expect(
        responseFor(
          'black_list_get',
          { entries: [{ userId: 'b', addedAt: 5 }], nextStartIndex: 0, sequence: 7 },
          { From_Account: 'a', StartIndex: 0, MaxLimited: 10, LastSequence: 0 },
        ),
      ).toEqual({
        BlackListItem: [{ To_Account: 'b', AddBlackTimeStamp: 5 }],
        StartIndex: 0,
        CurruentSequence: 7,
        CurrentSequence: 7,
        ErrorDisplay: '',
      });
    });

    it('requires StartIndex, MaxLimited and LastSequence', () => {
      expect(refusal('black_list_get', { From_Account: 'a', StartIndex: 0, MaxLimited: 10 })).toBe(
        INVALID,
      );
      expect(
        refusal('black_list_get', {
          From_Account: 'a',
          StartIndex: 0,
          MaxLimited: 0,
          LastSequence: 0,
        }),
      ).toBe(INVALID);
    });
  });

  describe('group_add, group_delete, group_get', () => {
    it('map names, friends and the sequence', () => {
      expect(
        requestFor('group_add', { From_Account: 'a', GroupName: ['g'], To_Account: ['b'] }),
      ).toEqual({
        userId: 'a',
        names: ['g'],
        toUserIds: ['b'],
      });
      expect(
        responseFor(
          'group_add',
          {
            results: [{ userId: 'b', code: ErrorCode.NotAFriend, message: 'not a friend' }],
            sequence: 4,
          },
          { From_Account: 'a', GroupName: ['g'] },
        ),
      ).toEqual({
        ResultItem: [{ To_Account: 'b', ResultCode: 31704, ResultInfo: 'not a friend' }],
        CurrentSequence: 4,
        Fail_Account: ['b'],
        ErrorDisplay: '',
      });
      expect(
        responseFor('group_delete', { sequence: 5 }, { From_Account: 'a', GroupName: ['g'] }),
      ).toEqual({
        CurrentSequence: 5,
        ErrorDisplay: '',
      });
    });

    it('lists members only with Need_Friend_Type_Yes', () => {
      const reply = { lists: [{ name: 'g', friendCount: 1, friendIds: ['b'] }], sequence: 2 };
      expect(
        responseFor('group_get', reply, { From_Account: 'a', NeedFriend: 'Need_Friend_Type_Yes' }),
      ).toEqual({
        ResultItem: [{ GroupName: 'g', FriendNumber: 1, To_Account: ['b'] }],
        CurrentSequence: 2,
      });
      expect(requestFor('group_get', { From_Account: 'a', LastSequence: 2 })).toEqual({
        userId: 'a',
        lastSequence: 2,
        withFriends: false,
        names: undefined,
      });
      expect(
        responseFor(
          'group_get',
          { lists: [{ name: 'g', friendCount: 1 }], sequence: 2 },
          { From_Account: 'a' },
        ),
      ).toEqual({
        ResultItem: [{ GroupName: 'g', FriendNumber: 1 }],
        CurrentSequence: 2,
      });
    });
  });
});
