// Loaded by jest through plain Node resolution: see global-setup.ts for what may be imported.
import { rm } from 'node:fs/promises';

import { takeGlobalServers } from './global-servers';
import { clearTestServerUrls, TEST_CREDENTIALS_ENV } from './test-server-urls';

/** Stops what the global setup started and removes its temp dir; nothing when it started none. */
export default async function globalTeardown(): Promise<void> {
  const state = takeGlobalServers();
  if (!state) return;
  // The URLs were ours: a later run in this process (watch mode) must start servers again.
  clearTestServerUrls();
  delete process.env[TEST_CREDENTIALS_ENV];
  try {
    await state.servers.stop();
  } finally {
    await rm(state.baseDir, { recursive: true, force: true });
  }
}
