-- Handled events now live in the platform's consumed_events table (created by the platform's
-- consumed-events migrations, which run before these). The rows come along, so an event
-- handled before the upgrade is not handled again after it.
INSERT INTO consumed_events (sdk_app_id, consumer, event_id, consumed_at)
  SELECT sdk_app_id, consumer, event_id, consumed_at FROM push_consumed_events
  ON CONFLICT DO NOTHING;
DROP TABLE push_consumed_events;
