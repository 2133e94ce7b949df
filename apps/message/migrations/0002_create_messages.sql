-- Messages of C2C and group conversations, partitioned by the UTC day they were stored on
-- (ADR 0004). The roaming window is applied when reading (per app) and enforced by dropping
-- whole partitions past the longest window (see app_retention). Partitions are created ahead
-- by the service (messages_pYYYYMMDD); the default partition only catches what falls outside.
CREATE TABLE messages (
  sdk_app_id bigint NOT NULL,
  conv_id text NOT NULL,
  seq bigint NOT NULL,
  day date NOT NULL,
  -- 1 = C2C, 2 = group
  conv_type smallint NOT NULL,
  from_id text NOT NULL,
  -- the receiving user (C2C) or the group ID
  to_id text NOT NULL,
  -- message time, UNIX seconds
  msg_time bigint NOT NULL,
  -- when it was stored, epoch milliseconds (in-flight hole detection of pulls)
  stored_at bigint NOT NULL,
  random bigint NOT NULL,
  -- C2C MsgSeq of the caller (first part of the MsgKey)
  client_seq bigint NOT NULL DEFAULT 0,
  -- (sender, random) of a send, or the import identity; NULL = no de-duplication
  dedupe_key text,
  body jsonb NOT NULL,
  cloud_custom_data text,
  -- needReadReceipt, priority, atInfo, sender nick/face/name card
  extra jsonb,
  -- bit flags: 1 recalled, 2 deleted, 4 not counted as unread, 8 imported
  flags integer NOT NULL DEFAULT 0,
  -- the one user who does not see it (SyncOtherMachine 2: the sender; MsgSettings bit 0: the receiver)
  hidden_from text,
  -- UNIX seconds after which it is gone (MsgLifeTime)
  expires_at bigint,
  edited_at bigint
) PARTITION BY RANGE (day);

CREATE TABLE messages_default PARTITION OF messages DEFAULT;

CREATE INDEX messages_by_seq ON messages (sdk_app_id, conv_id, seq);
CREATE UNIQUE INDEX messages_dedupe ON messages (sdk_app_id, conv_id, dedupe_key, day);
