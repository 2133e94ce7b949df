import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { FAILED_FLAG } from './e2e.environment';

/** Whether a test or hook of this file failed so far (noted by `E2eEnvironment`). */
export function anyTestFailed(): boolean {
  return (globalThis as Record<string, unknown>)[FAILED_FLAG] === true;
}

/**
 * Deletes a fixture's temporary directory; when a test of the file failed, its `logs` folder is
 * first copied out of it (the directory also holds the databases' files) and the path printed,
 * so a failure seen once can be read in the services' own words.
 */
export function removeKeepingLogsIfFailed(dir: string, what: string): void {
  const logs = path.join(dir, 'logs');
  if (anyTestFailed() && existsSync(logs)) {
    const kept = mkdtempSync(path.join(tmpdir(), 'im-e2e-logs-'));
    cpSync(logs, kept, { recursive: true });
    process.stderr.write(`\n[e2e] a test of ${what} failed: service logs kept in ${kept}\n`);
  }
  rmSync(dir, { recursive: true, force: true });
}
