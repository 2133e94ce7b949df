-- Notification data is kept as json, not jsonb: jsonb refuses strings holding U+0000, which a
-- profile or friend field may carry (the consumer would then fail on that fact for ever).
ALTER TABLE notifications ALTER COLUMN data TYPE json USING data::json;
