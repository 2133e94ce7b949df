-- A conversation pinned to the top of its user's list (client command conv.pin): when, in
-- epoch ms; NULL = not pinned. recentcontact/get_list answers pinned conversations first.
ALTER TABLE conversations ADD COLUMN pinned_at bigint;
