import { bigint, boolean, integer, json, pgTable, smallint, text } from 'drizzle-orm/pg-core';

/**
 * Drizzle view of the tables created by migrations/ (the migrations are the source of truth;
 * `messages` is partitioned by day there). The repositories write SQL with drizzle's `sql`
 * (batched `unnest` inserts); these definitions document the columns.
 */
export const seqMarks = pgTable('seq_marks', {
  sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
  convId: text('conv_id').notNull(),
  highWater: bigint('high_water', { mode: 'number' }).notNull(),
});

export const groupLines = pgTable('group_lines', {
  sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
  convId: text('conv_id').notNull(),
  groupId: text('group_id').notNull(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastMsgSeq: bigint('last_msg_seq', { mode: 'number' }).notNull(),
  lastTime: bigint('last_time', { mode: 'number' }).notNull(),
  countedTotal: bigint('counted_total', { mode: 'number' }).notNull(),
  unreadSupported: boolean('unread_supported').notNull(),
  version: bigint('version', { mode: 'number' }).notNull(),
  /** clear_group_msg: members' history starts after this seq (migration 0014). */
  clearSeq: bigint('clear_seq', { mode: 'number' }).notNull(),
});

export const conversations = pgTable('conversations', {
  sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
  userId: text('user_id').notNull(),
  convId: text('conv_id').notNull(),
  convType: smallint('conv_type').notNull(),
  peer: text('peer').notNull(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastMsgSeq: bigint('last_msg_seq', { mode: 'number' }).notNull(),
  lastTime: bigint('last_time', { mode: 'number' }).notNull(),
  unread: integer('unread').notNull(),
  readSeq: bigint('read_seq', { mode: 'number' }).notNull(),
  countedAtRead: bigint('counted_at_read', { mode: 'number' }).notNull(),
  isDeleted: boolean('is_deleted').notNull(),
  deletedSeq: bigint('deleted_seq', { mode: 'number' }).notNull(),
  clearSeq: bigint('clear_seq', { mode: 'number' }).notNull(),
  version: bigint('version', { mode: 'number' }).notNull(),
  pinnedAt: bigint('pinned_at', { mode: 'number' }),
});

export const notifications = pgTable('notifications', {
  sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
  userId: text('user_id').notNull(),
  id: bigint('id', { mode: 'number' }).notNull(),
  eventId: text('event_id').notNull(),
  kind: text('kind').notNull(),
  data: json('data').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
});

export const dirtyWords = pgTable('dirty_words', {
  sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
  word: text('word').notNull(),
});

export const appRetention = pgTable('app_retention', {
  sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
  roamingDays: integer('roaming_days').notNull(),
});

export const messageSchema = {
  seqMarks,
  groupLines,
  conversations,
  notifications,
  dirtyWords,
  appRetention,
};
