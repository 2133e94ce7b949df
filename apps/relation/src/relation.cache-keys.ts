/** Every Redis key of the relation service (`relation:{sdkAppId}:...`); each one has a TTL. */
export const RelationCacheKeys = {
  /** SET of the friend IDs of a user (plus the marker ''), so an empty table is cached too. */
  friends: (sdkAppId: number, userId: string) => `relation:${sdkAppId}:friends:${userId}`,
  /** SET of the user IDs in a user's blacklist (plus the marker ''). */
  blacklist: (sdkAppId: number, userId: string) => `relation:${sdkAppId}:blacklist:${userId}`,
  /**
   * Bumped by every invalidation of one of the sets above: a load that raced with a change
   * sees another generation and does not store what it read.
   */
  generation: (sdkAppId: number, kind: RelationCacheKind, userId: string) =>
    `relation:${sdkAppId}:gen:${kind}:${userId}`,
} as const;

export type RelationCacheKind = 'friends' | 'blacklist';

/** TTLs in seconds. */
export const RelationCacheTtl = {
  set: 300,
  /** Longer than any load takes; a lost generation only costs one skipped store. */
  generation: 3600,
} as const;

/** The marker member of every cached set (never a user ID). */
export const CACHE_MARKER = '';
