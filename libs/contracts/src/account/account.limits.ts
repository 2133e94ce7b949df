/** Limits of the account commands (docs/rest-api.md §3, docs/requirements.md §4). */
export const AccountLimits = {
  batchMax: 100,
  nickMaxBytes: 500,
  faceUrlMaxBytes: 500,
  onlineStatusQueryMax: 500,
  appNameMaxBytes: 100,
  adminIdentifiersMax: 10,
} as const;

/** 0 = normal account, 1 = robot account. */
export const AccountTypes = [0, 1] as const;
export type AccountType = (typeof AccountTypes)[number];
