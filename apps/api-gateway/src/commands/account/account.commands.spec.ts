import 'reflect-metadata';

import { AccountRpc, ErrorCode } from '@im/contracts';

import { CommandTable } from '../../rest/command-table.model';
import { applyAliases, validateDto } from '../../rest/dto-validation.rules';
import type { RestCommand } from '../../rest/rest-command.model';
import { accountCommands } from './account.commands';

const table = new CommandTable(accountCommands);

function row(service: string, command: string): RestCommand {
  const found = table.find(service, command);
  if (!found) throw new Error(`no row ${service}/${command}`);
  return found;
}

/** What the edge sends over NATS for `body` (aliases, validation, mapping). */
function requestFor(r: RestCommand, body: Record<string, unknown>): unknown {
  return r.toRequest(validateDto(r.dto, applyAliases(body, r.aliases), 1));
}

function responseFor(r: RestCommand, reply: unknown, body: Record<string, unknown>): unknown {
  const dto = validateDto(r.dto, applyAliases(body, r.aliases), 1);
  return (r.toResponse as (reply: unknown, dto: object) => unknown)(reply, dto);
}

describe('accountCommands', () => {
  it('serves the commands of docs/rest-api.md §3 on their subjects', () => {
    expect(accountCommands.map((r) => [`${r.service}/${r.command}`, r.subject as string])).toEqual([
      ['im_open_login_svc/account_import', AccountRpc.Import],
      ['im_open_login_svc/multiaccount_import', AccountRpc.ImportMany],
      ['im_open_login_svc/account_delete', AccountRpc.Delete],
      ['im_open_login_svc/account_check', AccountRpc.Check],
      ['im_open_login_svc/kick', AccountRpc.Kick],
      ['openim/query_online_status', AccountRpc.QueryOnlineStatus],
      ['openim/querystate', AccountRpc.QueryOnlineStatus],
    ]);
  });

  describe('account_import', () => {
    const sut = row('im_open_login_svc', 'account_import');

    it('maps the spec fields to the contract request', () => {
      expect(requestFor(sut, { UserID: 'u1', Nick: 'n', FaceUrl: 'http://f', Type: 1 })).toEqual({
        userId: 'u1',
        nick: 'n',
        faceUrl: 'http://f',
        type: 1,
      });
    });

    it('accepts Identifier as an alias of UserID', () => {
      expect(requestFor(sut, { Identifier: 'u1' })).toMatchObject({ userId: 'u1' });
      expect(requestFor(sut, { Identifier: 'old', UserID: 'new' })).toMatchObject({
        userId: 'new',
      });
    });

    it('answers the envelope only', () => {
      expect(responseFor(sut, { created: true }, { UserID: 'u1' })).toEqual({});
    });
  });

  describe('multiaccount_import', () => {
    const sut = row('im_open_login_svc', 'multiaccount_import');

    it('maps Accounts to accounts with only a user ID', () => {
      expect(requestFor(sut, { Accounts: ['a', 'b'] })).toEqual({
        accounts: [{ userId: 'a' }, { userId: 'b' }],
      });
    });

    it('maps AccountList items with their profile fields, preferring it over Accounts', () => {
      expect(
        requestFor(sut, {
          Accounts: ['ignored'],
          AccountList: [{ UserID: 'a', Nick: 'A', FaceUrl: 'http://a' }],
        }),
      ).toEqual({ accounts: [{ userId: 'a', nick: 'A', faceUrl: 'http://a' }] });
    });

    it('requires Accounts when AccountList is null', () => {
      expect(() => requestFor(sut, { AccountList: null, Accounts: 'a' })).toThrow(
        expect.objectContaining({ code: 1 }),
      );
    });

    it('answers the failed accounts as FailAccounts', () => {
      expect(responseFor(sut, { failedUserIds: ['x'] }, { Accounts: ['x'] })).toEqual({
        FailAccounts: ['x'],
      });
    });
  });

  describe('account_delete', () => {
    const sut = row('im_open_login_svc', 'account_delete');

    it('maps DeleteItem to user IDs and results to ResultItem', () => {
      const body = { DeleteItem: [{ UserID: 'a' }, { UserID: 'b' }] };
      expect(requestFor(sut, body)).toEqual({ userIds: ['a', 'b'] });
      expect(
        responseFor(
          sut,
          {
            results: [
              { userId: 'a', code: 0, message: '' },
              { userId: 'b', code: ErrorCode.AccountNotImported, message: 'not imported' },
            ],
          },
          body,
        ),
      ).toEqual({
        ResultItem: [
          { ResultCode: 0, ResultInfo: '', UserID: 'a' },
          { ResultCode: 70107, ResultInfo: 'not imported', UserID: 'b' },
        ],
      });
    });
  });

  describe('account_check', () => {
    const sut = row('im_open_login_svc', 'account_check');

    it('maps CheckItem to user IDs and results to ResultItem with AccountStatus', () => {
      const body = { CheckItem: [{ UserID: 'a' }, { UserID: 'b' }] };
      expect(requestFor(sut, body)).toEqual({ userIds: ['a', 'b'] });
      expect(
        responseFor(
          sut,
          {
            results: [
              { userId: 'a', code: 0, message: '', isImported: true },
              { userId: 'b', code: 0, message: '', isImported: false },
            ],
          },
          body,
        ),
      ).toEqual({
        ResultItem: [
          { UserID: 'a', ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' },
          { UserID: 'b', ResultCode: 0, ResultInfo: '', AccountStatus: 'NotImported' },
        ],
      });
    });
  });

  describe('kick', () => {
    const sut = row('im_open_login_svc', 'kick');

    it('maps UserID or its alias Identifier and answers the envelope only', () => {
      expect(requestFor(sut, { UserID: 'u1' })).toEqual({ userId: 'u1' });
      expect(requestFor(sut, { Identifier: 'u2' })).toEqual({ userId: 'u2' });
      expect(responseFor(sut, { revokedBefore: 1 }, { UserID: 'u1' })).toEqual({});
    });
  });

  describe('query_online_status', () => {
    const sut = row('openim', 'query_online_status');
    const reply = {
      results: [
        { userId: 'a', status: 'Online', detail: [{ platform: 'iPhone', status: 'Online' }] },
        { userId: 'b', status: 'Offline', detail: [] },
      ],
      errors: [{ userId: 'c', code: ErrorCode.AccountNotImported }],
    };

    it('asks for the detail only with IsNeedDetail 1', () => {
      expect(requestFor(sut, { To_Account: ['a'], IsNeedDetail: 1 })).toEqual({
        userIds: ['a'],
        withDetail: true,
      });
      expect(requestFor(sut, { To_Account: ['a'] })).toEqual({
        userIds: ['a'],
        withDetail: false,
      });
    });

    it('answers QueryResult with Detail when asked for, and ErrorList', () => {
      expect(responseFor(sut, reply, { To_Account: ['a', 'b', 'c'], IsNeedDetail: 1 })).toEqual({
        QueryResult: [
          { To_Account: 'a', Status: 'Online', Detail: [{ Platform: 'iPhone', Status: 'Online' }] },
          { To_Account: 'b', Status: 'Offline', Detail: [] },
        ],
        ErrorList: [{ To_Account: 'c', ErrorCode: 70107 }],
      });
    });

    it('leaves Detail out unless asked for', () => {
      expect(responseFor(sut, reply, { To_Account: ['a'], IsNeedDetail: 0 })).toEqual({
        QueryResult: [
          { To_Account: 'a', Status: 'Online' },
          { To_Account: 'b', Status: 'Offline' },
        ],
        ErrorList: [{ To_Account: 'c', ErrorCode: 70107 }],
      });
    });
  });

  describe('querystate', () => {
    const sut = row('openim', 'querystate');

    it('answers the legacy State field and never asks for detail', () => {
      const body = { To_Account: ['a'], IsNeedDetail: 1 };
      expect(requestFor(sut, body)).toEqual({ userIds: ['a'], withDetail: false });
      expect(
        responseFor(sut, { results: [{ userId: 'a', status: 'PushOnline' }], errors: [] }, body),
      ).toEqual({ QueryResult: [{ To_Account: 'a', State: 'PushOnline' }], ErrorList: [] });
    });
  });
});
