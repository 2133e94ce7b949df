-- im_cos_msg/forbid_illegal_object marks an upload forbidden: its download links answer 95009
-- until allow_banned_object clears the mark; a get_cos_sig link (readsForbidden) still reads it.
ALTER TABLE media_objects ADD COLUMN forbidden_at timestamptz;
