import type { Rpc } from '../common';
import type { AccountKickedEvent } from './account-kicked.event';
import type { AccountsDeletedEvent } from './accounts-deleted.event';
import type { AccountsImportedEvent } from './accounts-imported.event';
import { AccountEvt, AccountRpc } from './account.subjects';
import type { AppChangedEvent } from './app-changed.event';
import type { AppCredentialsReply } from './app-credentials.reply';
import type { AppIdRequest } from './app-id.request';
import type { AppReply } from './app.reply';
import type { AppStatsReply } from './app-stats.reply';
import type { CheckAccountsReply } from './check-accounts.reply';
import type { CreateAppRequest } from './create-app.request';
import type { EmptyReply } from '../message/empty.reply';
import type { CreateRobotRequest } from './create-robot.request';
import type { ListRobotsRequest } from './list-robots.request';
import type { RobotIdRequest } from './robot-id.request';
import type { RobotIdsReply } from './robot-ids.reply';
import type { DeleteAccountsReply } from './delete-accounts.reply';
import type { GetAppStatsRequest } from './get-app-stats.request';
import type { ImportAccountReply } from './import-account.reply';
import type { ImportAccountRequest } from './import-account.request';
import type { ImportAccountsReply } from './import-accounts.reply';
import type { ImportAccountsRequest } from './import-accounts.request';
import type { KickAccountReply } from './kick-account.reply';
import type { KickAccountRequest } from './kick-account.request';
import type { LoginAccountReply } from './login-account.reply';
import type { LoginAccountRequest } from './login-account.request';
import type { NoSpeakingChangedEvent } from './no-speaking-changed.event';
import type { NoSpeakingReply } from './no-speaking.reply';
import type { QueryOnlineStatusReply } from './query-online-status.reply';
import type { QueryOnlineStatusRequest } from './query-online-status.request';
import type { SetNoSpeakingRequest } from './set-no-speaking.request';
import type { EnsureFirstOperatorReply } from './ensure-first-operator.reply';
import type { EnsureFirstOperatorRequest } from './ensure-first-operator.request';
import type { OperatorAppPageReply } from './operator-app-page.reply';
import type { OperatorAppRequest } from './operator-app.request';
import type { OperatorAppSummary } from './operator-app-summary';
import type { OperatorAuditPageReply } from './operator-audit-page.reply';
import type { OperatorCallRequest } from './operator-call.request';
import type {
  OperatorCallbacksView,
  OperatorSetCallbacksRequest,
} from './operator-callbacks.request';
import type { OperatorCheckRequest } from './operator-check.request';
import type { OperatorCreateAppRequest } from './operator-create-app.request';
import type { OperatorLoginReply } from './operator-login.reply';
import type { OperatorLoginRequest } from './operator-login.request';
import type { OperatorPageRequest } from './operator-page.request';
import type { OperatorRecordRequest } from './operator-record.request';
import type { OperatorSessionReply } from './operator-session.reply';
import type { OperatorSetAppFeaturesRequest } from './operator-set-app-features.request';
import type {
  OperatorAppSettingsView,
  OperatorSetAppSettingsRequest,
} from './operator-app-settings';
import type { UpdateAppRequest } from './update-app.request';
import type { UserIdsRequest } from './user-ids.request';

/** The account service's request/reply subjects with their types. */
export interface AccountRpcMap {
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
  [AccountRpc.Login]: Rpc<LoginAccountRequest, LoginAccountReply>;
  [AccountRpc.GetAppStats]: Rpc<GetAppStatsRequest, AppStatsReply>;
  [AccountRpc.SetNoSpeaking]: Rpc<SetNoSpeakingRequest, NoSpeakingReply>;
  [AccountRpc.GetNoSpeaking]: Rpc<UserIdsRequest, NoSpeakingReply>;
  [AccountRpc.EnsureFirstOperator]: Rpc<EnsureFirstOperatorRequest, EnsureFirstOperatorReply>;
  [AccountRpc.OperatorLogin]: Rpc<OperatorLoginRequest, OperatorLoginReply>;
  [AccountRpc.OperatorLogout]: Rpc<OperatorCallRequest, OperatorSessionReply>;
  [AccountRpc.OperatorSession]: Rpc<OperatorCallRequest, OperatorSessionReply>;
  [AccountRpc.OperatorListApps]: Rpc<OperatorPageRequest, OperatorAppPageReply>;
  [AccountRpc.OperatorCreateApp]: Rpc<OperatorCreateAppRequest, AppReply>;
  [AccountRpc.OperatorRotateAppKey]: Rpc<OperatorAppRequest, AppReply>;
  [AccountRpc.OperatorSetAppFeatures]: Rpc<OperatorSetAppFeaturesRequest, OperatorAppSummary>;
  [AccountRpc.OperatorListAudit]: Rpc<OperatorPageRequest, OperatorAuditPageReply>;
  [AccountRpc.OperatorCheck]: Rpc<OperatorCheckRequest, OperatorSessionReply>;
  [AccountRpc.OperatorRecord]: Rpc<OperatorRecordRequest, OperatorSessionReply>;
  [AccountRpc.OperatorGetCallbacks]: Rpc<OperatorAppRequest, OperatorCallbacksView>;
  [AccountRpc.OperatorGetAppSettings]: Rpc<OperatorAppRequest, OperatorAppSettingsView>;
  [AccountRpc.OperatorSetAppSettings]: Rpc<OperatorSetAppSettingsRequest, OperatorAppSettingsView>;
  [AccountRpc.OperatorSetCallbacks]: Rpc<OperatorSetCallbacksRequest, OperatorCallbacksView>;
  [AccountRpc.CreateRobot]: Rpc<CreateRobotRequest, EmptyReply>;
  [AccountRpc.DeleteRobot]: Rpc<RobotIdRequest, EmptyReply>;
  [AccountRpc.ListRobots]: Rpc<ListRobotsRequest, RobotIdsReply>;
}

/** The account service's events with their types. */
export interface AccountEventMap {
  [AccountEvt.Imported]: AccountsImportedEvent;
  [AccountEvt.Deleted]: AccountsDeletedEvent;
  [AccountEvt.Kicked]: AccountKickedEvent;
  [AccountEvt.AppChanged]: AppChangedEvent;
  [AccountEvt.NoSpeakingChanged]: NoSpeakingChangedEvent;
}
