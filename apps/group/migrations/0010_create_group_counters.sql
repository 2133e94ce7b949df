-- Group counters (update/get/delete_group_counter): one row per group that has any, the whole
-- list of { key, value } (at most 20, integer values). The service reads and writes the list
-- under the group row's lock, so increase/decrease are exact under concurrency. The counters
-- go with their group (a dismissed group's row is deleted with it).
CREATE TABLE group_counters (
  sdk_app_id bigint NOT NULL,
  group_id text NOT NULL,
  counters json NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (sdk_app_id, group_id),
  FOREIGN KEY (sdk_app_id, group_id) REFERENCES groups (sdk_app_id, group_id) ON DELETE CASCADE
);
