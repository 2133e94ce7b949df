/**
 * Knobs of the message service. Constants in production (a new environment variable would
 * need its docker-compose.yml entry); tests pass smaller values to `MessageModule.forRoot`.
 */
export interface MessageTuning {
  /** Seqs a conversation's high-water mark is raised by at a time (ADR 0004). */
  seqBlock: number;
  /** Idle conversations' counters leave Redis after this (restarting from the mark). */
  seqTtlSeconds: number;
  /** How long (sender, random) is remembered in Redis. */
  dedupeTtlSeconds: number;
  /** Messages per write transaction at most. */
  writerMaxBatch: number;
  /** Write transactions in flight per instance (1 keeps commits in seq order per instance). */
  writerConcurrency: number;
  /** A user's presence read from Redis is reused this long for delivery. */
  presenceCacheMs: number;
  /** A group's member list (delivery) and a member's send context (pull, read) are reused this long. */
  groupCacheMs: number;
  /** A missing seq below a message stored less than this long ago may still be in flight. */
  holeGraceMs: number;
  /** Replay buffer of live rooms: messages and seconds kept. */
  roomReplayMax: number;
  roomReplaySeconds: number;
  /** Notifications kept per user, and for how long (AMB-35). */
  notificationsPerUser: number;
  notificationTtlSeconds: number;
  /** How often partitions and notifications are maintained. */
  maintenanceIntervalMs: number;
  /** Partitions created ahead of today. */
  partitionsAhead: number;
  /** Per-app settings and sensitive words are reused this long. */
  settingsTtlMs: number;
  /** Largest delivery batch published at once (bytes of JSON, roughly). */
  deliveryBatchBytes: number;
}

export const DEFAULT_MESSAGE_TUNING: MessageTuning = {
  seqBlock: 100,
  seqTtlSeconds: 30 * 24 * 3600,
  dedupeTtlSeconds: 600,
  writerMaxBatch: 500,
  writerConcurrency: 1,
  presenceCacheMs: 500,
  groupCacheMs: 2000,
  holeGraceMs: 5000,
  roomReplayMax: 500,
  roomReplaySeconds: 300,
  notificationsPerUser: 100,
  notificationTtlSeconds: 7 * 24 * 3600,
  maintenanceIntervalMs: 60_000,
  partitionsAhead: 2,
  settingsTtlMs: 5000,
  deliveryBatchBytes: 256 * 1024,
};
