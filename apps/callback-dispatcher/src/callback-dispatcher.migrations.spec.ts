import path from 'node:path';

import { outboxTableIsCurrent, readMigrationPlan } from '@im/platform';

describe('callback-dispatcher migrations', () => {
  const dir = path.join(__dirname, '..', 'migrations');

  it('are numbered 1, 2, 3, ... without gaps, counting those retired to the platform', async () => {
    const { service, retired } = await readMigrationPlan(dir);
    const versions = [...service.map((m) => m.version), ...retired.keys()].sort((a, b) => a - b);

    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });

  it('create the outbox table exactly as the platform outbox expects it', async () => {
    const { platform, service } = await readMigrationPlan(dir);

    expect(outboxTableIsCurrent([...platform, ...service].map((m) => m.sql))).toBe(true);
  });

  it('start every table with sdk_app_id', async () => {
    const { platform, service } = await readMigrationPlan(dir);
    const sql = [...platform, ...service].map((m) => m.sql).join('\n');
    const tables = [...sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+) \(\s*(\w+)/g)];

    expect(tables.map(([, table]) => table)).toEqual([
      'outbox_events',
      'callback_deliveries',
      'callback_dead_letters',
      'callback_attempts',
    ]);
    for (const [, table, first] of tables) expect([table, first]).toEqual([table, 'sdk_app_id']);
  });
});
