-- Creation quotas per app (GRP-39, AMB-11): net groups created on `day` (UTC; every
-- dismissal subtracts), groups that exist, BChatRoom groups that exist. The row is locked by
-- each creation and dismissal, so the counts stay exact under concurrency.
CREATE TABLE group_app_quotas (
  sdk_app_id bigint PRIMARY KEY,
  day date NOT NULL,
  day_net integer NOT NULL DEFAULT 0,
  total bigint NOT NULL DEFAULT 0 CHECK (total >= 0),
  bchatrooms integer NOT NULL DEFAULT 0 CHECK (bchatrooms >= 0)
);
