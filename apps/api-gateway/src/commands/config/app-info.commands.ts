import { AccountRpc, CallbackDispatcherRpc } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import { NoFieldsDto } from '../message/no-fields.dto';
import { toAppInfoResult } from './app-info.mapper';
import { GetAppInfoDto } from './getappinfo.dto';

/**
 * `openconfigsvr/getappinfo`, the last 30 days of statistics (docs/rest-api.md §9.3, shared with the
 * console through `account.rpc.get-app-stats`), and `ConfigSvc/GetIPList`, the addresses
 * callbacks come from (§9.5; CamelCase service name as Tencent spells it).
 */
export const appInfoCommands = [
  restCommand({
    service: 'openconfigsvr',
    command: 'getappinfo',
    dto: GetAppInfoDto,
    subject: AccountRpc.GetAppStats,
    toRequest: () => ({}),
    toResponse: (r, d) => ({ Result: toAppInfoResult(r, d.RequestField) }),
  }),
  restCommand({
    service: 'ConfigSvc',
    command: 'GetIPList',
    dto: NoFieldsDto,
    subject: CallbackDispatcherRpc.GetEgressIps,
    toRequest: () => ({}),
    toResponse: (r) => ({ IPList: r.ips }),
  }),
];
