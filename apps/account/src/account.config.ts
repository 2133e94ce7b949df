import path from 'node:path';

import {
  commonEnvSpec,
  databaseEnvSpec,
  commonConfig,
  loadEnv,
  opsEnvSpec,
  PlatformConfig,
} from '@im/platform';

export const ACCOUNT_SERVICE = 'account';

/** Every variable the account service reads (also checked against docker-compose.yml). */
export const accountEnvSpec = {
  ...commonEnvSpec(),
  ...opsEnvSpec('ACCOUNT', 9101),
  ...databaseEnvSpec('ACCOUNT', 'im_account'),
};

export interface AccountConfig extends PlatformConfig {
  db: NonNullable<PlatformConfig['db']>;
  redis: NonNullable<PlatformConfig['redis']>;
}

export function loadAccountConfig(
  env: Record<string, string | undefined> = process.env,
): AccountConfig {
  const e = loadEnv(ACCOUNT_SERVICE, accountEnvSpec, env);
  return {
    ...commonConfig(ACCOUNT_SERVICE, e),
    db: {
      url: e.ACCOUNT_DATABASE_URL,
      poolMax: e.ACCOUNT_DATABASE_POOL_MAX,
      migrateOnStart: e.ACCOUNT_MIGRATE_ON_START,
      migrationsDir: path.join(__dirname, '..', 'migrations'),
    },
    ops: { host: e.ACCOUNT_OPS_HOST, port: e.ACCOUNT_OPS_PORT },
  };
}
