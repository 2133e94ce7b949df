import path from 'node:path';

import { positiveInt, serviceConfig } from '@im/platform';
import type { CleanEnv, ConfigOf } from '@im/platform';

/** Statistics knobs: `ACCOUNT_STATS_<NAME>` variables with defaults. */
const statsTuning = {
  statsSampleIntervalMs: positiveInt({
    default: 60_000,
    desc: 'How often the online gauge behind MaxOnlineNum is checked against presence and sampled',
  }),
};

const account = serviceConfig('ACCOUNT', {
  opsPort: 9101,
  database: { name: 'im_account', migrationsDir: path.join(__dirname, '..', 'migrations') },
  tuning: statsTuning,
});

export const ACCOUNT_SERVICE = account.service;

/** Every variable the account service reads (also checked against .env.example). */
export const accountEnvSpec = account.envSpec;

export interface StatsTuning {
  sampleIntervalMs: number;
}

export type AccountConfig = ConfigOf<typeof account> & { stats: StatsTuning };

export function loadAccountConfig(
  env: Record<string, string | undefined> = process.env,
): AccountConfig {
  const { config, tuning } = account.load(env);
  const t: CleanEnv<typeof statsTuning> = tuning;
  return { ...config, stats: { sampleIntervalMs: t.statsSampleIntervalMs } };
}
