-- The accounts of every app as the push service knows them: a mirror kept from
-- account.evt.imported / account.evt.deleted (durable consumer push-accounts). "Every user of
-- the app" (im_push without Condition) is this table, read in user_id order page by page.
CREATE TABLE push_users (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, user_id)
);

-- Attribute names of an app (im_set_attr_name): slot "0".."9" -> name.
CREATE TABLE push_attr_names (
  sdk_app_id bigint NOT NULL,
  slot smallint NOT NULL CHECK (slot BETWEEN 0 AND 9),
  name text NOT NULL CHECK (octet_length(name) BETWEEN 1 AND 50),
  PRIMARY KEY (sdk_app_id, slot),
  UNIQUE (sdk_app_id, name)
);

-- Attribute values of users, by slot (a renamed attribute keeps its values).
CREATE TABLE push_user_attrs (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  slot smallint NOT NULL CHECK (slot BETWEEN 0 AND 9),
  value text NOT NULL CHECK (octet_length(value) <= 50),
  PRIMARY KEY (sdk_app_id, user_id, slot)
);
-- Selection by attribute in user order (keyset pages).
CREATE INDEX push_user_attrs_by_value ON push_user_attrs (sdk_app_id, slot, value, user_id);

-- Tags of users.
CREATE TABLE push_user_tags (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  tag text NOT NULL CHECK (octet_length(tag) BETWEEN 1 AND 50),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, user_id, tag)
);
-- Selection by tag in user order (keyset pages).
CREATE INDEX push_user_tags_by_tag ON push_user_tags (sdk_app_id, tag, user_id);

-- Push tasks (im_push) with their progress and report. condition: the selection plan
-- ({and, or} of tags and attribute slots, resolved when the push was made). msg_random de-duplicates retries for
-- 7 days (an older task with the same random is detached: msg_random set to NULL).
-- cursor_user_id: the last user handled (keyset position), so a task resumes where it stopped;
-- lease_*: which instance runs it until when (another one takes over after it expires).
CREATE TABLE push_tasks (
  sdk_app_id bigint NOT NULL,
  task_id text NOT NULL,
  msg_random bigint,
  from_user_id text NOT NULL,
  body jsonb NOT NULL,
  offline_push jsonb,
  condition jsonb,
  life_time_seconds integer NOT NULL DEFAULT 0,
  status smallint NOT NULL DEFAULT 0 CHECK (status IN (0, 1, 2)),
  cursor_user_id text,
  total integer,
  finished integer NOT NULL DEFAULT 0,
  online_delivered integer NOT NULL DEFAULT 0,
  stored integer NOT NULL DEFAULT 0,
  stored_delivered integer NOT NULL DEFAULT 0,
  offline_pushed integer NOT NULL DEFAULT 0,
  offline_push_failed integer NOT NULL DEFAULT 0,
  lease_owner text,
  lease_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (sdk_app_id, task_id)
);
CREATE UNIQUE INDEX push_tasks_by_random ON push_tasks (sdk_app_id, msg_random)
  WHERE msg_random IS NOT NULL;
CREATE INDEX push_tasks_open ON push_tasks (created_at) WHERE status < 2;
CREATE INDEX push_tasks_by_age ON push_tasks (created_at);

-- Pushes stored for users who were offline (MsgLifeTime > 0): delivered once, at the first
-- session the user opens before expires_at, then deleted.
CREATE TABLE push_stored (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  task_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (sdk_app_id, user_id, task_id)
);
CREATE INDEX push_stored_by_expiry ON push_stored (expires_at);

-- Offline-push device tokens (client command push.register-device). A token belongs to one
-- user at a time: registering it again moves it.
CREATE TABLE push_devices (
  sdk_app_id bigint NOT NULL,
  provider text NOT NULL CHECK (provider IN ('apns', 'fcm', 'webhook')),
  token text NOT NULL,
  user_id text NOT NULL,
  platform text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, provider, token)
);
CREATE INDEX push_devices_by_user ON push_devices (sdk_app_id, user_id);

-- Events of other services already handled, per consumer (at-least-once delivery).
CREATE TABLE push_consumed_events (
  sdk_app_id bigint NOT NULL,
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  consumed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, consumer, event_id)
);
CREATE INDEX push_consumed_events_by_age ON push_consumed_events (consumed_at);

-- Offline notifications per app, UTC day and provider (message offline pushes and im_push).
CREATE TABLE push_offline_stats (
  sdk_app_id bigint NOT NULL,
  day date NOT NULL,
  provider text NOT NULL,
  sent integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  invalid_tokens integer NOT NULL DEFAULT 0,
  PRIMARY KEY (sdk_app_id, day, provider)
);
