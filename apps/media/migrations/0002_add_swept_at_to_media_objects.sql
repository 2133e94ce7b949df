-- The retention sweeper (media-retention.service.ts) claims a row (swept_at) before it deletes the
-- row's objects from the store, then deletes the row; a claim older than 10 minutes (a crashed
-- sweeper, a store that failed) is taken again. attached_at is the time of the latest stored
-- message naming the upload; media of messages past the app's roaming window go by it.
ALTER TABLE media_objects ADD COLUMN swept_at timestamptz;
CREATE INDEX media_objects_attached ON media_objects (sdk_app_id, attached_at)
  WHERE attached_at IS NOT NULL;
