import path from 'node:path';

import { CallbackLimits } from '@im/contracts';
import {
  commonConfig,
  commonEnvSpec,
  databaseEnvSpec,
  loadEnv,
  opsEnvSpec,
  PlatformConfig,
} from '@im/platform';

export const CALLBACK_DISPATCHER_SERVICE = 'callback-dispatcher';

/** Every variable the callback-dispatcher service reads (also checked against docker-compose.yml). */
export const callbackDispatcherEnvSpec = {
  ...commonEnvSpec(),
  ...opsEnvSpec('CALLBACK_DISPATCHER', 9107),
  ...databaseEnvSpec('CALLBACK_DISPATCHER', 'im_callback_dispatcher'),
};

/** How callbacks are sent (not environment variables yet: see the README). */
export interface CallbackTuning {
  /** How long the app backend has to answer (callbacks.md §1.3: 2 s). */
  timeoutMs: number;
  /** Deliveries of an after-callback before it becomes a dead letter. */
  maxAttempts: number;
  /** Delay before the first retry; doubled for every further one, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** After-callbacks of one app in flight at once (per instance). */
  appConcurrency: number;
  /** Before-callbacks of one app in flight at once; beyond it they fail open at once. */
  beforeInFlightPerApp: number;
  /** Keep-alive connections per app and origin. */
  maxSocketsPerApp: number;
  /** How often queued callbacks left by another instance or a restart are looked for. */
  sweepIntervalMs: number;
  /** A queued callback claimed by an instance is not taken by another one for this long. */
  leaseMs: number;
  /** Events older than this are not reported any more (e.g. a new durable reading history). */
  eventMaxAgeSeconds: number;
  /** Redeliveries of a source event the dispatcher could not queue (account service down). */
  consumerMaxDeliver: number;
  /** Largest app answer read. */
  responseMaxBytes: number;
}

export const CALLBACK_TUNING_DEFAULTS: CallbackTuning = {
  timeoutMs: CallbackLimits.timeoutMs,
  maxAttempts: 12,
  retryBaseMs: 1000,
  retryMaxMs: 300_000,
  appConcurrency: 8,
  beforeInFlightPerApp: 256,
  maxSocketsPerApp: 64,
  sweepIntervalMs: 1000,
  leaseMs: CallbackLimits.timeoutMs + 30_000,
  eventMaxAgeSeconds: 86_400,
  consumerMaxDeliver: 30,
  responseMaxBytes: 1024 * 1024,
};

export interface CallbackDispatcherConfig extends PlatformConfig {
  db: NonNullable<PlatformConfig['db']>;
  redis: NonNullable<PlatformConfig['redis']>;
  callbacks: CallbackTuning;
}

export function loadCallbackDispatcherConfig(
  env: Record<string, string | undefined> = process.env,
): CallbackDispatcherConfig {
  const e = loadEnv(CALLBACK_DISPATCHER_SERVICE, callbackDispatcherEnvSpec, env);
  return {
    ...commonConfig(CALLBACK_DISPATCHER_SERVICE, e),
    db: {
      url: e.CALLBACK_DISPATCHER_DATABASE_URL,
      poolMax: e.CALLBACK_DISPATCHER_DATABASE_POOL_MAX,
      migrateOnStart: e.CALLBACK_DISPATCHER_MIGRATE_ON_START,
      migrationsDir: path.join(__dirname, '..', 'migrations'),
    },
    ops: { host: e.CALLBACK_DISPATCHER_OPS_HOST, port: e.CALLBACK_DISPATCHER_OPS_PORT },
    callbacks: { ...CALLBACK_TUNING_DEFAULTS },
  };
}
