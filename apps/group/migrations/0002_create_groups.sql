-- Groups of every app (GRP-14). `type` is the type name (built-in or a custom type of the app),
-- `base_type` the built-in type it is assembled from (storage, quota and feature switch follow
-- it). `seq` orders get_appid_group_list. Times are epoch seconds. `member_num` counts the
-- rows of group_members; room-stored types (AVChatRoom, BChatRoom) keep members in Redis.
CREATE TABLE groups (
  sdk_app_id bigint NOT NULL,
  group_id text NOT NULL CHECK (octet_length(group_id) BETWEEN 1 AND 48),
  seq bigserial NOT NULL,
  type text NOT NULL,
  base_type text NOT NULL
    CHECK (base_type IN ('Private', 'Public', 'ChatRoom', 'AVChatRoom', 'BChatRoom')),
  name text NOT NULL CHECK (octet_length(name) BETWEEN 1 AND 30),
  introduction text NOT NULL DEFAULT '' CHECK (octet_length(introduction) <= 240),
  notification text NOT NULL DEFAULT '' CHECK (octet_length(notification) <= 300),
  face_url text NOT NULL DEFAULT '' CHECK (octet_length(face_url) <= 100),
  owner_id text,
  create_time bigint NOT NULL,
  info_seq bigint NOT NULL DEFAULT 1,
  last_info_time bigint NOT NULL,
  last_msg_time bigint NOT NULL DEFAULT 0,
  next_msg_seq bigint NOT NULL DEFAULT 1 CHECK (next_msg_seq >= 1),
  member_num integer NOT NULL DEFAULT 0 CHECK (member_num >= 0),
  max_member_num integer NOT NULL DEFAULT 0 CHECK (max_member_num >= 0),
  apply_join_option text NOT NULL
    CHECK (apply_join_option IN ('FreeAccess', 'NeedPermission', 'DisableApply')),
  invite_join_option text
    CHECK (invite_join_option IN ('FreeAccess', 'NeedPermission', 'DisableInvite')),
  mute_all boolean NOT NULL DEFAULT false,
  is_active boolean NOT NULL DEFAULT true,
  custom_data jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, group_id)
);

CREATE UNIQUE INDEX groups_list_idx ON groups (sdk_app_id, seq);
CREATE INDEX groups_list_by_type_idx ON groups (sdk_app_id, type, seq);
