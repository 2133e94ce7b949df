import path from 'node:path';

import { outboxTableIsCurrent, readMigrations } from '@im/platform';

describe('callback-dispatcher migrations', () => {
  const dir = path.join(__dirname, '..', 'migrations');

  it('are numbered 1, 2, 3, ... without gaps', async () => {
    const migrations = await readMigrations(dir);

    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('create the outbox table exactly as the platform outbox expects it', async () => {
    const migrations = await readMigrations(dir);

    expect(outboxTableIsCurrent(migrations.map((m) => m.sql))).toBe(true);
  });

  it('start every table with sdk_app_id', async () => {
    const sql = (await readMigrations(dir)).map((m) => m.sql).join('\n');
    const tables = [...sql.matchAll(/CREATE TABLE (\w+) \(\s*(\w+)/g)];

    expect(tables.map(([, table]) => table)).toEqual([
      'outbox_events',
      'callback_deliveries',
      'callback_dead_letters',
    ]);
    for (const [, table, first] of tables) expect([table, first]).toEqual([table, 'sdk_app_id']);
  });
});
