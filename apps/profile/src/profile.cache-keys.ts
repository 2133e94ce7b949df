/**
 * Redis keys of the profile service (`profile:{sdkAppId}:{thing}:{userId}`), each with a TTL.
 * - settings: JSON `CachedSettings` of an existing account, for `profile.rpc.get-settings`;
 *   dropped when the profile changes and when the account is deleted.
 * - exists: the epoch milliseconds at which `account.rpc.check` last confirmed the account;
 *   only confirmations are cached (an unknown account is asked about every time, so it is
 *   found right after its import); dropped when the account is deleted.
 */
export const ProfileCacheKeys = {
  settings: (sdkAppId: number, userId: string) => `profile:${sdkAppId}:settings:${userId}`,
  exists: (sdkAppId: number, userId: string) => `profile:${sdkAppId}:exists:${userId}`,
} as const;

export const ProfileCacheTtl = {
  settingsSeconds: 300,
  existsSeconds: 60,
} as const;
