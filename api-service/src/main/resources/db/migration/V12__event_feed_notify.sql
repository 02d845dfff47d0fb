-- Followers of the event feed (GET /v1/events?wait_seconds=N) are woken when an event is committed instead of
-- re-reading every stratus.api.events-poll-interval: each new event (a record inserted, or a record's finish) sends a
-- NOTIFY on channel stratus_events with payload '<xid>:<project_id>', the writing transaction's id (the event's
-- started_xid or finished_xid, set by the BEFORE trigger of V10__event_feed.sql) and its project. PostgreSQL delivers
-- a NOTIFY only when its transaction commits, to every session that LISTENs (each api-service replica holds one,
-- feed.EventNotifications), and sends the same payload once per transaction. A wake-up only makes the followers of
-- that project read the feed again: what they are given is still decided by the feed's query and its horizon.
CREATE FUNCTION instance_action_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM pg_notify('stratus_events', NEW.started_xid || ':' || NEW.project_id);
    ELSE
        PERFORM pg_notify('stratus_events', NEW.finished_xid || ':' || NEW.project_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER instance_action_notify_started AFTER INSERT ON instance_action
    FOR EACH ROW EXECUTE FUNCTION instance_action_notify();
CREATE TRIGGER instance_action_notify_finished AFTER UPDATE ON instance_action
    FOR EACH ROW WHEN (OLD.finished_xid IS NULL AND NEW.finished_xid IS NOT NULL)
    EXECUTE FUNCTION instance_action_notify();
