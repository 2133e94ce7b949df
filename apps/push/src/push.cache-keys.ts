/**
 * Redis keys of the push service: `push:{sdkAppId}:...` each written with a TTL, and the set
 * of users with devices (no TTL: an index rebuilt from `push_devices` when lost).
 */
export const PushCacheKeys = {
  /** Set while the app must wait before its next push (TTL = the app's interval). */
  interval: (sdkAppId: number) => `push:${sdkAppId}:interval`,
  /** Pushes of the app on a UTC day `YYYYMMDD` (TTL 2 days). */
  daily: (sdkAppId: number, day: string) => `push:${sdkAppId}:daily:${day}`,
  /** `sdkAppId|userId` of users who may have a push device (DeviceUsersIndex). */
  deviceUsers: 'push:device-users',
} as const;
