/**
 * Redis keys of the group service. Members of room-stored groups (AVChatRoom, BChatRoom) live
 * here instead of a PostgreSQL row per viewer; every key has a TTL, refreshed by each write.
 */
export const GroupCacheKeys = {
  /** Sorted set: member user ID → join time (epoch ms); join order = score order. */
  roomMembers: (sdkAppId: number, groupId: string) => `group:${sdkAppId}:room:${groupId}:members`,
  /** Hash: user ID → mute-until (epoch seconds). */
  roomMuted: (sdkAppId: number, groupId: string) => `group:${sdkAppId}:room:${groupId}:muted`,
  /** Hash: user ID → JSON `{ nameCard, msgFlag }` of members who changed them. */
  roomCards: (sdkAppId: number, groupId: string) => `group:${sdkAppId}:room:${groupId}:cards`,
  /** Hash: user ID → its marks (modify_user_info), comma-separated, of members that have any. */
  roomMarks: (sdkAppId: number, groupId: string) => `group:${sdkAppId}:room:${groupId}:marks`,
  /** A dismissed room's member set, renamed away until its members are cleaned up. */
  roomGraveyard: (sdkAppId: number, groupId: string, token: string) =>
    `group:${sdkAppId}:room-gone:${groupId}:${token}`,
  /** Hash: room group ID → "1" when it counts toward the per-user quota (AVChatRoom), else "0". */
  userRooms: (sdkAppId: number, userId: string) => `group:${sdkAppId}:user-rooms:${userId}`,
  /** Counter of attribute writes to a group in one epoch second (10049 past the limit). */
  attrWrites: (sdkAppId: number, groupId: string, second: number) =>
    `group:${sdkAppId}:attr-rate:${groupId}:${second}`,
  /** String: held (with a TTL) by the instance running the offline-member sweep (GRP-62). */
  offlineSweepLock: () => 'group:offline-sweep:lock',
} as const;

/** Room keys live this long after their last write (a live room's viewers are short-lived). */
export const ROOM_TTL_SECONDS = 7 * 24 * 3600;
