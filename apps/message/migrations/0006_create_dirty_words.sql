-- Sensitive words per app (openim_dirty_words, AMB-43).
CREATE TABLE dirty_words (
  sdk_app_id bigint NOT NULL,
  word text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, word)
);

-- The roaming window of each app seen by the service: old partitions are dropped only past
-- the longest one.
CREATE TABLE app_retention (
  sdk_app_id bigint NOT NULL PRIMARY KEY,
  roaming_days integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
