/** Limits of the account commands (docs/rest-api.md §3, docs/requirements.md §4). */
export const AccountLimits = {
  batchMax: 100,
  nickMaxBytes: 500,
  faceUrlMaxBytes: 500,
  onlineStatusQueryMax: 500,
  appNameMaxBytes: 100,
  adminIdentifiersMax: 10,
  /** openim_robot_http_svc: robots an app may have, and their self signature (Tencent's limits). */
  robotsPerAppMax: 20,
  robotSelfSignatureMaxBytes: 500,
} as const;

/** A robot's UserID starts with this (Tencent's create_robot). */
export const ROBOT_ID_PREFIX = '@RBT#';

/** Whether a user ID is shaped like a robot's (`@RBT#...`). */
export function isRobotId(userId: string): boolean {
  return userId.startsWith(ROBOT_ID_PREFIX);
}

/** 0 = normal account, 1 = robot account. */
export const AccountTypes = [0, 1] as const;
export type AccountType = (typeof AccountTypes)[number];
