import path from 'node:path';

import { url } from 'envalid';

import {
  commonConfig,
  commonEnvSpec,
  databaseEnvSpec,
  loadEnv,
  opsEnvSpec,
  PlatformConfig,
  positiveInt,
} from '@im/platform';

export const PUSH_SERVICE = 'push';

/** Every variable the push service reads (also checked against docker-compose.yml). */
export const pushEnvSpec = {
  ...commonEnvSpec(),
  ...opsEnvSpec('PUSH', 9106),
  ...databaseEnvSpec('PUSH', 'im_push'),
  PUSH_APNS_URL: url({
    default: 'https://api.push.apple.com',
    desc: 'APNs host for apps whose APNs environment is production (http:// = h2c, for tests)',
  }),
  PUSH_APNS_SANDBOX_URL: url({
    default: 'https://api.sandbox.push.apple.com',
    desc: 'APNs host for apps whose APNs environment is sandbox',
  }),
  PUSH_FCM_URL: url({
    default: 'https://fcm.googleapis.com',
    desc: 'FCM HTTP v1 base URL (POST /v1/projects/<id>/messages:send)',
  }),
  PUSH_PROVIDER_TIMEOUT_MS: positiveInt({
    default: 10_000,
    desc: 'Timeout of one request to APNs, FCM, the OAuth token endpoint or a webhook',
  }),
  PUSH_PAGE_SIZE: positiveInt({
    default: 500,
    desc: 'Targeted users read from PostgreSQL and delivered per page',
  }),
  PUSH_TASK_POLL_MS: positiveInt({
    default: 1000,
    desc: 'How often open push tasks (new, or left by a stopped instance) are looked for',
  }),
  PUSH_TASK_CONCURRENCY: positiveInt({ default: 2, desc: 'Push tasks one instance runs at once' }),
  PUSH_TASK_RETENTION_DAYS: positiveInt({
    default: 30,
    desc: 'Days a finished task (its report) is kept',
  }),
};

export interface PushConfig extends PlatformConfig {
  db: NonNullable<PlatformConfig['db']>;
  redis: NonNullable<PlatformConfig['redis']>;
  push: {
    apnsUrl: string;
    apnsSandboxUrl: string;
    fcmUrl: string;
    providerTimeoutMs: number;
    pageSize: number;
    taskPollMs: number;
    taskConcurrency: number;
    taskRetentionDays: number;
  };
}

export function loadPushConfig(env: Record<string, string | undefined> = process.env): PushConfig {
  const e = loadEnv(PUSH_SERVICE, pushEnvSpec, env);
  return {
    ...commonConfig(PUSH_SERVICE, e),
    db: {
      url: e.PUSH_DATABASE_URL,
      poolMax: e.PUSH_DATABASE_POOL_MAX,
      migrateOnStart: e.PUSH_MIGRATE_ON_START,
      migrationsDir: path.join(__dirname, '..', 'migrations'),
    },
    ops: { host: e.PUSH_OPS_HOST, port: e.PUSH_OPS_PORT },
    push: {
      apnsUrl: e.PUSH_APNS_URL,
      apnsSandboxUrl: e.PUSH_APNS_SANDBOX_URL,
      fcmUrl: e.PUSH_FCM_URL,
      providerTimeoutMs: e.PUSH_PROVIDER_TIMEOUT_MS,
      pageSize: e.PUSH_PAGE_SIZE,
      taskPollMs: e.PUSH_TASK_POLL_MS,
      taskConcurrency: e.PUSH_TASK_CONCURRENCY,
      taskRetentionDays: e.PUSH_TASK_RETENTION_DAYS,
    },
  };
}
