-- Events staged with the change they report; published by the platform outbox relay.
CREATE TABLE outbox_events (
  sdk_app_id bigint NOT NULL,
  id bigserial PRIMARY KEY,
  subject text NOT NULL,
  event jsonb NOT NULL,
  context jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
