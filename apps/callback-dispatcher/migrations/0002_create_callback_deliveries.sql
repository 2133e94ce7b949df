-- After-callbacks waiting to be delivered (or retried): the durable queue of docs/requirements.md AMB-47.
-- A row is deleted once the app answered 2xx, or moved to callback_dead_letters after the last
-- attempt. `body` is the JSON text sent (text, not jsonb: profile values may hold U+0000).
CREATE TABLE callback_deliveries (
  sdk_app_id bigint NOT NULL,
  id bigserial PRIMARY KEY,
  callback_id uuid NOT NULL,
  source_event_id text NOT NULL,
  command text NOT NULL,
  body text NOT NULL,
  opt_platform text NOT NULL,
  client_ip text NOT NULL DEFAULT '',
  request_id text NOT NULL DEFAULT '',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  last_error text,
  queued_at timestamptz NOT NULL DEFAULT now()
);

-- One row per callback: a redelivered source event is not queued twice.
CREATE UNIQUE INDEX callback_deliveries_callback_id ON callback_deliveries (sdk_app_id, callback_id);
-- What is due, per app and overall.
CREATE INDEX callback_deliveries_due ON callback_deliveries (sdk_app_id, next_attempt_at);
-- What is due across apps (the sweep for work another instance left behind).
CREATE INDEX callback_deliveries_next_attempt ON callback_deliveries (next_attempt_at);
