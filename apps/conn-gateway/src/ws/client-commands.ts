import { AccountRpc, RpcSubject } from '@im/contracts';

/**
 * Commands a logged-in user may send (docs/protocol.md §7) and the service subject each is
 * forwarded to, with the user as caller (role `user`): the services apply their own rules.
 * Later services add rows here.
 */
export const CLIENT_COMMANDS: Readonly<Record<string, RpcSubject>> = {
  'account.query-online-status': AccountRpc.QueryOnlineStatus,
};
