import path from 'node:path';

import { outboxTableIsCurrent, readMigrations } from '@im/platform';

describe('account migrations', () => {
  const dir = path.join(__dirname, '..', 'migrations');

  it('are numbered 1, 2, 3, ... without gaps', async () => {
    const migrations = await readMigrations(dir);

    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('create the outbox table exactly as the platform outbox expects it', async () => {
    const migrations = await readMigrations(dir);

    expect(outboxTableIsCurrent(migrations.map((m) => m.sql))).toBe(true);
  });
});
