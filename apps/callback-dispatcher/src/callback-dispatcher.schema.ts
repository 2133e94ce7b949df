import {
  bigint,
  bigserial,
  boolean,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

import type { AfterCallbackCommand, OptPlatform } from '@im/contracts';

/**
 * Drizzle view of the tables created by migrations/ (the migrations are the source of truth):
 * the after-callback queue, its dead letters and the delivery attempts.
 */
export const callbackDeliveries = pgTable('callback_deliveries', {
  sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  callbackId: uuid('callback_id').notNull(),
  sourceEventId: text('source_event_id').notNull(),
  command: text('command').$type<AfterCallbackCommand>().notNull(),
  body: text('body').notNull(),
  optPlatform: text('opt_platform').$type<OptPlatform>().notNull(),
  clientIp: text('client_ip').notNull().default(''),
  requestId: text('request_id').notNull().default(''),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  lastError: text('last_error'),
  queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
});

export const callbackDeadLetters = pgTable('callback_dead_letters', {
  sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  callbackId: uuid('callback_id').notNull(),
  sourceEventId: text('source_event_id').notNull(),
  command: text('command').$type<AfterCallbackCommand>().notNull(),
  body: text('body').notNull(),
  optPlatform: text('opt_platform').$type<OptPlatform>().notNull(),
  clientIp: text('client_ip').notNull().default(''),
  requestId: text('request_id').notNull().default(''),
  attempts: integer('attempts').notNull(),
  lastError: text('last_error').notNull(),
  queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
  deadAt: timestamp('dead_at', { withTimezone: true }).notNull().defaultNow(),
});

export const callbackAttempts = pgTable('callback_attempts', {
  sdkAppId: bigint('sdk_app_id', { mode: 'number' }).notNull(),
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  callbackId: uuid('callback_id').notNull(),
  command: text('command').$type<AfterCallbackCommand>().notNull(),
  attempt: integer('attempt').notNull(),
  delivered: boolean('delivered').notNull(),
  httpStatus: integer('http_status'),
  error: text('error'),
  latencyMs: integer('latency_ms').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export const callbackDispatcherSchema = {
  callbackDeliveries,
  callbackDeadLetters,
  callbackAttempts,
};
export type DeliveryRow = typeof callbackDeliveries.$inferSelect;
export type NewDelivery = typeof callbackDeliveries.$inferInsert;
export type DeadLetterRow = typeof callbackDeadLetters.$inferSelect;
export type AttemptRow = typeof callbackAttempts.$inferSelect;
export type NewAttempt = typeof callbackAttempts.$inferInsert;
