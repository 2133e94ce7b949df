import {
  bigint,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

import type { AppSettings, AppStatus } from '@im/contracts';

/** Drizzle view of the tables created by migrations/ (the migrations are the source of truth). */
export const apps = pgTable('apps', {
  sdkAppId: bigint('sdk_app_id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  status: text('status').$type<AppStatus>().notNull().default('active'),
  secretKey: text('secret_key').notNull(),
  keyVersion: integer('key_version').notNull().default(1),
  adminIdentifiers: text('admin_identifiers').array().notNull(),
  settings: jsonb('settings').$type<AppSettings>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const accounts = pgTable(
  'accounts',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    nick: text('nick'),
    faceUrl: text('face_url'),
    type: smallint('type').notNull().default(0),
    sigRevokedBefore: bigint('sig_revoked_before', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.userId] })],
);

/** Global mute of an account (migration 0005): end times in epoch s, 0 = not muted. */
export const accountNoSpeaking = pgTable(
  'account_no_speaking',
  {
    sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    c2cUntil: bigint('c2c_until', { mode: 'number' }).notNull().default(0),
    groupUntil: bigint('group_until', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sdkAppId, t.userId] })],
);

/** Console operators and their sessions, failed logins and audit log (migration 0007). */
export const operators = pgTable('operators', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  username: text('username').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const operatorSessions = pgTable('operator_sessions', {
  tokenHash: text('token_hash').primaryKey(),
  operatorId: bigint('operator_id', { mode: 'number' }).notNull(),
  csrfHash: text('csrf_hash').notNull(),
  clientIp: text('client_ip'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const operatorLoginFailures = pgTable('operator_login_failures', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  username: text('username').notNull(),
  clientIp: text('client_ip'),
  failedAt: timestamp('failed_at', { withTimezone: true }).notNull().defaultNow(),
});

export const operatorAudit = pgTable('operator_audit', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  operator: text('operator').notNull(),
  action: text('action').notNull(),
  target: text('target').notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  clientIp: text('client_ip'),
});

export const accountSchema = {
  apps,
  accounts,
  accountNoSpeaking,
  operators,
  operatorSessions,
  operatorLoginFailures,
  operatorAudit,
};
export type OperatorRow = typeof operators.$inferSelect;
export type OperatorAuditRow = typeof operatorAudit.$inferSelect;
export type AppRow = typeof apps.$inferSelect;
export type AccountRow = typeof accounts.$inferSelect;
