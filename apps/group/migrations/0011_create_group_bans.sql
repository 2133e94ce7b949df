-- Member bans (ban_group_member, unban_group_member, get_group_ban_member): who is kept out of a
-- group until when. A ban is in force while banned_until > now; expired rows are ignored and
-- replaced by the next ban of the same account. Bans go with their group.
CREATE TABLE group_bans (
  sdk_app_id bigint NOT NULL,
  group_id text NOT NULL,
  user_id text NOT NULL,
  banned_until bigint NOT NULL,
  description text NOT NULL,
  banned_at bigint NOT NULL,
  PRIMARY KEY (sdk_app_id, group_id, user_id),
  FOREIGN KEY (sdk_app_id, group_id) REFERENCES groups (sdk_app_id, group_id) ON DELETE CASCADE
);
CREATE INDEX group_bans_page ON group_bans (sdk_app_id, group_id, banned_at, user_id);
