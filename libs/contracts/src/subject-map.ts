import {
  AccountEvt,
  AccountKickedEvent,
  AccountRpc,
  AccountsDeletedEvent,
  AccountsImportedEvent,
  AppChangedEvent,
  AppCredentialsReply,
  AppIdRequest,
  AppReply,
  CheckAccountsReply,
  CreateAppRequest,
  DeleteAccountsReply,
  ImportAccountReply,
  ImportAccountRequest,
  ImportAccountsReply,
  ImportAccountsRequest,
  KickAccountReply,
  KickAccountRequest,
  QueryOnlineStatusReply,
  QueryOnlineStatusRequest,
  UpdateAppRequest,
  UserIdsRequest,
} from './account';

export interface Rpc<Req, Rep> {
  request: Req;
  reply: Rep;
}

/** Every request/reply subject with its request and reply type. */
export interface RpcSubjectMap {
  [AccountRpc.Import]: Rpc<ImportAccountRequest, ImportAccountReply>;
  [AccountRpc.ImportMany]: Rpc<ImportAccountsRequest, ImportAccountsReply>;
  [AccountRpc.Delete]: Rpc<UserIdsRequest, DeleteAccountsReply>;
  [AccountRpc.Check]: Rpc<UserIdsRequest, CheckAccountsReply>;
  [AccountRpc.Kick]: Rpc<KickAccountRequest, KickAccountReply>;
  [AccountRpc.QueryOnlineStatus]: Rpc<QueryOnlineStatusRequest, QueryOnlineStatusReply>;
  [AccountRpc.CreateApp]: Rpc<CreateAppRequest, AppReply>;
  [AccountRpc.GetApp]: Rpc<AppIdRequest, AppReply>;
  [AccountRpc.UpdateApp]: Rpc<UpdateAppRequest, AppReply>;
  [AccountRpc.RotateAppKey]: Rpc<AppIdRequest, AppReply>;
  [AccountRpc.GetAppCredentials]: Rpc<AppIdRequest, AppCredentialsReply>;
}

/** Every event subject with its event type. */
export interface EventSubjectMap {
  [AccountEvt.Imported]: AccountsImportedEvent;
  [AccountEvt.Deleted]: AccountsDeletedEvent;
  [AccountEvt.Kicked]: AccountKickedEvent;
  [AccountEvt.AppChanged]: AppChangedEvent;
}

export type RpcSubject = keyof RpcSubjectMap;
export type EventSubject = keyof EventSubjectMap;
export type RpcRequestOf<S extends RpcSubject> = RpcSubjectMap[S]['request'];
export type RpcReplyOf<S extends RpcSubject> = RpcSubjectMap[S]['reply'];
export type EventOf<S extends EventSubject> = EventSubjectMap[S];

/** JetStream streams, one per owner, over its `evt` subjects. */
export const EventStreams = {
  account: { name: 'ACCOUNT_EVENTS', subjects: ['account.evt.>'] },
} as const;
