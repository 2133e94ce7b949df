/**
 * The table every service that publishes events keeps in its own database (the platform's
 * `outbox` migration set creates it): events staged in the transaction of the change they report,
 * published by the relay after commit.
 *
 * `event` and `context` are `json`, not `jsonb`: `json` keeps the text exactly as written,
 * while `jsonb` refuses a string holding U+0000 (`\u0000`), which a user may legitimately send
 * (a message body, a custom field) and which would then fail the whole change.
 */
export const OUTBOX_TABLE_DDL = `CREATE TABLE outbox_events (
  sdk_app_id bigint NOT NULL,
  id bigserial PRIMARY KEY,
  subject text NOT NULL,
  event json NOT NULL,
  context json NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);`;

/**
 * The platform's migration of the outbox table (`outbox` set): creates it as `OUTBOX_TABLE_DDL`
 * does unless a service's own migrations of before already did.
 */
export const OUTBOX_TABLE_DDL_IF_MISSING = OUTBOX_TABLE_DDL.replace(
  'CREATE TABLE outbox_events',
  'CREATE TABLE IF NOT EXISTS outbox_events',
);

/**
 * The outbox table as services created before the switch to `json` made it (their first
 * migrations keep it, since applied migrations never change).
 */
export const OUTBOX_TABLE_DDL_JSONB = `CREATE TABLE outbox_events (
  sdk_app_id bigint NOT NULL,
  id bigserial PRIMARY KEY,
  subject text NOT NULL,
  event jsonb NOT NULL,
  context jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);`;

/** The migration that turns an outbox table made by `OUTBOX_TABLE_DDL_JSONB` into `OUTBOX_TABLE_DDL`. */
export const OUTBOX_JSON_MIGRATION = `ALTER TABLE outbox_events
  ALTER COLUMN event TYPE json USING event::json,
  ALTER COLUMN context TYPE json USING context::json;`;

/**
 * The platform's second statement of the `outbox` set: an outbox table a database still has as
 * `jsonb` (created by a service's first migration, not yet altered by its second) becomes
 * `json`; a `json` one is left alone.
 */
export const OUTBOX_TO_JSON_IF_JSONB = `DO $$
BEGIN
  IF (SELECT data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'outbox_events'
        AND column_name = 'event') = 'jsonb' THEN
    ${OUTBOX_JSON_MIGRATION}
  END IF;
END $$;`;

/**
 * Whether a service's migrations (in order) leave the outbox table as the outbox expects it:
 * created with `OUTBOX_TABLE_DDL` (or the platform's `OUTBOX_TABLE_DDL_IF_MISSING`), or with `OUTBOX_TABLE_DDL_JSONB` and then altered by
 * `OUTBOX_JSON_MIGRATION`.
 */
export function outboxTableIsCurrent(migrationSql: readonly string[]): boolean {
  if (migrationSql.some((sql) => sql.includes(OUTBOX_TABLE_DDL))) return true;
  if (migrationSql.some((sql) => sql.includes(OUTBOX_TABLE_DDL_IF_MISSING))) return true;
  const created = migrationSql.findIndex((sql) => sql.includes(OUTBOX_TABLE_DDL_JSONB));
  return (
    created >= 0 &&
    migrationSql.slice(created + 1).some((sql) => sql.includes(OUTBOX_JSON_MIGRATION))
  );
}
