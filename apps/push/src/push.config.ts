import path from 'node:path';

import {
  commonConfig,
  commonEnvSpec,
  databaseEnvSpec,
  loadEnv,
  opsEnvSpec,
  PlatformConfig,
} from '@im/platform';

export const PUSH_SERVICE = 'push';

/** Every variable the push service reads (also checked against docker-compose.yml). */
export const pushEnvSpec = {
  ...commonEnvSpec(),
  ...opsEnvSpec('PUSH', 9106),
  ...databaseEnvSpec('PUSH', 'im_push'),
};

export interface PushConfig extends PlatformConfig {
  db: NonNullable<PlatformConfig['db']>;
  redis: NonNullable<PlatformConfig['redis']>;
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
  };
}
