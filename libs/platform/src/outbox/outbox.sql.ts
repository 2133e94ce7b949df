/**
 * The table every service that publishes events keeps in its own database (its migrations
 * create it with this statement): events staged in the transaction of the change they report,
 * published by the relay after commit.
 */
export const OUTBOX_TABLE_DDL = `CREATE TABLE outbox_events (
  sdk_app_id bigint NOT NULL,
  id bigserial PRIMARY KEY,
  subject text NOT NULL,
  event jsonb NOT NULL,
  context jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);`;
