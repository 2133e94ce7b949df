-- Console operators (docs/console.md): platform-wide, not per app, so these tables have no
-- sdk_app_id. Passwords are stored only as scrypt hashes; sessions and CSRF tokens only as
-- SHA-256 hashes, so a copy of the database opens no session.
CREATE TABLE operators (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE operator_sessions (
  token_hash text PRIMARY KEY,
  operator_id bigint NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
  csrf_hash text NOT NULL,
  client_ip text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX operator_sessions_expires_at ON operator_sessions (expires_at);

-- Failed logins, counted per name and per address over a sliding window (the throttle).
CREATE TABLE operator_login_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL,
  client_ip text,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX operator_login_failures_username ON operator_login_failures (username, failed_at);
CREATE INDEX operator_login_failures_client_ip ON operator_login_failures (client_ip, failed_at);

-- Every console write (who, what, when), written in the transaction of the change itself.
CREATE TABLE operator_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  operator text NOT NULL,
  action text NOT NULL,
  target text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  client_ip text
);
CREATE INDEX operator_audit_at ON operator_audit (at DESC, id DESC);
