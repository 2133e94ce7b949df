/**
 * Redis keys of presence, owned by conn-gateway. A hash per user: field = connection id,
 * value = JSON `PresenceSession`; the key's TTL is refreshed with the sessions.
 */
export const PresenceCacheKeys = {
  sessions: (sdkAppId: number, userId: string) => `conn:${sdkAppId}:sessions:${userId}`,
} as const;
