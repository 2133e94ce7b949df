-- A group's message line, once per group (never a write per member per message).
CREATE TABLE group_lines (
  sdk_app_id bigint NOT NULL,
  conv_id text NOT NULL,
  group_id text NOT NULL,
  last_seq bigint NOT NULL DEFAULT 0,
  -- the last message shown in conversation lists (NoLastMsg messages do not move it)
  last_msg_seq bigint NOT NULL DEFAULT 0,
  last_time bigint NOT NULL DEFAULT 0,
  -- messages stored that count as unread (not NoUnread, not imported)
  counted_total bigint NOT NULL DEFAULT 0,
  unread_supported boolean NOT NULL DEFAULT true,
  version bigint NOT NULL,
  PRIMARY KEY (sdk_app_id, conv_id)
);

-- A user's conversation: C2C rows carry the whole state; group rows the member's read
-- position (the rest comes from group_lines). version: micro-seconds of the last change.
CREATE TABLE conversations (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  conv_id text NOT NULL,
  -- 1 = C2C, 2 = group
  conv_type smallint NOT NULL,
  peer text NOT NULL,
  -- C2C only: last seq visible to the user, last shown message, its time, unread count
  last_seq bigint NOT NULL DEFAULT 0,
  last_msg_seq bigint NOT NULL DEFAULT 0,
  last_time bigint NOT NULL DEFAULT 0,
  unread integer NOT NULL DEFAULT 0,
  read_seq bigint NOT NULL DEFAULT 0,
  -- group only: group_lines.counted_total at the read position
  counted_at_read bigint NOT NULL DEFAULT 0,
  is_deleted boolean NOT NULL DEFAULT false,
  -- group only: a deleted conversation comes back when a message beyond this arrives
  deleted_seq bigint NOT NULL DEFAULT 0,
  -- messages up to this seq are hidden from the user (recentcontact/delete ClearRamble)
  clear_seq bigint NOT NULL DEFAULT 0,
  version bigint NOT NULL,
  PRIMARY KEY (sdk_app_id, user_id, conv_id)
);

CREATE INDEX conversations_by_conv ON conversations (sdk_app_id, conv_id);
