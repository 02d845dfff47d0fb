-- The project event feed (GET /v1/events, issue 13): each instance_action row is up to two events, "started" and
-- "finished". A follower pages with a cursor and must never miss an event, but a row's timestamps do not say when it
-- became visible: a transaction that stamped started_at at 10:00:00.1 may commit after one that stamped 10:00:00.2
-- was read, and a cursor past .2 would skip it for ever. So each event also carries the id of the transaction that
-- wrote it (set here, by a trigger, whatever the writer), and the feed returns only events of transactions older
-- than the oldest one still running (pg_snapshot_xmin of the reading statement's snapshot): every transaction below
-- that horizon has ended, so no event can appear behind a cursor. Events are ordered by (xid, time, id, phase).
-- Rows written before this migration count as transaction 0 (ordered by their times, before every new one).
ALTER TABLE instance_action ADD COLUMN started_xid  BIGINT NOT NULL DEFAULT 0;
ALTER TABLE instance_action ADD COLUMN finished_xid BIGINT;
UPDATE instance_action SET finished_xid = 0 WHERE finished_at IS NOT NULL;

CREATE FUNCTION instance_action_event_xids() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.started_xid := pg_current_xact_id()::text::bigint;
        IF NEW.finished_at IS NOT NULL THEN
            NEW.finished_xid := NEW.started_xid;
        END IF;
    ELSIF OLD.finished_at IS NULL AND NEW.finished_at IS NOT NULL THEN
        NEW.finished_xid := pg_current_xact_id()::text::bigint;
    ELSE
        NEW.started_xid := OLD.started_xid;
        NEW.finished_xid := OLD.finished_xid;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER instance_action_event_xids BEFORE INSERT OR UPDATE ON instance_action
    FOR EACH ROW EXECUTE FUNCTION instance_action_event_xids();

-- One index per phase, in the feed's order within a project, so a page is an index range that stops at its limit.
CREATE INDEX instance_action_started_feed ON instance_action (project_id, started_xid, started_at, id);
CREATE INDEX instance_action_finished_feed ON instance_action (project_id, finished_xid, finished_at, id)
    WHERE finished_xid IS NOT NULL;
