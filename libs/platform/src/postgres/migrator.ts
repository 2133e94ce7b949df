import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { Client } from 'pg';

import { isPlatformMigrationSet, PLATFORM_MIGRATIONS } from './platform-migrations';
import type { PlatformMigration } from './platform-migrations';

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationLogger {
  info(fields: Record<string, unknown>, message: string): void;
}

export interface MigrateOptions {
  databaseUrl: string;
  /** Folder of `NNNN_description.sql` files, applied in version order. */
  migrationsDir: string;
  logger?: MigrationLogger;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;
/** Key of the advisory lock that serialises migrators of one database (two instances at once). */
const LOCK_KEY = 0x494d4d49; // 'IMMI'

/** Reads and orders the migration files of a folder; rejects gaps in the name pattern or duplicates. */
export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
  const files: MigrationFile[] = [];
  const seen = new Set<number>();
  for (const entry of entries) {
    const match = FILE_PATTERN.exec(entry);
    if (!match)
      throw new Error(`migration file name must look like 0001_create_things.sql: ${entry}`);
    const version = Number(match[1]);
    if (seen.has(version))
      throw new Error(`two migrations share version ${version} in ${migrationsDir}`);
    seen.add(version);
    const sql = await readFile(path.join(migrationsDir, entry), 'utf8');
    files.push({
      version,
      name: match[2],
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  return files;
}

/** Name of the file in a migrations folder that says what the platform adds (`readMigrationPlan`). */
export const PLATFORM_MANIFEST = 'platform.json';

/**
 * Everything a service's database gets: the platform's migration sets the service uses (its
 * `platform.json`, e.g. `{ "platformMigrations": ["outbox"] }`), applied first, then the
 * service's own files. `retiredVersions` names the service's files that moved to a platform set
 * (their versions stay recorded in old databases and are never reused).
 */
export interface MigrationPlan {
  platform: PlatformMigration[];
  service: MigrationFile[];
  retired: ReadonlyMap<number, string>;
}

interface PlatformManifest {
  platformMigrations?: string[];
  retiredVersions?: Record<string, string>;
}

export async function readMigrationPlan(migrationsDir: string): Promise<MigrationPlan> {
  const service = await readMigrations(migrationsDir);
  const manifestText = await readFile(path.join(migrationsDir, PLATFORM_MANIFEST), 'utf8').catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '{}';
      throw err;
    },
  );
  const manifest = JSON.parse(manifestText) as PlatformManifest;
  const platform = (manifest.platformMigrations ?? []).flatMap((set) => {
    if (!isPlatformMigrationSet(set))
      throw new Error(`${PLATFORM_MANIFEST} of ${migrationsDir}: no platform migration set ${set}`);
    return PLATFORM_MIGRATIONS[set];
  });
  const retired = new Map(
    Object.entries(manifest.retiredVersions ?? {}).map(([v, name]) => [Number(v), name]),
  );
  const reused = service.find((m) => retired.has(m.version));
  if (reused)
    throw new Error(`migration ${reused.version}_${reused.name} reuses a retired version`);
  return { platform, service, retired };
}

/**
 * Applies what the database has not recorded yet: first the platform's migrations the service
 * uses (recorded by id in `platform_migrations`), then the service's own files (by version in
 * `schema_migrations`), each in its own transaction, under an advisory lock. Safe to run twice
 * and from two processes at once. An applied migration that changed since is an error (edit
 * by adding a new migration).
 */
export async function runMigrations(options: MigrateOptions): Promise<MigrateResult> {
  const plan = await readMigrationPlan(options.migrationsDir);
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    const platform = await applyPlatformMigrations(client, plan.platform, options.logger);
    const service = await applyServiceMigrations(client, plan.service, options.logger);
    const applied = [...platform, ...service];
    return {
      applied,
      alreadyApplied: plan.platform.length + plan.service.length - applied.length,
    };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function applyPlatformMigrations(
  client: Client,
  migrations: readonly PlatformMigration[],
  logger?: MigrationLogger,
): Promise<string[]> {
  if (migrations.length === 0) return [];
  await client.query(`CREATE TABLE IF NOT EXISTS platform_migrations (
    id text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await client.query<{ id: string; checksum: string }>(
    'SELECT id, checksum FROM platform_migrations',
  );
  const done = new Map(rows.map((r) => [r.id, r.checksum]));
  const applied: string[] = [];
  for (const m of migrations) {
    if (alreadyApplied(done.get(m.id), m.checksum, `platform migration ${m.id}`)) continue;
    await inTransaction(client, `platform migration ${m.id}`, async () => {
      await client.query(m.sql);
      await client.query('INSERT INTO platform_migrations (id, checksum) VALUES ($1, $2)', [
        m.id,
        m.checksum,
      ]);
    });
    applied.push(`platform:${m.id}`);
    logger?.info({ migration: m.id }, 'platform migration applied');
  }
  return applied;
}

async function applyServiceMigrations(
  client: Client,
  migrations: readonly MigrationFile[],
  logger?: MigrationLogger,
): Promise<string[]> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await client.query<{ version: number; checksum: string }>(
    'SELECT version, checksum FROM schema_migrations',
  );
  const done = new Map(rows.map((r) => [r.version, r.checksum]));
  const applied: string[] = [];
  for (const m of migrations) {
    const label = `migration ${m.version}_${m.name}`;
    if (alreadyApplied(done.get(m.version), m.checksum, label)) continue;
    await inTransaction(client, label, async () => {
      await client.query(m.sql);
      await client.query(
        'INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
        [m.version, m.name, m.checksum],
      );
    });
    applied.push(`${String(m.version).padStart(4, '0')}_${m.name}`);
    logger?.info({ migration: m.name, version: m.version }, 'migration applied');
  }
  return applied;
}

/** Whether a recorded migration may be skipped; throws when it changed after it was applied. */
function alreadyApplied(recorded: string | undefined, checksum: string, label: string): boolean {
  if (recorded === undefined) return false;
  if (recorded !== checksum)
    throw new Error(`${label} changed after it was applied; add a new migration instead`);
  return true;
}

async function inTransaction(client: Client, label: string, work: () => Promise<void>) {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw new Error(`${label} failed: ${(err as Error).message}`);
  }
}

/**
 * Creates the database of a URL when it does not exist yet (connecting to the server's
 * `postgres` database). Used by the launcher, the test harness and services at start.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsupported database name: ${name}`);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name}"`);
      return true;
    } catch (err) {
      // Another process created it between our check and our CREATE.
      const code = (err as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw err;
    }
  } finally {
    await client.end();
  }
}
