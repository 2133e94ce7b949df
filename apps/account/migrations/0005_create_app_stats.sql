-- Per-app, per-UTC-day statistics (openconfigsvr/getappinfo, the console), fed by the
-- platform's events (docs/app-stats.md). One row per counter: `field` is the statistic's
-- name as Tencent spells it (UpMsgNum, ...); distinct counts keep their members below.
CREATE TABLE app_stats_daily (
  sdk_app_id bigint NOT NULL,
  day date NOT NULL,
  field text NOT NULL CHECK (octet_length(field) <= 64),
  value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (sdk_app_id, day, field)
);

-- Who was counted once for a day by a distinct count (ActiveUserNum, LoginUserNum,
-- SendMsgUserNum, ..., GroupSendMsgGroupNum): a user ID or a group ID. Kept 32 days.
CREATE TABLE app_stats_distinct (
  sdk_app_id bigint NOT NULL,
  day date NOT NULL,
  field text NOT NULL CHECK (octet_length(field) <= 64),
  member text NOT NULL CHECK (octet_length(member) <= 128),
  PRIMARY KEY (sdk_app_id, day, field, member)
);

-- Sessions reported open (conn.evt.session-opened, not yet closed): the online gauge behind
-- MaxOnlineNum. A sampler drops the ones presence no longer knows (a gateway that died).
CREATE TABLE app_stats_online (
  sdk_app_id bigint NOT NULL,
  conn_id text NOT NULL CHECK (octet_length(conn_id) <= 128),
  user_id text NOT NULL CHECK (octet_length(user_id) <= 32),
  opened_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, conn_id)
);
CREATE INDEX app_stats_online_user ON app_stats_online (sdk_app_id, user_id);

-- Registrations per day are read from accounts.created_at.
CREATE INDEX accounts_created ON accounts (sdk_app_id, created_at);
