import { bigint, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

import { consumedEvents } from '@im/platform';

/**
 * Drizzle view of the tables created by migrations/ (the migrations are the source of truth;
 * the repositories write SQL with drizzle's `sql` template against them).
 */
export const relationUsers = pgTable(
  'relation_users',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    sequence: bigint('sequence', { mode: 'number' }).notNull().default(0),
    standardSequence: bigint('standard_sequence', { mode: 'number' }).notNull().default(0),
    customSequence: bigint('custom_sequence', { mode: 'number' }).notNull().default(0),
    listSequence: bigint('list_sequence', { mode: 'number' }).notNull().default(0),
    blacklistSequence: bigint('blacklist_sequence', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.userId] })],
);

export const friends = pgTable(
  'friends',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    friendId: text('friend_id').notNull(),
    remark: text('remark').notNull().default(''),
    remarkTime: bigint('remark_time', { mode: 'number' }).notNull().default(0),
    groups: text('groups').array().notNull(),
    addSource: text('add_source').notNull().default(''),
    addWording: text('add_wording').notNull().default(''),
    addTime: bigint('add_time', { mode: 'number' }).notNull(),
    custom: jsonb('custom').$type<Record<string, string>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.userId, t.friendId] })],
);

export const friendLists = pgTable(
  'friend_lists',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    listId: smallint('list_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.userId, t.name] })],
);

export const blacklist = pgTable(
  'blacklist',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    blockedId: text('blocked_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.userId, t.blockedId] })],
);

export const friendRequests = pgTable(
  'friend_requests',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    fromUserId: text('from_user_id').notNull(),
    toUserId: text('to_user_id').notNull(),
    addType: text('add_type').$type<'single' | 'both'>().notNull(),
    addSource: text('add_source').notNull(),
    addWording: text('add_wording').notNull().default(''),
    remark: text('remark').notNull().default(''),
    groupName: text('group_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.fromUserId, t.toUserId] })],
);

export const recommendations = pgTable(
  'recommendations',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    recommendedId: text('recommended_id').notNull(),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.userId, t.recommendedId] })],
);

export const relationSchema = {
  relationUsers,
  friends,
  friendLists,
  blacklist,
  friendRequests,
  recommendations,
  consumedEvents,
};
