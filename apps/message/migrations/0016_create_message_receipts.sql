-- Read receipts (openim/c2c_msg_read_receipt, group_msg_receipt, client msg.send-receipt): who
-- read which message, when. A message's read count is a count of its rows; its unread members
-- are the group's members (sender left out) without a row. Dropped with the roaming window.
CREATE TABLE message_receipts (
  sdk_app_id bigint NOT NULL,
  conv_id text NOT NULL,
  seq bigint NOT NULL,
  user_id text NOT NULL,
  -- UNIX seconds
  read_at bigint NOT NULL,
  PRIMARY KEY (sdk_app_id, conv_id, seq, user_id)
);

CREATE INDEX message_receipts_by_time ON message_receipts (read_at);
