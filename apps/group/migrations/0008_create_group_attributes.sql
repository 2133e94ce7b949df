-- Group attributes (set/modify/clear/delete_group_attr, get_group_attr): one row per group
-- that has any, the whole key → value object (at most 16 keys, 16 KB). json, not jsonb, for
-- the reason of migration 0007 (a value may hold U+0000); the service reads and writes the
-- whole object under the group row's lock and never queries inside it. The attributes go
-- with their group: a dismissed group's row is deleted with it, so a new group that reuses
-- the ID starts without attributes.
CREATE TABLE group_attributes (
  sdk_app_id bigint NOT NULL,
  group_id text NOT NULL,
  attrs json NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (sdk_app_id, group_id),
  FOREIGN KEY (sdk_app_id, group_id) REFERENCES groups (sdk_app_id, group_id) ON DELETE CASCADE
);
