import path from 'node:path';

import {
  commonConfig,
  commonEnvSpec,
  databaseEnvSpec,
  loadEnv,
  opsEnvSpec,
  PlatformConfig,
} from '@im/platform';

export const PROFILE_SERVICE = 'profile';

/** Every variable the profile service reads (also checked against docker-compose.yml). */
export const profileEnvSpec = {
  ...commonEnvSpec(),
  ...opsEnvSpec('PROFILE', 9102),
  ...databaseEnvSpec('PROFILE', 'im_profile'),
};

export interface ProfileConfig extends PlatformConfig {
  db: NonNullable<PlatformConfig['db']>;
  redis: NonNullable<PlatformConfig['redis']>;
}

export function loadProfileConfig(
  env: Record<string, string | undefined> = process.env,
): ProfileConfig {
  const e = loadEnv(PROFILE_SERVICE, profileEnvSpec, env);
  return {
    ...commonConfig(PROFILE_SERVICE, e),
    db: {
      url: e.PROFILE_DATABASE_URL,
      poolMax: e.PROFILE_DATABASE_POOL_MAX,
      migrateOnStart: e.PROFILE_MIGRATE_ON_START,
      migrationsDir: path.join(__dirname, '..', 'migrations'),
    },
    ops: { host: e.PROFILE_OPS_HOST, port: e.PROFILE_OPS_PORT },
  };
}
