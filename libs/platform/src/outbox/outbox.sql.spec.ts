import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { readMigrationPlan } from '../postgres/migrator';
import {
  OUTBOX_JSON_MIGRATION,
  OUTBOX_TABLE_DDL,
  OUTBOX_TABLE_DDL_IF_MISSING,
  OUTBOX_TABLE_DDL_JSONB,
  outboxTableIsCurrent,
} from './outbox.sql';

describe('outbox table', () => {
  it('stores event and context as json, which keeps U+0000 (jsonb refuses it)', () => {
    expect(OUTBOX_TABLE_DDL).toContain('event json NOT NULL');
    expect(OUTBOX_TABLE_DDL).toContain('context json NOT NULL');
    expect(OUTBOX_TABLE_DDL).not.toContain('jsonb');
  });

  it('is current when created as json, or created as jsonb and altered afterwards', () => {
    expect(outboxTableIsCurrent([OUTBOX_TABLE_DDL])).toBe(true);
    expect(
      outboxTableIsCurrent([OUTBOX_TABLE_DDL_JSONB, 'CREATE TABLE t ();', OUTBOX_JSON_MIGRATION]),
    ).toBe(true);
    expect(outboxTableIsCurrent([OUTBOX_TABLE_DDL_JSONB])).toBe(false);
    expect(outboxTableIsCurrent([OUTBOX_JSON_MIGRATION, OUTBOX_TABLE_DDL_JSONB])).toBe(false);
    expect(outboxTableIsCurrent([])).toBe(false);
    expect(outboxTableIsCurrent([OUTBOX_TABLE_DDL_IF_MISSING])).toBe(true);
  });

  it('is current in every service of the workspace that has one', async () => {
    const apps = path.resolve(__dirname, '../../../../apps');
    const withOutbox: string[] = [];
    for (const app of readdirSync(apps)) {
      const dir = path.join(apps, app, 'migrations');
      if (!existsSync(dir)) continue;
      const { platform, service } = await readMigrationPlan(dir);
      const sql = [...platform, ...service].map((m) => m.sql);
      if (!sql.some((s) => /CREATE TABLE (IF NOT EXISTS )?outbox_events/.test(s))) continue;
      withOutbox.push(app);
      expect([app, outboxTableIsCurrent(sql)]).toEqual([app, true]);
    }
    expect(withOutbox).toEqual(expect.arrayContaining(['account', 'group', 'message']));
  });
});
