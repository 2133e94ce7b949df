-- The outbox keeps events as json, not jsonb: jsonb refuses strings holding U+0000, which
-- users may send (a message body, a custom field). json keeps the text exactly as written.
ALTER TABLE outbox_events
  ALTER COLUMN event TYPE json USING event::json,
  ALTER COLUMN context TYPE json USING context::json;
