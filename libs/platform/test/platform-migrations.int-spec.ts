import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { createTestDatabase, TestDatabase } from '@im/testing';

import { OUTBOX_JSON_MIGRATION, OUTBOX_TABLE_DDL_JSONB } from '../src/outbox/outbox.sql';
import { readMigrationPlan, runMigrations } from '../src/postgres/migrator';

const apps = path.resolve(__dirname, '../../../apps');

/** The two outbox migrations every service carried before the platform owned the table. */
const OLD_OUTBOX_FILES: Record<string, string> = {
  create_outbox_events: `-- Events staged with the change they report; published by the platform outbox relay.
${OUTBOX_TABLE_DDL_JSONB}
`,
  outbox_events_json: `-- The outbox keeps events as json, not jsonb: jsonb refuses strings holding U+0000, which
-- users may send (a message body, a custom field). json keeps the text exactly as written.
${OUTBOX_JSON_MIGRATION}
`,
};

/** Migrations a service gained after the platform took the tables over (absent from old databases). */
const ADDED_SINCE: Record<string, string[]> = {
  push: ['0004_move_consumed_events_to_platform.sql'],
};

const servicesWithPlatformTables = readdirSync(apps).filter((app) =>
  readdirSync(path.join(apps, app)).includes('migrations')
    ? readdirSync(path.join(apps, app, 'migrations')).includes('platform.json')
    : false,
);

/** A folder holding the service's migrations as they were: its outbox files back, no manifest. */
async function oldMigrationsFolder(app: string): Promise<string> {
  const current = path.join(apps, app, 'migrations');
  const dir = mkdtempSync(path.join(os.tmpdir(), `old-${app}-migrations-`));
  for (const file of readdirSync(current)) {
    if (!file.endsWith('.sql') || ADDED_SINCE[app]?.includes(file)) continue;
    copyFileSync(path.join(current, file), path.join(dir, file));
  }
  const { retired } = await readMigrationPlan(current);
  for (const [version, name] of retired) {
    writeFileSync(
      path.join(dir, `${String(version).padStart(4, '0')}_${name}.sql`),
      OLD_OUTBOX_FILES[name],
    );
  }
  return dir;
}

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Tables, columns (type, nullability, default) and indexes of the public schema. */
async function schemaOf(url: string) {
  const columns = await query(
    url,
    `SELECT table_name, column_name, data_type, is_nullable, column_default
     FROM information_schema.columns WHERE table_schema = 'public'
     ORDER BY table_name, column_name`,
  );
  const indexes = await query(
    url,
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
     ORDER BY tablename, indexname`,
  );
  return { columns, indexes };
}

describe('platform migrations', () => {
  const created: TestDatabase[] = [];
  const dirs: string[] = [];

  afterAll(async () => {
    await Promise.all(created.map((db) => db.drop()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function database(service: string, migrationsDir?: string): Promise<TestDatabase> {
    const db = await createTestDatabase(service, migrationsDir ? { migrationsDir } : {});
    created.push(db);
    return db;
  }

  it('are used by the services that keep an outbox or consumed events', () => {
    expect(servicesWithPlatformTables).toEqual(
      expect.arrayContaining(['account', 'group', 'message', 'push', 'relation']),
    );
  });

  it.each(servicesWithPlatformTables)(
    'give %s the same schema whether its database was migrated by the old files or is new',
    async (app) => {
      const current = path.join(apps, app, 'migrations');
      const oldDir = await oldMigrationsFolder(app);
      dirs.push(oldDir);
      const old = await database(`${app}-old`, oldDir);
      const fresh = await database(app);

      const upgraded = await runMigrations({ databaseUrl: old.url, migrationsDir: current });
      const again = await runMigrations({ databaseUrl: old.url, migrationsDir: current });
      const freshAgain = await runMigrations({ databaseUrl: fresh.url, migrationsDir: current });

      const { platform } = await readMigrationPlan(current);
      expect(upgraded.applied).toEqual(
        expect.arrayContaining(platform.map((m) => `platform:${m.id}`)),
      );
      expect(again.applied).toEqual([]);
      expect(freshAgain.applied).toEqual([]);
      expect(await schemaOf(old.url)).toEqual(await schemaOf(fresh.url));
      const platformIds = (url: string) =>
        query<{ id: string }>(url, 'SELECT id FROM platform_migrations ORDER BY id');
      expect(await platformIds(old.url)).toEqual(await platformIds(fresh.url));
    },
  );

  it('keep the events push had handled when its own table goes', async () => {
    const oldDir = await oldMigrationsFolder('push');
    dirs.push(oldDir);
    const old = await database('push-handled', oldDir);
    await query(
      old.url,
      `INSERT INTO push_consumed_events (sdk_app_id, consumer, event_id)
       VALUES (1400000001, 'push-offline', '6f1d4b52-7f0e-4a52-9c1e-3f0f2b8e9a11')`,
    );

    await runMigrations({
      databaseUrl: old.url,
      migrationsDir: path.join(apps, 'push', 'migrations'),
    });

    expect(
      await query(old.url, 'SELECT sdk_app_id, consumer, event_id FROM consumed_events'),
    ).toEqual([
      {
        sdk_app_id: '1400000001',
        consumer: 'push-offline',
        event_id: '6f1d4b52-7f0e-4a52-9c1e-3f0f2b8e9a11',
      },
    ]);
  });

  it('turn an outbox table still created as jsonb into json', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'outbox-jsonb-only-'));
    dirs.push(dir);
    writeFileSync(
      path.join(dir, '0001_create_outbox_events.sql'),
      OLD_OUTBOX_FILES.create_outbox_events,
    );
    const old = await database('outbox-half', dir);
    writeFileSync(
      path.join(dir, 'platform.json'),
      JSON.stringify({ platformMigrations: ['outbox'] }),
    );
    rmSync(path.join(dir, '0001_create_outbox_events.sql'));

    await runMigrations({ databaseUrl: old.url, migrationsDir: dir });

    expect(
      await query(
        old.url,
        `SELECT column_name, data_type FROM information_schema.columns
         WHERE table_name = 'outbox_events' AND column_name IN ('event', 'context')
         ORDER BY column_name`,
      ),
    ).toEqual([
      { column_name: 'context', data_type: 'json' },
      { column_name: 'event', data_type: 'json' },
    ]);
  });
});
