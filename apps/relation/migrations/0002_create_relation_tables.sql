-- One row per user who has relation data: the lock every change of the user's lists takes
-- (SELECT ... FOR UPDATE, users in a fixed order) and the user's sequences. `sequence` counts
-- every change; the others hold its value at the last change of their part (friend_get,
-- group_get, black_list_get).
CREATE TABLE relation_users (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  sequence bigint NOT NULL DEFAULT 0,
  standard_sequence bigint NOT NULL DEFAULT 0,
  custom_sequence bigint NOT NULL DEFAULT 0,
  list_sequence bigint NOT NULL DEFAULT 0,
  blacklist_sequence bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (sdk_app_id, user_id)
);

-- One row per direction (REL-2): user_id has friend_id in their table. `sequence`: the
-- owner's sequence of the change that last wrote the row (incremental pull, AMB-30).
CREATE TABLE friends (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  friend_id text NOT NULL,
  remark text NOT NULL DEFAULT '' CHECK (octet_length(remark) <= 96),
  remark_time bigint NOT NULL DEFAULT 0,
  groups text[] NOT NULL DEFAULT '{}',
  add_source text NOT NULL DEFAULT '',
  add_wording text NOT NULL DEFAULT '' CHECK (octet_length(add_wording) <= 256),
  add_time bigint NOT NULL,
  custom jsonb NOT NULL DEFAULT '{}'::jsonb,
  sequence bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, user_id, friend_id),
  CHECK (user_id <> friend_id)
);
CREATE INDEX friends_by_friend ON friends (sdk_app_id, friend_id);
CREATE INDEX friends_in_order ON friends (sdk_app_id, user_id, created_at, friend_id);
CREATE INDEX friends_by_sequence ON friends (sdk_app_id, user_id, sequence);

-- Directions deleted, with the owner's sequence of the deletion (incremental pull, AMB-30);
-- a row goes when the friendship comes back.
CREATE TABLE friend_tombstones (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  friend_id text NOT NULL,
  sequence bigint NOT NULL,
  PRIMARY KEY (sdk_app_id, user_id, friend_id)
);
CREATE INDEX friend_tombstones_by_sequence ON friend_tombstones (sdk_app_id, user_id, sequence);

-- Named friend lists ("groups", REL-6): at most 32 per user, IDs 1..32.
CREATE TABLE friend_lists (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  name text NOT NULL CHECK (octet_length(name) BETWEEN 1 AND 30),
  list_id smallint NOT NULL CHECK (list_id BETWEEN 1 AND 32),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (sdk_app_id, user_id, name),
  UNIQUE (sdk_app_id, user_id, list_id)
);

-- user_id blocks blocked_id (REL-35 ... REL-38).
CREATE TABLE blacklist (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  blocked_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (sdk_app_id, user_id, blocked_id),
  CHECK (user_id <> blocked_id)
);
CREATE INDEX blacklist_by_blocked ON blacklist (sdk_app_id, blocked_id);
CREATE INDEX blacklist_in_order ON blacklist (sdk_app_id, user_id, created_at, blocked_id);

-- Pending requests of two-round adds (REL-13, REL-22): one per ordered pair, kept until
-- handled or expires_at (the app's TTL when it was made; AMB-29).
CREATE TABLE friend_requests (
  sdk_app_id bigint NOT NULL,
  from_user_id text NOT NULL,
  to_user_id text NOT NULL,
  add_type text NOT NULL CHECK (add_type IN ('single', 'both')),
  add_source text NOT NULL,
  add_wording text NOT NULL DEFAULT '',
  remark text NOT NULL DEFAULT '',
  group_name text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (sdk_app_id, from_user_id, to_user_id),
  CHECK (from_user_id <> to_user_id)
);
CREATE INDEX friend_requests_to ON friend_requests (sdk_app_id, to_user_id, created_at);
CREATE INDEX friend_requests_expiry ON friend_requests (expires_at);

-- The recommendation buffer the app reads and writes (REL-41, AMB-34).
CREATE TABLE recommendations (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  recommended_id text NOT NULL,
  note text NOT NULL DEFAULT '' CHECK (octet_length(note) <= 500),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (sdk_app_id, user_id, recommended_id)
);
CREATE INDEX recommendations_by_recommended ON recommendations (sdk_app_id, recommended_id);

-- Events of other services already handled (consumers are idempotent by eventId).
CREATE TABLE consumed_events (
  sdk_app_id bigint NOT NULL,
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  consumed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, consumer, event_id)
);
CREATE INDEX consumed_events_age ON consumed_events (consumed_at);
