-- clear_group_msg: a group's messages up to clear_seq are left out of its members' history
-- (pulls, gap-fills); the App admin still reads them (group_msg_get_simple). Only grows.
ALTER TABLE group_lines ADD COLUMN clear_seq bigint NOT NULL DEFAULT 0;
