-- The app registry: one row per tenant (SDKAppID). IDs are never reused: apps are disabled,
-- not deleted.
CREATE SEQUENCE apps_sdk_app_id_seq AS bigint START 1400000000 MINVALUE 1 MAXVALUE 4294967295;

CREATE TABLE apps (
  sdk_app_id bigint PRIMARY KEY CHECK (sdk_app_id BETWEEN 1 AND 4294967295),
  name text NOT NULL CHECK (octet_length(name) BETWEEN 1 AND 100),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  secret_key text NOT NULL CHECK (secret_key ~ '^[0-9a-f]{64}$'),
  key_version integer NOT NULL DEFAULT 1,
  admin_identifiers text[] NOT NULL DEFAULT ARRAY['administrator'],
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
