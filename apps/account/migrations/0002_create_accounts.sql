-- Accounts of every app. NULL nick/face_url = never set (an import without them keeps what
-- an earlier import set). sig_revoked_before: UserSigs issued (TLS.time) before this UNIX
-- second no longer log in (kick).
CREATE TABLE accounts (
  sdk_app_id bigint NOT NULL REFERENCES apps (sdk_app_id),
  user_id text NOT NULL CHECK (octet_length(user_id) BETWEEN 1 AND 32),
  nick text CHECK (octet_length(nick) <= 500),
  face_url text CHECK (octet_length(face_url) <= 500),
  type smallint NOT NULL DEFAULT 0 CHECK (type IN (0, 1)),
  sig_revoked_before bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sdk_app_id, user_id)
);
