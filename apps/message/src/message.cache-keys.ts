/** Redis keys of the message service (STYLE.md: `<owner>:<sdkAppId>:<thing>:<id>`, each with a TTL). */
export const MessageCacheKeys = {
  /** Sorted set (score = ms) of an official account's sends in the last hour (page 1047/60810). */
  officialSends: (sdkAppId: number, officialAccountId: string) =>
    `message:${sdkAppId}:oa-sends:${officialAccountId}`,
  /** An official account's content sent in the last 5 minutes, by its hash. */
  officialContent: (sdkAppId: number, officialAccountId: string, hash: string) =>
    `message:${sdkAppId}:oa-content:${officialAccountId}:${hash}`,
  /** Hash `cur`, `hwm`, `rid`: a conversation's seq counter (ADR 0004). */
  seq: (sdkAppId: number, convId: string) => `message:${sdkAppId}:seq:${convId}`,
  /** A send's answer by (conversation, sender, random): "pending" while it is stored. */
  dedupe: (sdkAppId: number, convId: string, dedupeKey: string) =>
    `message:${sdkAppId}:dedupe:${convId}:${dedupeKey}`,
  /** Sorted set (score = seq) of a live room's last messages: the replay buffer. */
  room: (sdkAppId: number, groupId: string) => `message:${sdkAppId}:room:${groupId}`,
  /**
   * `{seq, time}` of a room message by (sender, random), written with it into the replay
   * buffer: a retry finds it even when the process that stored it died before answering.
   */
  roomSent: (sdkAppId: number, groupId: string, dedupeKey: string) =>
    `message:${sdkAppId}:room-sent:${groupId}:${dedupeKey}`,
} as const;
