-- Every after-callback delivery attempt and what came of it, for the console's recent
-- deliveries: never the body, the URL or the token. Swept to the last attempts of each app
-- and the last days (CallbackLimits.attemptsKeptPerApp / attemptsKeptDays).
CREATE TABLE callback_attempts (
  sdk_app_id bigint NOT NULL,
  id bigserial PRIMARY KEY,
  callback_id uuid NOT NULL,
  command text NOT NULL,
  attempt integer NOT NULL,
  delivered boolean NOT NULL,
  http_status integer,
  error text,
  latency_ms integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX callback_attempts_app ON callback_attempts (sdk_app_id, id);
CREATE INDEX callback_attempts_at ON callback_attempts (at);
