import { AccountRpc } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import { AccountCheckDto } from './account-check.dto';
import { AccountDeleteDto } from './account-delete.dto';
import { AccountImportDto } from './account-import.dto';
import { KickDto } from './kick.dto';
import { MultiAccountImportDto } from './multiaccount-import.dto';
import { QueryOnlineStatusDto } from './query-online-status.dto';

const ACCOUNT = 'im_open_login_svc';
const OPENIM = 'openim';
const USER_ID_ALIASES = { Identifier: 'UserID' } as const;

/** `im_open_login_svc` and the online-status commands of `openim` (docs/rest-api.md §3). */
export const accountCommands = [
  restCommand({
    service: ACCOUNT,
    command: 'account_import',
    dto: AccountImportDto,
    aliases: USER_ID_ALIASES,
    subject: AccountRpc.Import,
    toRequest: (d) => ({ userId: d.UserID, nick: d.Nick, faceUrl: d.FaceUrl, type: d.Type }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: ACCOUNT,
    command: 'multiaccount_import',
    dto: MultiAccountImportDto,
    subject: AccountRpc.ImportMany,
    toRequest: (d) => ({
      accounts: d.AccountList
        ? d.AccountList.map((a) => ({ userId: a.UserID, nick: a.Nick, faceUrl: a.FaceUrl }))
        : (d.Accounts ?? []).map((userId) => ({ userId })),
    }),
    toResponse: (r) => ({ FailAccounts: r.failedUserIds }),
  }),
  restCommand({
    service: ACCOUNT,
    command: 'account_delete',
    dto: AccountDeleteDto,
    subject: AccountRpc.Delete,
    toRequest: (d) => ({ userIds: d.DeleteItem.map((i) => i.UserID) }),
    toResponse: (r) => ({
      ResultItem: r.results.map((i) => ({
        ResultCode: i.code,
        ResultInfo: i.message,
        UserID: i.userId,
      })),
    }),
  }),
  restCommand({
    service: ACCOUNT,
    command: 'account_check',
    dto: AccountCheckDto,
    subject: AccountRpc.Check,
    toRequest: (d) => ({ userIds: d.CheckItem.map((i) => i.UserID) }),
    toResponse: (r) => ({
      ResultItem: r.results.map((i) => ({
        UserID: i.userId,
        ResultCode: i.code,
        ResultInfo: i.message,
        AccountStatus: i.isImported ? 'Imported' : 'NotImported',
      })),
    }),
  }),
  restCommand({
    service: ACCOUNT,
    command: 'kick',
    dto: KickDto,
    aliases: USER_ID_ALIASES,
    subject: AccountRpc.Kick,
    toRequest: (d) => ({ userId: d.UserID }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: OPENIM,
    command: 'query_online_status',
    dto: QueryOnlineStatusDto,
    subject: AccountRpc.QueryOnlineStatus,
    toRequest: (d) => ({ userIds: d.To_Account, withDetail: d.IsNeedDetail === 1 }),
    toResponse: (r, d) => ({
      QueryResult: r.results.map((u) => ({
        To_Account: u.userId,
        Status: u.status,
        ...(d.IsNeedDetail === 1 && {
          Detail: (u.detail ?? []).map((p) => ({ Platform: p.platform, Status: p.status })),
        }),
      })),
      ErrorList: r.errors.map((e) => ({ To_Account: e.userId, ErrorCode: e.code })),
    }),
  }),
  restCommand({
    service: OPENIM,
    command: 'querystate',
    dto: QueryOnlineStatusDto,
    subject: AccountRpc.QueryOnlineStatus,
    toRequest: (d) => ({ userIds: d.To_Account, withDetail: false }),
    toResponse: (r) => ({
      QueryResult: r.results.map((u) => ({ To_Account: u.userId, State: u.status })),
      ErrorList: r.errors.map((e) => ({ To_Account: e.userId, ErrorCode: e.code })),
    }),
  }),
];
