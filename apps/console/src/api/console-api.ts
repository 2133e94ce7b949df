import type {
  AppDeadLetterView,
  AppFeature,
  DeliveryAttemptView,
  ReplayAppDeadLetterReply,
  OperatorAppSummary,
  OperatorAuditEntry,
  OperatorSessionReply,
} from '@im/contracts';

import { call } from './client';
import type { Page } from './client';

export type {
  AppDeadLetterView,
  DeliveryAttemptView,
  AppFeature,
  OperatorAppSummary,
  OperatorAuditEntry,
  OperatorSessionReply,
};

/** What create and rotate answer: the secret key, shown once. */
export interface AppWithKey {
  sdkAppId: number;
  name: string;
  adminIdentifiers: string[];
  secretKey: string;
  keyVersion: number;
  features: AppFeature[];
}

/** An app's admin identifiers and the settings the Apps page edits (docs/app-settings.md). */
export interface AppSettingsView {
  sdkAppId: number;
  adminIdentifiers: string[];
  settings: EditableSettings;
}

export interface EditableSettings {
  multiLoginPolicy?: 'per-platform' | 'single' | 'multi';
  restRateLimitPerSecond?: number;
  message?: { roamingDays?: number };
  friendLimit?: number;
  blacklistLimit?: number;
  groupDailyCreateLimit?: number;
  groupMemberCap?: number;
  profileCustomFields?: Record<string, unknown>[];
  snsCustomFields?: Record<string, unknown>[];
  groupCustomFields?: Record<string, unknown>[];
  groupMemberCustomFields?: Record<string, unknown>[];
}

export interface AppSettingsChange {
  adminIdentifiers?: string[];
  settings?: EditableSettings;
}

export interface PageQuery {
  offset: number;
  limit: number;
}

/** Every console API call the pages make (the server's table: /console/api/openapi.json). */
export const consoleApi = {
  login: (username: string, password: string) =>
    call<OperatorSessionReply>('POST', '/login', { body: { username, password } }),
  logout: () => call<OperatorSessionReply>('POST', '/logout'),
  session: () => call<OperatorSessionReply>('GET', '/session'),
  listApps: (q: PageQuery) => call<Page<OperatorAppSummary>>('GET', '/apps', { query: { ...q } }),
  createApp: (name: string, adminIdentifiers?: string[]) =>
    call<AppWithKey>('POST', '/apps', { body: { name, adminIdentifiers } }),
  rotateAppKey: (sdkAppId: number) => call<AppWithKey>('POST', `/apps/${sdkAppId}/rotate-key`),
  setAppFeatures: (sdkAppId: number, changes: Partial<Record<AppFeature, boolean>>) =>
    call<OperatorAppSummary>('PUT', `/apps/${sdkAppId}/features`, { body: changes }),
  getAppSettings: (sdkAppId: number) => call<AppSettingsView>('GET', `/apps/${sdkAppId}/settings`),
  setAppSettings: (sdkAppId: number, body: AppSettingsChange) =>
    call<AppSettingsView>('PUT', `/apps/${sdkAppId}/settings`, { body }),
  listAudit: (q: PageQuery) => call<Page<OperatorAuditEntry>>('GET', '/audit', { query: { ...q } }),
};

/** A /v4 command's answer as the console API passes it on (docs/rest-api.md field names). */
export type V4 = Record<string, unknown>;

export interface ProfileItem {
  Tag: string;
  Value: string | number;
}

export interface RoamMsg {
  From_Account: string;
  To_Account: string;
  MsgSeq: number;
  MsgRandom: number;
  MsgTimeStamp: number;
  MsgFlagBits: number;
  MsgKey: string;
  MsgBody: { MsgType: string; MsgContent: Record<string, unknown> }[];
}

export interface GroupMsg {
  From_Account: string;
  IsPlaceMsg: number;
  MsgSeq: number;
  MsgTimeStamp: number;
  MsgBody: { MsgType: string; MsgContent: Record<string, unknown> }[];
  IsSystemMsg?: number;
}

export interface GroupMember {
  Member_Account: string;
  Role: string;
  JoinTime: number;
  ShutUpUntil?: number;
  LastSendMsgTime?: number;
}

export interface AppStatsDay {
  date: string;
  values: Record<string, number>;
}

const app = (sdkAppId: number) => `/apps/${sdkAppId}`;
const enc = encodeURIComponent;

/** Calls on one app's users, messages, words, groups and statistics (as its admin). */
export const appApi = {
  checkUser: (a: number, userId: string) =>
    call<{ ResultItem: { UserID: string; AccountStatus: string }[] }>(
      'GET',
      `${app(a)}/users/${enc(userId)}/check`,
    ),
  importUser: (a: number, body: { userId: string; nick?: string; faceUrl?: string }) =>
    call<V4>('POST', `${app(a)}/users`, { body }),
  profile: (a: number, userId: string) =>
    call<{
      UserProfileItem: { To_Account: string; ProfileItem: ProfileItem[]; ResultCode: number }[];
    }>('GET', `${app(a)}/users/${enc(userId)}/profile`),
  setProfile: (a: number, userId: string, items: { tag: string; value: string | number }[]) =>
    call<V4>('PUT', `${app(a)}/users/${enc(userId)}/profile`, { body: { items } }),
  online: (a: number, userId: string) =>
    call<{
      QueryResult: {
        To_Account: string;
        Status: string;
        Detail?: { Platform: string; Status: string }[];
      }[];
    }>('GET', `${app(a)}/users/${enc(userId)}/online`),
  friends: (a: number, userId: string, startIndex: number) =>
    call<{
      UserDataItem?: { To_Account: string; ValueItem?: ProfileItem[] }[];
      FriendNum: number;
      CompleteFlag: number;
      NextStartIndex: number;
    }>('GET', `${app(a)}/users/${enc(userId)}/friends`, { query: { startIndex } }),
  blacklist: (a: number, userId: string, startIndex: number, limit: number) =>
    call<{
      BlackListItem?: { To_Account: string; AddBlackTimeStamp: number }[];
      StartIndex: number;
    }>('GET', `${app(a)}/users/${enc(userId)}/blacklist`, { query: { startIndex, limit } }),
  kick: (a: number, userId: string) => call<V4>('POST', `${app(a)}/users/${enc(userId)}/kick`),
  deleteUser: (a: number, userId: string) =>
    call<{ ResultItem?: { ResultCode: number; ResultInfo: string }[] }>(
      'POST',
      `${app(a)}/users/${enc(userId)}/delete`,
    ),

  c2cHistory: (
    a: number,
    q: { user: string; peer: string; limit: number; lastMsgKey?: string; maxTime?: number },
  ) =>
    call<{ Complete: number; LastMsgKey: string; LastMsgTime: number; MsgList: RoamMsg[] }>(
      'GET',
      `${app(a)}/messages/c2c`,
      { query: q },
    ),
  groupHistory: (a: number, groupId: string, q: { limit: number; reqMsgSeq?: number }) =>
    call<{ IsFinished: number; RspMsgList: GroupMsg[] }>(
      'GET',
      `${app(a)}/groups/${enc(groupId)}/messages`,
      { query: q },
    ),
  sendC2c: (a: number, body: { from?: string; to: string; text: string }) =>
    call<{ MsgTime: number; MsgKey: string }>('POST', `${app(a)}/messages/c2c`, { body }),
  sendGroup: (a: number, groupId: string, body: { from?: string; text: string }) =>
    call<{ MsgTime: number; MsgSeq: number }>('POST', `${app(a)}/groups/${enc(groupId)}/messages`, {
      body,
    }),
  recallC2c: (a: number, body: { from: string; to: string; msgKey: string }) =>
    call<V4>('POST', `${app(a)}/messages/c2c/recall`, { body }),
  recallGroup: (a: number, groupId: string, msgSeq: number) =>
    call<V4>('POST', `${app(a)}/groups/${enc(groupId)}/messages/recall`, { body: { msgSeq } }),

  words: (a: number, q: PageQuery) =>
    call<Page<string>>('GET', `${app(a)}/sensitive-words`, { query: { ...q } }),
  addWords: (a: number, words: string[]) =>
    call<V4>('POST', `${app(a)}/sensitive-words`, { body: { words } }),
  deleteWords: (a: number, words: string[]) =>
    call<V4>('POST', `${app(a)}/sensitive-words/delete`, { body: { words } }),

  groups: (a: number, q: { limit: number; next: number; groupType?: string }) =>
    call<{ TotalCount: number; GroupIdList: { GroupId: string }[]; Next: number }>(
      'GET',
      `${app(a)}/groups`,
      { query: q },
    ),
  group: (a: number, groupId: string) =>
    call<{ GroupInfo: (Record<string, unknown> & { ErrorCode: number; ErrorInfo?: string })[] }>(
      'GET',
      `${app(a)}/groups/${enc(groupId)}`,
    ),
  members: (a: number, groupId: string, q: PageQuery) =>
    call<{ MemberNum: number; MemberList: GroupMember[] }>(
      'GET',
      `${app(a)}/groups/${enc(groupId)}/members`,
      { query: { ...q } },
    ),
  mute: (a: number, groupId: string, members: string[], seconds: number) =>
    call<V4>('POST', `${app(a)}/groups/${enc(groupId)}/mute`, { body: { members, seconds } }),
  changeOwner: (a: number, groupId: string, newOwner: string) =>
    call<V4>('POST', `${app(a)}/groups/${enc(groupId)}/owner`, { body: { newOwner } }),
  createGroup: (
    a: number,
    body: { type: string; name: string; owner?: string; groupId?: string; members?: string[] },
  ) => call<{ GroupId: string } & V4>('POST', `${app(a)}/groups`, { body }),
  dismiss: (a: number, groupId: string) =>
    call<V4>('POST', `${app(a)}/groups/${enc(groupId)}/dismiss`),

  stats: (a: number, days: number) =>
    call<{ sdkAppId: number; appName: string; days: AppStatsDay[] }>('GET', `${app(a)}/stats`, {
      query: { days },
    }),
};

export interface PushReport {
  TaskId: string;
  Status: number;
  StartTime?: string;
  FinishTime?: string;
  Finished: number;
  Total: number;
  OnlineDelivered: number;
  Stored: number;
  StoredDelivered: number;
  OfflinePushed: number;
  OfflinePushFailed: number;
}

export interface PushBody {
  from?: string;
  text: string;
  lifeTimeSeconds?: number;
  tagsAnd?: string[];
  tagsOr?: string[];
  attrsAnd?: Record<string, string>;
  attrsOr?: Record<string, string>;
}

/** All-user / tag / attribute push and its report. */
export const pushApi = {
  push: (a: number, body: PushBody) =>
    call<{ TaskId: string }>('POST', `/apps/${a}/push`, { body }),
  report: (a: number, taskId: string) =>
    call<{ Reports: PushReport[] }>('GET', `/apps/${a}/push/${encodeURIComponent(taskId)}`),
};

export interface CallbacksView {
  sdkAppId: number;
  url: string | null;
  tokenSet: boolean;
  authenticationEnabled: boolean;
  enabledCommands: string[];
  availableCommands: string[];
}

export interface CallbacksChange {
  url?: string;
  token?: string;
  authenticationEnabled?: boolean;
  enabledCommands?: string[];
}

/** An app's third-party callbacks (docs/callbacks.md). */
export const callbacksApi = {
  get: (a: number) => call<CallbacksView>('GET', `/apps/${a}/callbacks`),
  set: (a: number, body: CallbacksChange) =>
    call<CallbacksView>('PUT', `/apps/${a}/callbacks`, { body }),
  deliveries: (a: number, q: PageQuery) =>
    call<Page<DeliveryAttemptView>>('GET', `/apps/${a}/callbacks/deliveries`, {
      query: { ...q },
    }),
  deadLetters: (a: number, q: PageQuery) =>
    call<Page<AppDeadLetterView>>('GET', `/apps/${a}/callbacks/dead-letters`, {
      query: { ...q },
    }),
  replay: (a: number, id: number) =>
    call<ReplayAppDeadLetterReply>('POST', `/apps/${a}/callbacks/dead-letters/${id}/replay`),
};
