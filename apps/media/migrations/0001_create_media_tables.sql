-- One row per upload: who uploaded what, its renditions and their sizes. The bytes are in the
-- store under <sdk_app_id>/<uuid>/<rendition>. The row is written after every rendition is
-- stored, so a row always names complete objects; attached_at stays null until a message
-- carries the upload (the retention sweeper deletes unattached uploads after 24 h — later step).
CREATE TABLE media_objects (
  sdk_app_id bigint NOT NULL,
  uuid text NOT NULL CHECK (uuid ~ '^[0-9a-f]{32}$'),
  kind text NOT NULL CHECK (kind IN ('image', 'file', 'sound', 'video')),
  owner_id text NOT NULL,
  content_type text NOT NULL CHECK (octet_length(content_type) <= 100),
  file_name text NOT NULL DEFAULT '' CHECK (octet_length(file_name) <= 200),
  total_bytes bigint NOT NULL CHECK (total_bytes >= 0),
  -- [{ "rendition": "original" | "large" | "thumbnail", "size", "width"?, "height"? }]
  renditions jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attached_at timestamptz,
  PRIMARY KEY (sdk_app_id, uuid)
);
CREATE INDEX media_objects_unattached ON media_objects (created_at) WHERE attached_at IS NULL;

-- Bytes an app keeps (all renditions) against its quota. Uploads reserve their declared size
-- before a byte is stored and settle to what was stored at the end (released when refused).
CREATE TABLE media_usage (
  sdk_app_id bigint PRIMARY KEY,
  bytes_used bigint NOT NULL DEFAULT 0 CHECK (bytes_used >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
