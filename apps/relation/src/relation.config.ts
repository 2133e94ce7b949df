import path from 'node:path';

import {
  commonConfig,
  commonEnvSpec,
  databaseEnvSpec,
  loadEnv,
  opsEnvSpec,
  PlatformConfig,
} from '@im/platform';

export const RELATION_SERVICE = 'relation';

/** Every variable the relation service reads (also checked against docker-compose.yml). */
export const relationEnvSpec = {
  ...commonEnvSpec(),
  ...opsEnvSpec('RELATION', 9103),
  ...databaseEnvSpec('RELATION', 'im_relation'),
};

export interface RelationConfig extends PlatformConfig {
  db: NonNullable<PlatformConfig['db']>;
  redis: NonNullable<PlatformConfig['redis']>;
  relation: {
    /** How often expired friend requests are deleted and reported (not an env variable yet). */
    requestSweepIntervalMs: number;
  };
}

/** Defaults of the settings that are not read from the environment. */
export const RELATION_DEFAULTS: RelationConfig['relation'] = { requestSweepIntervalMs: 60_000 };

export function loadRelationConfig(
  env: Record<string, string | undefined> = process.env,
): RelationConfig {
  const e = loadEnv(RELATION_SERVICE, relationEnvSpec, env);
  return {
    ...commonConfig(RELATION_SERVICE, e),
    db: {
      url: e.RELATION_DATABASE_URL,
      poolMax: e.RELATION_DATABASE_POOL_MAX,
      migrateOnStart: e.RELATION_MIGRATE_ON_START,
      migrationsDir: path.join(__dirname, '..', 'migrations'),
    },
    ops: { host: e.RELATION_OPS_HOST, port: e.RELATION_OPS_PORT },
    relation: { ...RELATION_DEFAULTS },
  };
}
