-- Conversation groups of a user (recentcontact/create_contact_group …): at most 20 per user,
-- ids allocated per user from 1, names unique per user.
CREATE TABLE conversation_groups (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  group_id integer NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, user_id, group_id),
  UNIQUE (sdk_app_id, user_id, name)
);

-- A user's marks and groups of one conversation (recentcontact/mark_contact, the group
-- commands); independent of `conversations` (a conversation without messages may be marked).
-- standard_mark: 64 bits, bit n = SetMark n; updated_at: epoch seconds of the last change.
CREATE TABLE conversation_marks (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  conv_id text NOT NULL,
  standard_mark bigint NOT NULL DEFAULT 0,
  custom_mark text NOT NULL DEFAULT '',
  group_ids integer[] NOT NULL DEFAULT '{}',
  updated_at bigint NOT NULL,
  PRIMARY KEY (sdk_app_id, user_id, conv_id)
);
