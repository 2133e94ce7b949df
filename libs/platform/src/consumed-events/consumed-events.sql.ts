/**
 * Which events each durable consumer of a service has handled (`markConsumed`), so a
 * redelivered event is recognised; rows older than the streams keep events can go.
 * `IF NOT EXISTS`: relation's own migrations created this very table before the platform
 * owned it.
 */
export const CONSUMED_EVENTS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS consumed_events (
  sdk_app_id bigint NOT NULL,
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  consumed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, consumer, event_id)
);
CREATE INDEX IF NOT EXISTS consumed_events_age ON consumed_events (consumed_at);`;
