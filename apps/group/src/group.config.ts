import path from 'node:path';

import { serviceConfig } from '@im/platform';
import type { ConfigOf } from '@im/platform';

const group = serviceConfig('GROUP', {
  opsPort: 9104,
  database: { name: 'im_group', migrationsDir: path.join(__dirname, '..', 'migrations') },
  // Per-app settings (quotas, custom fields and types) are reused this long.
  appRegistryTtlMs: 5000,
});

export const GROUP_SERVICE = group.service;

/** Every variable the group service reads (also checked against .env.example). */
export const groupEnvSpec = group.envSpec;

export type GroupConfig = ConfigOf<typeof group>;

export function loadGroupConfig(
  env: Record<string, string | undefined> = process.env,
): GroupConfig {
  return group.load(env).config;
}
