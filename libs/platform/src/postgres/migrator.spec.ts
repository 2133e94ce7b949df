import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PLATFORM_MANIFEST, readMigrationPlan } from './migrator';
import { PLATFORM_MIGRATIONS } from './platform-migrations';

describe(readMigrationPlan.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'plan-'));
    writeFileSync(path.join(dir, '0002_create_things.sql'), 'CREATE TABLE things ();');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const manifest = (content: object) =>
    writeFileSync(path.join(dir, PLATFORM_MANIFEST), JSON.stringify(content));

  it('is the service files alone without a manifest', async () => {
    const plan = await readMigrationPlan(dir);

    expect(plan.platform).toEqual([]);
    expect(plan.service.map((m) => m.name)).toEqual(['create_things']);
    expect(plan.retired.size).toBe(0);
  });

  it('puts the platform sets the manifest names first, in its order', async () => {
    manifest({
      platformMigrations: ['outbox', 'consumed-events'],
      retiredVersions: { 1: 'create_outbox_events' },
    });

    const plan = await readMigrationPlan(dir);

    expect(plan.platform).toEqual([
      ...PLATFORM_MIGRATIONS.outbox,
      ...PLATFORM_MIGRATIONS['consumed-events'],
    ]);
    expect([...plan.retired]).toEqual([[1, 'create_outbox_events']]);
  });

  it('refuses an unknown set and a file that reuses a retired version', async () => {
    manifest({ platformMigrations: ['mailbox'] });
    await expect(readMigrationPlan(dir)).rejects.toThrow('no platform migration set mailbox');

    manifest({ retiredVersions: { 2: 'create_outbox_events' } });
    await expect(readMigrationPlan(dir)).rejects.toThrow(
      'migration 2_create_things reuses a retired version',
    );
  });
});
