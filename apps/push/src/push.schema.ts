import {
  bigint,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

import { consumedEvents } from '@im/platform';

/**
 * Drizzle view of the tables created by migrations/ (the migrations are the source of truth);
 * every table starts with `sdk_app_id`. The repository writes most statements as SQL.
 */
export const pushUsers = pgTable(
  'push_users',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.userId] })],
);

export const pushAttrNames = pgTable(
  'push_attr_names',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    slot: smallint('slot').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.slot] })],
);

export const pushUserAttrs = pgTable(
  'push_user_attrs',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    slot: smallint('slot').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.userId, t.slot] })],
);

export const pushUserTags = pgTable(
  'push_user_tags',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    tag: text('tag').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.userId, t.tag] })],
);

export const pushTasks = pgTable(
  'push_tasks',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    taskId: text('task_id').notNull(),
    msgRandom: bigint('msg_random', { mode: 'number' }),
    fromUserId: text('from_user_id').notNull(),
    body: jsonb('body').notNull(),
    offlinePush: jsonb('offline_push'),
    condition: jsonb('condition'),
    lifeTimeSeconds: integer('life_time_seconds').notNull().default(0),
    status: smallint('status').notNull().default(0),
    cursorUserId: text('cursor_user_id'),
    total: integer('total'),
    finished: integer('finished').notNull().default(0),
    onlineDelivered: integer('online_delivered').notNull().default(0),
    stored: integer('stored').notNull().default(0),
    storedDelivered: integer('stored_delivered').notNull().default(0),
    offlinePushed: integer('offline_pushed').notNull().default(0),
    offlinePushFailed: integer('offline_push_failed').notNull().default(0),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.taskId] })],
);

export const pushStored = pgTable(
  'push_stored',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    taskId: text('task_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.userId, t.taskId] })],
);

export const pushDevices = pgTable(
  'push_devices',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    provider: text('provider').notNull(),
    token: text('token').notNull(),
    userId: text('user_id').notNull(),
    platform: text('platform'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.provider, t.token] })],
);

export const pushOfflineStats = pgTable(
  'push_offline_stats',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    day: date('day').notNull(),
    provider: text('provider').notNull(),
    sent: integer('sent').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    invalidTokens: integer('invalid_tokens').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.day, t.provider] })],
);

export const pushSchema = {
  pushUsers,
  pushAttrNames,
  pushUserAttrs,
  pushUserTags,
  pushTasks,
  pushStored,
  pushDevices,
  consumedEvents,
  pushOfflineStats,
};
export type PushTaskRow = typeof pushTasks.$inferSelect;
