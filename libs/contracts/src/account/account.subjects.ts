/** Request/reply subjects served by the account service (queue group `account`). */
export const AccountRpc = {
  Import: 'account.rpc.import',
  ImportMany: 'account.rpc.import-many',
  Delete: 'account.rpc.delete',
  Check: 'account.rpc.check',
  Kick: 'account.rpc.kick',
  QueryOnlineStatus: 'account.rpc.query-online-status',
  CreateApp: 'account.rpc.create-app',
  GetApp: 'account.rpc.get-app',
  UpdateApp: 'account.rpc.update-app',
  RotateAppKey: 'account.rpc.rotate-app-key',
  GetAppCredentials: 'account.rpc.get-app-credentials',
  /** A gateway admits a user: creates the account when allowed, tells the revocation time. */
  Login: 'account.rpc.login',
  /** The caller's app's per-day statistics (openconfigsvr/getappinfo, the console). */
  GetAppStats: 'account.rpc.get-app-stats',
  /** openconfigsvr/setnospeaking: a user's global mute. */
  SetNoSpeaking: 'account.rpc.set-no-speaking',
  /** getnospeaking, and the messaging service's check before a send (up to 100 users). */
  GetNoSpeaking: 'account.rpc.get-no-speaking',
  /** The launcher on an empty data dir: the first console operator (operator-only). */
  EnsureFirstOperator: 'account.rpc.ensure-first-operator',
  /** Console (api-gateway): an operator logs in; throttled per name and per client address. */
  OperatorLogin: 'account.rpc.operator-login',
  OperatorLogout: 'account.rpc.operator-logout',
  /** Console: whose session is this (every console call checks its session here or below). */
  OperatorSession: 'account.rpc.operator-session',
  OperatorListApps: 'account.rpc.operator-list-apps',
  OperatorCreateApp: 'account.rpc.operator-create-app',
  OperatorRotateAppKey: 'account.rpc.operator-rotate-app-key',
  OperatorSetAppFeatures: 'account.rpc.operator-set-app-features',
  OperatorListAudit: 'account.rpc.operator-list-audit',
  /** Console: may this session make a call passed on to another service (a write: CSRF)? */
  OperatorCheck: 'account.rpc.operator-check',
  /** Console: the audit entry of a write passed on to another service, with its outcome. */
  OperatorRecord: 'account.rpc.operator-record',
  /** Console: an app's callback URL, token (set or not) and enabled commands. */
  OperatorGetCallbacks: 'account.rpc.operator-get-callbacks',
  /** Console: an app's admin identifiers and the settings the Apps page edits. */
  OperatorGetAppSettings: 'account.rpc.operator-get-app-settings',
  OperatorSetAppSettings: 'account.rpc.operator-set-app-settings',
  OperatorSetCallbacks: 'account.rpc.operator-set-callbacks',
  /** openim_robot_http_svc: robots are accounts of type 1 named `@RBT#...`. */
  CreateRobot: 'account.rpc.create-robot',
  DeleteRobot: 'account.rpc.delete-robot',
  ListRobots: 'account.rpc.list-robots',
} as const;

/** Facts the account service publishes (JetStream stream `ACCOUNT_EVENTS`). */
export const AccountEvt = {
  Imported: 'account.evt.imported',
  Deleted: 'account.evt.deleted',
  Kicked: 'account.evt.kicked',
  AppChanged: 'account.evt.app-changed',
  NoSpeakingChanged: 'account.evt.no-speaking-changed',
} as const;
