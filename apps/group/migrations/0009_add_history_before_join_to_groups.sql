-- HistoryMsgBeforeJoin of modify_group_base_info: whether members joining later read the
-- messages sent before they joined. NULL: the group type's default (Table 7-1 T16).
ALTER TABLE groups ADD COLUMN history_before_join boolean;
