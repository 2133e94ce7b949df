-- After-callbacks given up after their last attempt; an operator lists, replays or discards them.
CREATE TABLE callback_dead_letters (
  sdk_app_id bigint NOT NULL,
  id bigserial PRIMARY KEY,
  callback_id uuid NOT NULL,
  source_event_id text NOT NULL,
  command text NOT NULL,
  body text NOT NULL,
  opt_platform text NOT NULL,
  client_ip text NOT NULL DEFAULT '',
  request_id text NOT NULL DEFAULT '',
  attempts integer NOT NULL,
  last_error text NOT NULL,
  queued_at timestamptz NOT NULL,
  dead_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX callback_dead_letters_app ON callback_dead_letters (sdk_app_id, id);
