/** Redis keys of the push service (`push:{sdkAppId}:...`), each written with a TTL. */
export const PushCacheKeys = {
  /** Set while the app must wait before its next push (TTL = the app's interval). */
  interval: (sdkAppId: number) => `push:${sdkAppId}:interval`,
  /** Pushes of the app on a UTC day `YYYYMMDD` (TTL 2 days). */
  daily: (sdkAppId: number, day: string) => `push:${sdkAppId}:daily:${day}`,
} as const;
