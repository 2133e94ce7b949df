import { createHash } from 'node:crypto';

import { CONSUMED_EVENTS_TABLE_DDL } from '../consumed-events/consumed-events.sql';
import { OUTBOX_TABLE_DDL_IF_MISSING, OUTBOX_TO_JSON_IF_JSONB } from '../outbox/outbox.sql';

/** The tables the platform's code owns in a service's database. */
export type PlatformMigrationSet = 'outbox' | 'consumed-events';

export interface PlatformMigration {
  /** `outbox/0001_create_outbox_events`: recorded in `platform_migrations` once applied. */
  id: string;
  sql: string;
  checksum: string;
}

const migration = (id: string, sql: string): PlatformMigration => ({
  id,
  sql,
  checksum: createHash('sha256').update(sql).digest('hex'),
});

/**
 * The platform's migrations, per set, in order. Each is written to be a no-op on a database
 * that already has its tables from a service's own migrations of before (those created the
 * same tables with the same statements), so it applies to new and old databases alike.
 * Applied migrations never change: fix one by adding the next.
 */
export const PLATFORM_MIGRATIONS: Record<PlatformMigrationSet, readonly PlatformMigration[]> = {
  outbox: [
    migration(
      'outbox/0001_create_outbox_events',
      `${OUTBOX_TABLE_DDL_IF_MISSING}\n${OUTBOX_TO_JSON_IF_JSONB}`,
    ),
  ],
  'consumed-events': [
    migration('consumed-events/0001_create_consumed_events', CONSUMED_EVENTS_TABLE_DDL),
  ],
};

export function isPlatformMigrationSet(name: string): name is PlatformMigrationSet {
  return Object.prototype.hasOwnProperty.call(PLATFORM_MIGRATIONS, name);
}
