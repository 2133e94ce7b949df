import path from 'node:path';

import {
  commonConfig,
  commonEnvSpec,
  databaseEnvSpec,
  loadEnv,
  opsEnvSpec,
  PlatformConfig,
} from '@im/platform';

export const GROUP_SERVICE = 'group';

/** Every variable the group service reads (also checked against docker-compose.yml). */
export const groupEnvSpec = {
  ...commonEnvSpec(),
  ...opsEnvSpec('GROUP', 9104),
  ...databaseEnvSpec('GROUP', 'im_group'),
};

export interface GroupConfig extends PlatformConfig {
  db: NonNullable<PlatformConfig['db']>;
  redis: NonNullable<PlatformConfig['redis']>;
}

export function loadGroupConfig(
  env: Record<string, string | undefined> = process.env,
): GroupConfig {
  const e = loadEnv(GROUP_SERVICE, groupEnvSpec, env);
  return {
    ...commonConfig(GROUP_SERVICE, e),
    db: {
      url: e.GROUP_DATABASE_URL,
      poolMax: e.GROUP_DATABASE_POOL_MAX,
      migrateOnStart: e.GROUP_MIGRATE_ON_START,
      migrationsDir: path.join(__dirname, '..', 'migrations'),
    },
    ops: { host: e.GROUP_OPS_HOST, port: e.GROUP_OPS_PORT },
  };
}
