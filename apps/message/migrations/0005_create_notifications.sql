-- System notifications (MSG-25) kept for their users: 7 days, 100 per user (AMB-35).
CREATE TABLE notifications (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  id bigserial NOT NULL,
  -- the fact it tells (idempotent consumption)
  event_id uuid NOT NULL,
  kind text NOT NULL,
  data jsonb NOT NULL,
  -- UNIX seconds
  created_at bigint NOT NULL,
  PRIMARY KEY (sdk_app_id, user_id, id),
  UNIQUE (sdk_app_id, user_id, event_id)
);

CREATE INDEX notifications_by_time ON notifications (created_at);
