-- Community topics (million_group_open_http_svc create/get/modify/destroy_topic, import_topic):
-- a Community created with SupportTopic 1 holds topics `<GroupId>@TOPIC#_...`, each its own
-- message line (the message service keeps it as a group line keyed by the topic ID, so seqs,
-- unread and roaming are per topic). Destroying the group removes its topics.
ALTER TABLE groups DROP CONSTRAINT groups_base_type_check;
ALTER TABLE groups ADD CONSTRAINT groups_base_type_check
  CHECK (base_type IN ('Private', 'Public', 'ChatRoom', 'AVChatRoom', 'BChatRoom', 'Community'));
ALTER TABLE groups ADD COLUMN support_topic boolean NOT NULL DEFAULT false;

CREATE TABLE group_topics (
  sdk_app_id bigint NOT NULL,
  group_id text NOT NULL,
  topic_id text NOT NULL,
  name text NOT NULL,
  introduction text NOT NULL DEFAULT '',
  notification text NOT NULL DEFAULT '',
  face_url text NOT NULL DEFAULT '',
  custom_string text NOT NULL DEFAULT '',
  owner_id text NOT NULL DEFAULT '',
  create_time bigint NOT NULL,
  last_msg_time bigint NOT NULL DEFAULT 0,
  next_msg_seq bigint NOT NULL DEFAULT 1,
  mute_all boolean NOT NULL DEFAULT false,
  PRIMARY KEY (sdk_app_id, topic_id),
  FOREIGN KEY (sdk_app_id, group_id) REFERENCES groups (sdk_app_id, group_id) ON DELETE CASCADE
);

CREATE INDEX group_topics_by_group ON group_topics (sdk_app_id, group_id, create_time, topic_id);
