// Loaded by jest through plain Node resolution (no moduleNameMapper): only node builtins, npm
// packages and relative imports inside libs/testing here and in everything imported from here.
import { rm } from 'node:fs/promises';

import { startLocalServers } from '../servers/local-servers';
import { hasGlobalServers, keepGlobalServers } from './global-servers';
import { createTempBaseDir, removeStaleTempBaseDirs } from './temp-base-dir';
import { exportTestServerUrls, hasTestServerUrls, TEST_CREDENTIALS_ENV } from './test-server-urls';

/**
 * Starts nats-server, redis-server and postgres once per jest run, in a temp dir, each with
 * new passwords, and hands their URLs (with the admin's credentials) and the credentials file
 * to the workers through IM_TEST_* env variables. Starts nothing when the URLs are
 * already set (servers started by .ci/run or an outer process).
 */
export default async function globalSetup(): Promise<void> {
  if (hasTestServerUrls() || hasGlobalServers()) return;
  const startedAt = Date.now();
  await removeStaleTempBaseDirs();
  const baseDir = await createTempBaseDir();
  try {
    const servers = await startLocalServers({ baseDir, persistent: false });
    keepGlobalServers({ servers, baseDir });
    exportTestServerUrls({
      natsUrl: servers.nats.url,
      redisUrl: servers.redis.url,
      pgAdminUrl: servers.postgres.url,
    });
    process.env[TEST_CREDENTIALS_ENV] = servers.credentialsFile;
  } catch (err) {
    await rm(baseDir, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
  console.log(`\n[testing] nats, redis, postgres ready in ${Date.now() - startedAt} ms`);
}
