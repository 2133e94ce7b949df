-- Hourly message archives (open_msg_svc/get_history): the gzip'd JSON-lines files of one app,
-- chat type and hour of message time, built on the first request after the hour ended and
-- rebuilt when the hour's messages changed since (fingerprint). Parts are bounded in size
-- (MESSAGE_ARCHIVE_FILE_BYTES); rows past the archive retention are removed by maintenance.
CREATE TABLE message_archive_files (
  sdk_app_id bigint NOT NULL,
  -- 1 = C2C, 2 = group (as messages.conv_type)
  conv_type smallint NOT NULL,
  -- start of the hour, UNIX seconds
  hour bigint NOT NULL,
  part integer NOT NULL,
  -- when this build was made, epoch ms; download links name it
  generation bigint NOT NULL,
  -- count / newest store / newest edit of the hour's messages at build time
  fingerprint text NOT NULL,
  file_size integer NOT NULL,
  file_md5 text NOT NULL,
  gzip_size integer NOT NULL,
  gzip_md5 text NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (sdk_app_id, conv_type, hour, part)
);

-- gzip data does not compress further; uncompressed out-of-line storage lets a download read
-- a range of a file without detoasting all of it.
ALTER TABLE message_archive_files ALTER COLUMN data SET STORAGE EXTERNAL;

-- The messages of one app, chat type and hour of message time (archive builds).
CREATE INDEX messages_by_app_time ON messages (sdk_app_id, conv_type, msg_time);
