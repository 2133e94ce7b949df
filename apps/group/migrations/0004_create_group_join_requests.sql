-- Pending applications to NeedPermission groups (GRP-48); one per applicant and group.
CREATE TABLE group_join_requests (
  sdk_app_id bigint NOT NULL,
  group_id text NOT NULL,
  applicant_id text NOT NULL,
  message text NOT NULL DEFAULT '',
  created_at bigint NOT NULL,
  PRIMARY KEY (sdk_app_id, group_id, applicant_id),
  FOREIGN KEY (sdk_app_id, group_id) REFERENCES groups (sdk_app_id, group_id) ON DELETE CASCADE
);
