import path from 'node:path';

import {
  commonConfig,
  commonEnvSpec,
  databaseEnvSpec,
  loadEnv,
  opsEnvSpec,
  PlatformConfig,
} from '@im/platform';

export const MESSAGE_SERVICE = 'message';

/** Every variable the message service reads (also checked against docker-compose.yml). */
export const messageEnvSpec = {
  ...commonEnvSpec(),
  ...opsEnvSpec('MESSAGE', 9105),
  ...databaseEnvSpec('MESSAGE', 'im_message'),
};

export interface MessageConfig extends PlatformConfig {
  db: NonNullable<PlatformConfig['db']>;
  redis: NonNullable<PlatformConfig['redis']>;
}

export function loadMessageConfig(
  env: Record<string, string | undefined> = process.env,
): MessageConfig {
  const e = loadEnv(MESSAGE_SERVICE, messageEnvSpec, env);
  return {
    ...commonConfig(MESSAGE_SERVICE, e),
    db: {
      url: e.MESSAGE_DATABASE_URL,
      poolMax: e.MESSAGE_DATABASE_POOL_MAX,
      migrateOnStart: e.MESSAGE_MIGRATE_ON_START,
      migrationsDir: path.join(__dirname, '..', 'migrations'),
    },
    ops: { host: e.MESSAGE_OPS_HOST, port: e.MESSAGE_OPS_PORT },
  };
}
