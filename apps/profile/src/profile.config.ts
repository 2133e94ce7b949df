import path from 'node:path';

import { serviceConfig } from '@im/platform';
import type { ConfigOf } from '@im/platform';

const profile = serviceConfig('PROFILE', {
  opsPort: 9102,
  database: { name: 'im_profile', migrationsDir: path.join(__dirname, '..', 'migrations') },
  // An app's custom field declarations are reused this long (dropped at once when it changes).
  appRegistryTtlMs: 60_000,
});

export const PROFILE_SERVICE = profile.service;

/** Every variable the profile service reads (also checked against .env.example). */
export const profileEnvSpec = profile.envSpec;

export type ProfileConfig = ConfigOf<typeof profile>;

export function loadProfileConfig(
  env: Record<string, string | undefined> = process.env,
): ProfileConfig {
  return profile.load(env).config;
}
