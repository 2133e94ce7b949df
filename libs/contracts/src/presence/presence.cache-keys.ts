/**
 * Redis keys of presence, owned by conn-gateway. `sessions`: a hash per user, field =
 * connection id, value = JSON `PresenceSession`; the key's TTL is refreshed with the sessions.
 * `departed`: a hash per user, field = platform, value = JSON `DepartedSession`; the key lives
 * `PUSH_ONLINE_TTL_MS` after the last departure.
 */
export const PresenceCacheKeys = {
  sessions: (sdkAppId: number, userId: string) => `conn:${sdkAppId}:sessions:${userId}`,
  departed: (sdkAppId: number, userId: string) => `conn:${sdkAppId}:departed:${userId}`,
} as const;
