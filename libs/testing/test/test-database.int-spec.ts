import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { createTestDatabase, TestDatabase } from '../src';

async function migrationsFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'im-testing-migrations-'));
  for (const [name, sql] of Object.entries(files)) await writeFile(path.join(dir, name), sql);
  return dir;
}

async function query<T extends object>(url: string, sql: string, params: unknown[] = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const tableNames = (url: string) =>
  query<{ table_name: string }>(
    url,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
  ).then((rows) => rows.map((r) => r.table_name));

describe('createTestDatabase', () => {
  const created: TestDatabase[] = [];
  let migrationsDir: string;

  beforeAll(async () => {
    migrationsDir = await migrationsFolder({
      '0001_create_things.sql': `CREATE TABLE things (sdk_app_id bigint, id text);`,
      '0002_create_others.sql': 'CREATE TABLE others (sdk_app_id bigint, id text);',
    });
  });

  afterAll(async () => {
    await Promise.all(created.map((db) => db.drop()));
    await rm(migrationsDir, { recursive: true, force: true });
  });

  async function create(service = 'harness-check', dir = migrationsDir): Promise<TestDatabase> {
    const db = await createTestDatabase(service, { migrationsDir: dir });
    created.push(db);
    return db;
  }

  it('gives a database cloned from the migrated template: both tables, two migrations', async () => {
    const db = await create();

    expect(db.name).toMatch(/^im_harness_check_test_[0-9a-f]+$/);
    expect(db.template).toMatch(/^im_harness_check_test_tpl_[0-9a-f]{10}$/);
    expect(await tableNames(db.url)).toEqual(['others', 'schema_migrations', 'things']);
    const applied = await query<{ version: number }>(
      db.url,
      'SELECT version FROM schema_migrations ORDER BY 1',
    );
    expect(applied).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('gives two callers independent databases from one template', async () => {
    const [a, b] = await Promise.all([create(), create()]);

    expect(a.name).not.toBe(b.name);
    expect(a.template).toBe(b.template);
    await query(a.url, "INSERT INTO things VALUES (1, 'only-in-a')");
    expect(await query(a.url, 'SELECT id FROM things')).toEqual([{ id: 'only-in-a' }]);
    expect(await query(b.url, 'SELECT id FROM things')).toEqual([]);
  });

  it('builds a new template when a migration changes', async () => {
    const changedDir = await migrationsFolder({
      '0001_create_things.sql': `CREATE TABLE things (sdk_app_id bigint, id text, extra int);`,
    });
    try {
      const before = await create();
      const after = await create('harness-check', changedDir);

      expect(after.template).not.toBe(before.template);
      const columns = await query<{ column_name: string }>(
        after.url,
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'things' ORDER BY 1",
      );
      expect(columns.map((c) => c.column_name)).toEqual(['extra', 'id', 'sdk_app_id']);
    } finally {
      await rm(changedDir, { recursive: true, force: true });
    }
  });

  it('drops the database even with a connection still open', async () => {
    const db = await createTestDatabase('harness-check', { migrationsDir });
    const open = new Client({ connectionString: db.url });
    open.on('error', () => undefined); // terminated by DROP ... WITH (FORCE)
    await open.connect();
    try {
      await db.drop();
      const rows = await query(
        db.url.replace(/\/[^/]+$/, '/postgres'),
        'SELECT 1 FROM pg_database WHERE datname = $1',
        [db.name],
      );
      expect(rows).toEqual([]);
    } finally {
      await open.end().catch(() => undefined);
    }
  });
});
