import path from 'node:path';

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

export interface CallbackDispatcherConfig extends PlatformConfig {
  db: NonNullable<PlatformConfig['db']>;
  redis: NonNullable<PlatformConfig['redis']>;
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
  };
}
