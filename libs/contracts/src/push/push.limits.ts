/** Limits of the push service (docs/rest-api.md §8, docs/error-codes.md §4, docs/requirements.md AMB-46). */
export const PushLimits = {
  /** Tags in one condition list (TagsAnd or TagsOr) and distinct tags in one add/remove-tag request (90032). */
  maxTagsPerRequest: 10,
  /** One tag, UTF-8 bytes (90020). */
  tagMaxBytes: 50,
  /** Tags one user may carry (AMB-46; more → 90032). */
  maxTagsPerUser: 100,
  /** Attribute names of an app: slots "0".."9" (PSH-5, AMB-46). */
  maxAttrNames: 10,
  /** One attribute name, UTF-8 bytes (90033 when longer). */
  attrNameMaxBytes: 50,
  /** One attribute value, UTF-8 bytes (AMB-46; 90033 when longer). */
  attrValueMaxBytes: 50,
  /** Accounts in one attribute/tag request (90018). */
  maxAccountsPerRequest: 100,
  /** Task IDs in one report request (90014). */
  maxTaskIdsPerReport: 500,
  /** MsgBody plus OfflinePushInfo as JSON, bytes (90056). */
  bodyMaxBytes: 10 * 1024,
  /** Offline retention, seconds (90026). */
  maxLifeTimeSeconds: 604_800,
  /** The same MsgRandom within this many seconds is the same task (a retry). */
  dedupeSeconds: 604_800,
  /** Default seconds between two pushes of an app (AMB-46; 90024). */
  defaultMinIntervalSeconds: 30,
  /** Default pushes per app and UTC day (docs/error-codes.md 90047). */
  defaultDailyLimit: 100,
  /** Device tokens kept per user (the oldest is dropped). */
  maxDevicesPerUser: 10,
  /** One device token, bytes. */
  tokenMaxBytes: 4096,
} as const;

/** Offline-push providers a device token may belong to. */
export const PushProviders = ['apns', 'fcm', 'webhook'] as const;
export type PushProviderName = (typeof PushProviders)[number];

/** `Status` of a push report: 0 not started, 1 pushing, 2 done (docs/rest-api.md §8). */
export const PushTaskStatuses = { Pending: 0, Pushing: 1, Done: 2 } as const;
export type PushTaskStatus = (typeof PushTaskStatuses)[keyof typeof PushTaskStatuses];
