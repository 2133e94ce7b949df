import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { Client } from 'pg';

import { readMigrationPlan, runMigrations } from '@im/platform';
import type { MigrationPlan } from '@im/platform';

import { testServerUrls } from '../jest/test-server-urls';
import { findRepoRoot } from './repo-root';
import {
  assertTestDatabaseName,
  templateDatabaseName,
  testDatabaseName,
} from './test-database-names';

export interface TestDatabase {
  /** postgres://postgres@127.0.0.1:P/<name> */
  url: string;
  name: string;
  /** The migrated template it was cloned from. */
  template: string;
  /** Drops the database, closing whatever connections are still open on it. Idempotent. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** Default: `<repo>/apps/<service>/migrations`. */
  migrationsDir?: string;
}

/** Advisory-lock namespace ('IMTT') of template builds; the key is hashtext(template name). */
const TEMPLATE_LOCK_NAMESPACE = 0x494d5454;
/** SQLSTATE 55006: "source database is being accessed by other users". */
const OBJECT_IN_USE = '55006';
const CLONE_ATTEMPTS = 5;

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, fn: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

async function dropDatabase(admin: Client, name: string): Promise<void> {
  assertTestDatabaseName(name);
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/**
 * Makes sure the migrated template exists. Under an advisory lock, so parallel workers build
 * it once; it is marked IS_TEMPLATE only once migrated, so a half-built one (a crashed run) is
 * rebuilt.
 */
async function ensureTemplate(adminUrl: string, template: string, migrationsDir: string) {
  assertTestDatabaseName(template);
  await withAdmin(adminUrl, async (admin) => {
    const lockArgs = [TEMPLATE_LOCK_NAMESPACE, template];
    await admin.query('SELECT pg_advisory_lock($1, hashtext($2))', lockArgs);
    try {
      const { rows } = await admin.query<{ datistemplate: boolean }>(
        'SELECT datistemplate FROM pg_database WHERE datname = $1',
        [template],
      );
      if (rows[0]?.datistemplate) return;
      if (rows.length > 0) await dropDatabase(admin, template);
      await admin.query(`CREATE DATABASE "${template}"`);
      try {
        await runMigrations({ databaseUrl: databaseUrl(adminUrl, template), migrationsDir });
      } catch (err) {
        await dropDatabase(admin, template).catch(() => undefined);
        throw new Error(
          `[testing] migrations of ${migrationsDir} failed: ${(err as Error).message}`,
          { cause: err },
        );
      }
      await admin.query(
        `ALTER DATABASE "${template}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`,
      );
    } finally {
      await admin
        .query('SELECT pg_advisory_unlock($1, hashtext($2))', lockArgs)
        .catch(() => undefined);
    }
  });
}

/** CREATE DATABASE … TEMPLATE, retried while the migrator's connection is still closing. */
async function cloneTemplate(adminUrl: string, template: string, name: string): Promise<void> {
  assertTestDatabaseName(name);
  await withAdmin(adminUrl, async (admin) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (err) {
        const inUse = (err as { code?: string }).code === OBJECT_IN_USE;
        if (!inUse || attempt >= CLONE_ATTEMPTS) throw err;
        await sleep(100 * attempt);
      }
    }
  });
}

/** The platform's migrations (first, numbered below 1) and the service's, for the fingerprint. */
function migrationIdentities(plan: MigrationPlan) {
  const platform = plan.platform.map((m, i) => ({
    version: i - plan.platform.length,
    name: m.id,
    checksum: m.checksum,
  }));
  return [...platform, ...plan.service];
}

/**
 * A fresh database for one test file, with the service's migrations applied: cloned from a
 * template built once per migration set (so it is cheap), on the postgres of the jest global
 * setup. Call `drop()` in afterAll.
 */
export async function createTestDatabase(
  service: string,
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const { pgAdminUrl } = testServerUrls();
  const migrationsDir =
    options.migrationsDir ?? path.join(findRepoRoot(__dirname), 'apps', service, 'migrations');
  const plan = await readMigrationPlan(migrationsDir).catch((err: Error) => {
    throw new Error(`[testing] cannot read the migrations of ${service}: ${err.message}`, {
      cause: err,
    });
  });
  const template = templateDatabaseName(service, migrationIdentities(plan));
  await ensureTemplate(pgAdminUrl, template, migrationsDir);
  const name = testDatabaseName(service);
  await cloneTemplate(pgAdminUrl, template, name);
  return {
    url: databaseUrl(pgAdminUrl, name),
    name,
    template,
    drop: () => withAdmin(pgAdminUrl, (admin) => dropDatabase(admin, name)),
  };
}
