-- Global mute (openconfigsvr/setnospeaking, getnospeaking): for each muted account, until when
-- its C2C and its group messages are refused, in epoch seconds (0 = not muted; 2^53 - 1 =
-- permanent). Only accounts ever muted have a row; it goes with its account.
CREATE TABLE account_no_speaking (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  c2c_until bigint NOT NULL DEFAULT 0 CHECK (c2c_until >= 0),
  group_until bigint NOT NULL DEFAULT 0 CHECK (group_until >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, user_id),
  FOREIGN KEY (sdk_app_id, user_id) REFERENCES accounts (sdk_app_id, user_id) ON DELETE CASCADE
);
