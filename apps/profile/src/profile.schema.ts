import {
  bigint,
  customType,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

import type { AdminForbidType, AllowType, Gender } from '@im/contracts';

/** PostgreSQL `bytea` as a Buffer (drizzle has no built-in column for it). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/** A stored custom value: the string, or its UTF-8 in base64 when it holds U+0000. */
export type StoredCustomValue = string | { b64: string };

/** Drizzle view of the tables created by migrations/ (the migrations are the source of truth). */
export const profiles = pgTable(
  'profiles',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    nick: text('nick'),
    gender: text('gender').$type<Gender>(),
    birthDay: bigint('birth_day', { mode: 'number' }),
    location: bytea('location'),
    selfSignature: text('self_signature'),
    allowType: text('allow_type').$type<AllowType>(),
    language: bigint('language', { mode: 'number' }),
    image: text('image'),
    msgSettings: bigint('msg_settings', { mode: 'number' }),
    adminForbidType: text('admin_forbid_type').$type<AdminForbidType>(),
    level: bigint('level', { mode: 'number' }),
    role: bigint('role', { mode: 'number' }),
    custom: jsonb('custom').$type<Record<string, StoredCustomValue>>().notNull().default({}),
    nickSetAt: timestamp('nick_set_at', { withTimezone: true }),
    imageSetAt: timestamp('image_set_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.userId] })],
);

export const profileTombstones = pgTable(
  'profile_tombstones',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.userId] })],
);

export const profileSchema = { profiles, profileTombstones };
export type ProfileRow = typeof profiles.$inferSelect;

/** The columns that hold field values (standard fields and the custom object). */
export type ProfileValueColumns = Pick<
  ProfileRow,
  | 'nick'
  | 'gender'
  | 'birthDay'
  | 'location'
  | 'selfSignature'
  | 'allowType'
  | 'language'
  | 'image'
  | 'msgSettings'
  | 'adminForbidType'
  | 'level'
  | 'role'
  | 'custom'
>;
/** The column of a standard field. */
export type StandardColumn = Exclude<keyof ProfileValueColumns, 'custom'>;
