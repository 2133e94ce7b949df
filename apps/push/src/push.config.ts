import path from 'node:path';

import { url } from 'envalid';

import { positiveInt, serviceConfig } from '@im/platform';
import type { CleanEnv, ConfigOf } from '@im/platform';

const pushTuning = {
  apnsUrl: url({
    default: 'https://api.push.apple.com',
    desc: 'APNs host for apps whose APNs environment is production (http:// = h2c, for tests)',
  }),
  apnsSandboxUrl: url({
    default: 'https://api.sandbox.push.apple.com',
    desc: 'APNs host for apps whose APNs environment is sandbox',
  }),
  fcmUrl: url({
    default: 'https://fcm.googleapis.com',
    desc: 'FCM HTTP v1 base URL (POST /v1/projects/<id>/messages:send)',
  }),
  providerTimeoutMs: positiveInt({
    default: 10_000,
    desc: 'Timeout of one request to APNs, FCM, the OAuth token endpoint or a webhook',
  }),
  pageSize: positiveInt({
    default: 500,
    desc: 'Targeted users read from PostgreSQL and delivered per page',
  }),
  taskPollMs: positiveInt({
    default: 1000,
    desc: 'How often open push tasks (new, or left by a stopped instance) are looked for',
  }),
  taskConcurrency: positiveInt({ default: 2, desc: 'Push tasks one instance runs at once' }),
  taskRetentionDays: positiveInt({
    default: 30,
    desc: 'Days a finished task (its report) is kept',
  }),
};

const push = serviceConfig('PUSH', {
  opsPort: 9106,
  database: { name: 'im_push', migrationsDir: path.join(__dirname, '..', 'migrations') },
  appRegistryTtlMs: 30_000,
  tuning: pushTuning,
});

export const PUSH_SERVICE = push.service;

/** Every variable the push service reads (also checked against .env.example). */
export const pushEnvSpec = push.envSpec;

export type PushConfig = ConfigOf<typeof push> & { push: CleanEnv<typeof pushTuning> };

export function loadPushConfig(env: Record<string, string | undefined> = process.env): PushConfig {
  const { config, tuning } = push.load(env);
  return { ...config, push: tuning };
}
