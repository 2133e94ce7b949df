import { positiveInt } from '@im/platform';
import type { CleanEnv } from '@im/platform';

/**
 * Knobs of the message service: `MESSAGE_<NAME>` variables (`seqBlock` is `MESSAGE_SEQ_BLOCK`)
 * whose defaults suit every deployment; tests pass smaller values to `MessageModule.forRoot`.
 */
export const messageTuningSpec = {
  seqBlock: positiveInt({
    default: 100,
    desc: 'Seqs a conversation’s high-water mark is raised by at a time (ADR 0004)',
  }),
  seqTtlSeconds: positiveInt({
    default: 30 * 24 * 3600,
    desc: 'Idle conversations’ counters leave Redis after this (restarting from the mark)',
  }),
  dedupeTtlSeconds: positiveInt({
    default: 600,
    desc: 'How long (sender, random) is remembered in Redis',
  }),
  writerMaxBatch: positiveInt({ default: 500, desc: 'Messages per write transaction at most' }),
  writerConcurrency: positiveInt({
    default: 1,
    desc: 'Write transactions in flight per instance (1 keeps commits in seq order per instance)',
  }),
  presenceCacheMs: positiveInt({
    default: 500,
    desc: 'A user’s presence read from Redis is reused this long for delivery',
  }),
  groupCacheMs: positiveInt({
    default: 2000,
    desc: 'A group’s member list (delivery) and a member’s send context are reused this long',
  }),
  holeGraceMs: positiveInt({
    default: 5000,
    desc: 'A missing seq below a message stored less than this long ago may still be in flight',
  }),
  roomReplayMax: positiveInt({ default: 500, desc: 'Messages a live room’s replay buffer keeps' }),
  roomReplaySeconds: positiveInt({
    default: 300,
    desc: 'Seconds a live room’s replay buffer keeps',
  }),
  notificationsPerUser: positiveInt({ default: 100, desc: 'Notifications kept per user (AMB-35)' }),
  notificationTtlSeconds: positiveInt({
    default: 7 * 24 * 3600,
    desc: 'How long notifications are kept (AMB-35)',
  }),
  maintenanceIntervalMs: positiveInt({
    default: 60_000,
    desc: 'How often partitions and notifications are maintained',
  }),
  partitionsAhead: positiveInt({ default: 2, desc: 'Partitions created ahead of today' }),
  settingsTtlMs: positiveInt({
    default: 5000,
    desc: 'Per-app settings are reused this long',
  }),
  archiveFileBytes: positiveInt({
    default: 8 * 1024 * 1024,
    desc: 'Largest uncompressed archive file of open_msg_svc/get_history (more files beyond)',
  }),
  deliveryBatchBytes: positiveInt({
    default: 256 * 1024,
    desc: 'Largest delivery batch published at once (bytes of JSON, roughly)',
  }),
};

export type MessageTuning = CleanEnv<typeof messageTuningSpec>;
