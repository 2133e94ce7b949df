-- Official accounts (official_account_open_http_svc, docs/adr/0005-official-accounts.md): an
-- account `@TOA#_...` owned by an imported user, and its subscribers. subscriber_num is kept in
-- the account row, changed under that row's lock together with the subscriber rows, so the
-- MaxSubscriberNum cap holds under concurrent add_subscriber calls.
CREATE TABLE official_accounts (
  sdk_app_id bigint NOT NULL,
  official_account_id text NOT NULL,
  owner_account text NOT NULL,
  name text NOT NULL,
  introduction text NOT NULL DEFAULT '',
  face_url text NOT NULL DEFAULT '',
  organization text NOT NULL DEFAULT '',
  custom_string text NOT NULL DEFAULT '',
  max_subscriber_num integer NOT NULL,
  subscriber_num integer NOT NULL DEFAULT 0,
  create_time bigint NOT NULL,
  last_msg_time bigint NOT NULL DEFAULT 0,
  -- the message line of the account (the message service stores it as a group line)
  next_msg_seq bigint NOT NULL DEFAULT 1,
  PRIMARY KEY (sdk_app_id, official_account_id)
);

CREATE TABLE official_account_subscribers (
  sdk_app_id bigint NOT NULL,
  official_account_id text NOT NULL,
  user_id text NOT NULL,
  subscribe_time bigint NOT NULL,
  custom_string text NOT NULL DEFAULT '',
  msg_flag text NOT NULL DEFAULT 'AcceptAndNotify',
  last_send_msg_time bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (sdk_app_id, official_account_id, user_id),
  FOREIGN KEY (sdk_app_id, official_account_id)
    REFERENCES official_accounts (sdk_app_id, official_account_id) ON DELETE CASCADE
);

-- get_subscribed_official_account_list: a user's subscriptions, oldest first.
CREATE INDEX official_account_subscribers_by_user
  ON official_account_subscribers (sdk_app_id, user_id, subscribe_time, official_account_id);
