-- Message extensions (openim_msg_ext_http_svc/*, client msg.set-extensions): key/values of a
-- message. message_extension_heads holds a message's extension version (bumped once per write
-- that changes something) and the version of its last clear; each key keeps the version that
-- wrote it (compare-and-set, pulls from a version on).
CREATE TABLE message_extension_heads (
  sdk_app_id bigint NOT NULL,
  conv_id text NOT NULL,
  seq bigint NOT NULL,
  latest_seq bigint NOT NULL DEFAULT 0,
  clear_seq bigint NOT NULL DEFAULT 0,
  -- UNIX seconds of the last change (pruned with the roaming window)
  changed_at bigint NOT NULL,
  PRIMARY KEY (sdk_app_id, conv_id, seq)
);

CREATE TABLE message_extensions (
  sdk_app_id bigint NOT NULL,
  conv_id text NOT NULL,
  seq bigint NOT NULL,
  key text NOT NULL,
  value text NOT NULL,
  ext_seq bigint NOT NULL,
  PRIMARY KEY (sdk_app_id, conv_id, seq, key)
);

CREATE INDEX message_extension_heads_by_time ON message_extension_heads (changed_at);
