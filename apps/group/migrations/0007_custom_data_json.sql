-- Custom group and member fields are json, not jsonb: jsonb refuses a value holding U+0000,
-- which an app may legitimately store in a custom field. json keeps the text as written; the
-- service reads and writes the whole object and never queries inside it.
ALTER TABLE groups
  ALTER COLUMN custom_data DROP DEFAULT,
  ALTER COLUMN custom_data TYPE json USING custom_data::json,
  ALTER COLUMN custom_data SET DEFAULT '{}'::json;

ALTER TABLE group_members
  ALTER COLUMN custom_data DROP DEFAULT,
  ALTER COLUMN custom_data TYPE json USING custom_data::json,
  ALTER COLUMN custom_data SET DEFAULT '{}'::json;
