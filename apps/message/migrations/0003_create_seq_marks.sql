-- The durable high-water mark of each conversation's seq (ADR 0004): Redis hands out seqs
-- up to it, and it is raised in blocks before Redis may go beyond. After Redis lost a counter
-- the counter restarts from here: numbers may be skipped, never reused.
CREATE TABLE seq_marks (
  sdk_app_id bigint NOT NULL,
  conv_id text NOT NULL,
  high_water bigint NOT NULL,
  PRIMARY KEY (sdk_app_id, conv_id)
);
