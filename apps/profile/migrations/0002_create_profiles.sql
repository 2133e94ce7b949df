-- One row per account that has a profile. A field that was never set is NULL and reads as
-- its default (README). Integers are uint32 (0 .. 2^32-1) in bigint columns.
-- location is opaque bytes (up to 16, AMB-22: may hold four big-endian uint32, NUL included).
-- custom: the app's custom fields, {"Tag_Profile_Custom_X": "value"}; a value holding U+0000
-- (which jsonb cannot store) is kept as {"b64": "<base64 of its UTF-8>"}.
-- nick_set_at / image_set_at: when the field was last written, by portrait_set or by an
-- account import (the import's time); an import older than the last write does not overwrite.
-- created_at: since when the account is known to exist (the import's time, or when
-- portrait_set confirmed the account); an account deletion removes only rows older than it.
CREATE TABLE profiles (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL CHECK (octet_length(user_id) BETWEEN 1 AND 32),
  nick text CHECK (octet_length(nick) <= 500),
  gender text CHECK (gender IN ('Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male')),
  birth_day bigint CHECK (birth_day BETWEEN 0 AND 4294967295),
  location bytea CHECK (octet_length(location) <= 16),
  self_signature text CHECK (octet_length(self_signature) <= 500),
  allow_type text CHECK (
    allow_type IN ('AllowType_Type_NeedConfirm', 'AllowType_Type_AllowAny', 'AllowType_Type_DenyAny')
  ),
  language bigint CHECK (language BETWEEN 0 AND 4294967295),
  image text CHECK (octet_length(image) <= 500),
  msg_settings bigint CHECK (msg_settings BETWEEN 0 AND 4294967295),
  admin_forbid_type text CHECK (
    admin_forbid_type IN ('AdminForbid_Type_None', 'AdminForbid_Type_SendOut')
  ),
  level bigint CHECK (level BETWEEN 0 AND 4294967295),
  role bigint CHECK (role BETWEEN 0 AND 4294967295),
  custom jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(custom) = 'object'),
  nick_set_at timestamptz,
  image_set_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, user_id)
);

-- When an account was last deleted (from account.evt.deleted): an import event older than
-- the deletion (a redelivery) is ignored, and so is a write that confirmed the account before
-- it. Kept 8 days (longer than the account event stream keeps events), then purged.
CREATE TABLE profile_tombstones (
  sdk_app_id bigint NOT NULL,
  user_id text NOT NULL,
  deleted_at timestamptz NOT NULL,
  PRIMARY KEY (sdk_app_id, user_id)
);
