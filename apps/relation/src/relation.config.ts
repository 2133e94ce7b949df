import path from 'node:path';

import { positiveInt, serviceConfig } from '@im/platform';
import type { ConfigOf } from '@im/platform';

const relation = serviceConfig('RELATION', {
  opsPort: 9103,
  database: { name: 'im_relation', migrationsDir: path.join(__dirname, '..', 'migrations') },
  appRegistryTtlMs: 30_000,
  tuning: {
    requestSweepIntervalMs: positiveInt({
      default: 60_000,
      desc: 'How often expired friend requests are deleted and reported',
    }),
  },
});

export const RELATION_SERVICE = relation.service;

/** Every variable the relation service reads (also checked against .env.example). */
export const relationEnvSpec = relation.envSpec;

export type RelationConfig = ConfigOf<typeof relation> & {
  relation: { requestSweepIntervalMs: number };
};

export function loadRelationConfig(
  env: Record<string, string | undefined> = process.env,
): RelationConfig {
  const { config, tuning } = relation.load(env);
  return { ...config, relation: tuning };
}
