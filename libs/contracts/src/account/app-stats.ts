/**
 * The per-day statistics of an app (`openconfigsvr/getappinfo`, the console's statistics page),
 * named as Tencent names them: every field of a day but `Date` and the app's own `AppName`,
 * `AppId`, `Company`. What feeds each one is described in docs/app-stats.md.
 */
export const AppStatFields = [
  'ActiveUserNum',
  'RegistUserNumOneDay',
  'RegistUserNumTotal',
  'LoginTimes',
  'LoginUserNum',
  'UpMsgNum',
  'DownMsgNum',
  'SendMsgUserNum',
  'APNSMsgNum',
  'C2CUpMsgNum',
  'C2CDownMsgNum',
  'C2CSendMsgUserNum',
  'C2CAPNSMsgNum',
  'MaxOnlineNum',
  'ChainIncrease',
  'ChainDecrease',
  'GroupUpMsgNum',
  'GroupDownMsgNum',
  'GroupSendMsgUserNum',
  'GroupAPNSMsgNum',
  'GroupSendMsgGroupNum',
  'GroupJoinGroupTimes',
  'GroupQuitGroupTimes',
  'GroupNewGroupNum',
  'GroupAllGroupNum',
  'GroupDestroyGroupNum',
  'CallBackReq',
  'CallBackRsp',
] as const;
export type AppStatField = (typeof AppStatFields)[number];

export const AppStatsLimits = {
  /** Days a statistics request covers at most (docs/rest-api.md §9.3: the last 30 days). */
  maxDays: 30,
} as const;

/** One day of an app's statistics; `date` is the UTC day as `YYYYMMDD`. */
export interface AppStatsDay {
  date: string;
  values: Record<AppStatField, number>;
}
