import {
  bigint,
  bigserial,
  boolean,
  date,
  integer,
  json,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

import type {
  ApplyJoinOption,
  BuiltinGroupType,
  GroupRole,
  InviteJoinOption,
  MsgFlag,
} from '@im/contracts';

/** Drizzle view of the tables created by migrations/ (the migrations are the source of truth). */
export const groups = pgTable(
  'groups',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    groupId: text('group_id').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    baseType: text('base_type').$type<BuiltinGroupType>().notNull(),
    name: text('name').notNull(),
    introduction: text('introduction').notNull().default(''),
    notification: text('notification').notNull().default(''),
    faceUrl: text('face_url').notNull().default(''),
    ownerId: text('owner_id'),
    createTime: bigint('create_time', { mode: 'number' }).notNull(),
    infoSeq: bigint('info_seq', { mode: 'number' }).notNull().default(1),
    lastInfoTime: bigint('last_info_time', { mode: 'number' }).notNull(),
    lastMsgTime: bigint('last_msg_time', { mode: 'number' }).notNull().default(0),
    nextMsgSeq: bigint('next_msg_seq', { mode: 'number' }).notNull().default(1),
    memberNum: integer('member_num').notNull().default(0),
    maxMemberNum: integer('max_member_num').notNull().default(0),
    applyJoinOption: text('apply_join_option').$type<ApplyJoinOption>().notNull(),
    inviteJoinOption: text('invite_join_option').$type<InviteJoinOption>(),
    muteAll: boolean('mute_all').notNull().default(false),
    /** HistoryMsgBeforeJoin; null: the type's default (T16). */
    historyBeforeJoin: boolean('history_before_join'),
    isActive: boolean('is_active').notNull().default(true),
    customData: json('custom_data').$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** SupportTopic (migration 0014): a Community whose members talk in topics. */
    supportTopic: boolean('support_topic').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.groupId] })],
);

export const groupMembers = pgTable(
  'group_members',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    groupId: text('group_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').$type<GroupRole>().notNull(),
    joinTime: bigint('join_time', { mode: 'number' }).notNull(),
    msgSeq: bigint('msg_seq', { mode: 'number' }).notNull().default(0),
    msgFlag: text('msg_flag').$type<MsgFlag>().notNull(),
    lastSendMsgTime: bigint('last_send_msg_time', { mode: 'number' }).notNull().default(0),
    nameCard: text('name_card').notNull().default(''),
    muteUntil: bigint('mute_until', { mode: 'number' }).notNull().default(0),
    customData: json('custom_data').$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.groupId, t.userId] })],
);

export const groupJoinRequests = pgTable(
  'group_join_requests',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    groupId: text('group_id').notNull(),
    applicantId: text('applicant_id').notNull(),
    message: text('message').notNull().default(''),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.groupId, t.applicantId] })],
);

export const groupAppQuotas = pgTable('group_app_quotas', {
  sdkAppId: bigint('sdk_app_id', { mode: 'number' }).primaryKey(),
  day: date('day', { mode: 'string' }).notNull(),
  dayNet: integer('day_net').notNull().default(0),
  total: bigint('total', { mode: 'number' }).notNull().default(0),
  bchatrooms: integer('bchatrooms').notNull().default(0),
});

/** A group's attributes (migration 0008): the whole list, in the order keys were first set. */
export const groupAttributes = pgTable(
  'group_attributes',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    groupId: text('group_id').notNull(),
    attrs: json('attrs').$type<{ key: string; value: string }[]>().notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.groupId] })],
);

/** A group's counters (migration 0010): the whole list, in the order keys were first set. */
export const groupCounters = pgTable(
  'group_counters',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    groupId: text('group_id').notNull(),
    counters: json('counters').$type<{ key: string; value: number }[]>().notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.groupId] })],
);

/** Member bans (migration 0011): in force while `bannedUntil` is after now. */
export const groupBans = pgTable(
  'group_bans',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    groupId: text('group_id').notNull(),
    userId: text('user_id').notNull(),
    bannedUntil: bigint('banned_until', { mode: 'number' }).notNull(),
    description: text('description').notNull(),
    bannedAt: bigint('banned_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.groupId, t.userId] })],
);

/** Live-room administrators (migration 0012). */
export const groupRoomAdmins = pgTable(
  'group_room_admins',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    groupId: text('group_id').notNull(),
    userId: text('user_id').notNull(),
    addedAt: bigint('added_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.groupId, t.userId] })],
);

/** Official accounts (migration 0013): one-to-many channels of an app. */
export const officialAccounts = pgTable(
  'official_accounts',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    officialAccountId: text('official_account_id').notNull(),
    ownerAccount: text('owner_account').notNull(),
    name: text('name').notNull(),
    introduction: text('introduction').notNull().default(''),
    faceUrl: text('face_url').notNull().default(''),
    organization: text('organization').notNull().default(''),
    customString: text('custom_string').notNull().default(''),
    maxSubscriberNum: integer('max_subscriber_num').notNull(),
    subscriberNum: integer('subscriber_num').notNull().default(0),
    createTime: bigint('create_time', { mode: 'number' }).notNull(),
    lastMsgTime: bigint('last_msg_time', { mode: 'number' }).notNull().default(0),
    nextMsgSeq: bigint('next_msg_seq', { mode: 'number' }).notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.officialAccountId] })],
);

export const officialAccountSubscribers = pgTable(
  'official_account_subscribers',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    officialAccountId: text('official_account_id').notNull(),
    userId: text('user_id').notNull(),
    subscribeTime: bigint('subscribe_time', { mode: 'number' }).notNull(),
    customString: text('custom_string').notNull().default(''),
    msgFlag: text('msg_flag').notNull().default('AcceptAndNotify'),
    lastSendMsgTime: bigint('last_send_msg_time', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.officialAccountId, t.userId] })],
);

/** Community topics (migration 0014): each its own message line, keyed by the topic ID. */
export const groupTopics = pgTable(
  'group_topics',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    groupId: text('group_id').notNull(),
    topicId: text('topic_id').notNull(),
    name: text('name').notNull(),
    introduction: text('introduction').notNull().default(''),
    notification: text('notification').notNull().default(''),
    faceUrl: text('face_url').notNull().default(''),
    customString: text('custom_string').notNull().default(''),
    ownerId: text('owner_id').notNull().default(''),
    createTime: bigint('create_time', { mode: 'number' }).notNull(),
    lastMsgTime: bigint('last_msg_time', { mode: 'number' }).notNull().default(0),
    nextMsgSeq: bigint('next_msg_seq', { mode: 'number' }).notNull().default(1),
    muteAll: boolean('mute_all').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.topicId] })],
);

export const groupSchema = {
  groups,
  groupMembers,
  groupJoinRequests,
  groupAppQuotas,
  groupAttributes,
  groupCounters,
  groupBans,
  groupRoomAdmins,
  officialAccounts,
  officialAccountSubscribers,
  groupTopics,
};
export type TopicRow = typeof groupTopics.$inferSelect;
export type NewTopicRow = typeof groupTopics.$inferInsert;
export type OfficialAccountRow = typeof officialAccounts.$inferSelect;
export type OfficialAccountSubscriberRow = typeof officialAccountSubscribers.$inferSelect;
export type GroupRow = typeof groups.$inferSelect;
export type NewGroupRow = typeof groups.$inferInsert;
export type MemberRow = typeof groupMembers.$inferSelect;
export type NewMemberRow = typeof groupMembers.$inferInsert;
export type JoinRequestRow = typeof groupJoinRequests.$inferSelect;
