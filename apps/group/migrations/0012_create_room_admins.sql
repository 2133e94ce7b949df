-- Live-room administrators (group_open_avchatroom_http_svc/modify_admin, get_admin_list): at
-- most 5 per AVChatRoom, kept whether or not the account is in the room (its Redis member set
-- comes and goes); such an account is an Admin of the room while it is in it. They go with
-- their group.
CREATE TABLE group_room_admins (
  sdk_app_id bigint NOT NULL,
  group_id text NOT NULL,
  user_id text NOT NULL,
  added_at bigint NOT NULL,
  PRIMARY KEY (sdk_app_id, group_id, user_id),
  FOREIGN KEY (sdk_app_id, group_id) REFERENCES groups (sdk_app_id, group_id) ON DELETE CASCADE
);
