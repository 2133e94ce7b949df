-- Cloud keyword libraries of an app (im_msg_audit_mgr/*_cloud_audit_keywords*): one default
-- library per app, created on first use. The "local" keyword list is `dirty_words`.
CREATE TABLE audit_keyword_libs (
  sdk_app_id bigint NOT NULL,
  lib_id text NOT NULL,
  lib_name text NOT NULL,
  describe text NOT NULL DEFAULT '',
  suggestion text NOT NULL DEFAULT 'Block',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, lib_id)
);

CREATE TABLE audit_keywords (
  sdk_app_id bigint NOT NULL,
  lib_id text NOT NULL,
  keyword_id bigserial NOT NULL,
  content text NOT NULL,
  label text NOT NULL DEFAULT 'Custom',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, keyword_id),
  UNIQUE (sdk_app_id, lib_id, content)
);
