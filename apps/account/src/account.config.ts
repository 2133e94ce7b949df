import path from 'node:path';

import { serviceConfig } from '@im/platform';
import type { ConfigOf } from '@im/platform';

const account = serviceConfig('ACCOUNT', {
  opsPort: 9101,
  database: { name: 'im_account', migrationsDir: path.join(__dirname, '..', 'migrations') },
});

export const ACCOUNT_SERVICE = account.service;

/** Every variable the account service reads (also checked against .env.example). */
export const accountEnvSpec = account.envSpec;

export type AccountConfig = ConfigOf<typeof account>;

export function loadAccountConfig(
  env: Record<string, string | undefined> = process.env,
): AccountConfig {
  return account.load(env).config;
}
