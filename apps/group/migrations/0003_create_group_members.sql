-- Members of table-stored groups (Private, Public, ChatRoom and custom types over them).
-- msg_seq: the member's read seq; mute_until: epoch seconds (0 = not muted, 4294967295 =
-- permanent); custom_data: member custom fields.
-- No foreign key to groups, on purpose: an insert would share-lock the group row, and joins
-- must lock it only for the seat count (groups.member_num) and the commit. Dismissing a group
-- deletes its members itself; a join that races a dismissal finds no row to count and rolls back.
CREATE TABLE group_members (
  sdk_app_id bigint NOT NULL,
  group_id text NOT NULL,
  user_id text NOT NULL CHECK (octet_length(user_id) BETWEEN 1 AND 32),
  role text NOT NULL CHECK (role IN ('Owner', 'Admin', 'Member')),
  join_time bigint NOT NULL,
  msg_seq bigint NOT NULL DEFAULT 0,
  msg_flag text NOT NULL CHECK (msg_flag IN ('AcceptAndNotify', 'AcceptNotNotify', 'Discard')),
  last_send_msg_time bigint NOT NULL DEFAULT 0,
  name_card text NOT NULL DEFAULT '' CHECK (octet_length(name_card) <= 50),
  mute_until bigint NOT NULL DEFAULT 0,
  custom_data jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (sdk_app_id, group_id, user_id)
);

-- A user's groups (get_joined_group_list, the per-user quota, account deletion).
CREATE INDEX group_members_user_idx ON group_members (sdk_app_id, user_id);
-- Member lists in join order.
CREATE INDEX group_members_join_order_idx ON group_members (sdk_app_id, group_id, join_time, user_id);
-- Muted members.
CREATE INDEX group_members_muted_idx ON group_members (sdk_app_id, group_id) WHERE mute_until > 0;
