package dev.stratus.api.feed;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads one page of a project's event feed from the action history ({@code instance_action}): each record's
 * started event, and its finished event once it has one, after a cursor, in the feed's order. One statement in
 * autocommit, so no transaction outlives the read.
 *
 * <p>Only events of transactions below the statement's snapshot horizon ({@code pg_snapshot_xmin}: every older
 * transaction has ended) are returned, so an event cannot appear later behind a cursor already handed out (see
 * V10__event_feed.sql). The price: while a write transaction is open anywhere in the database, newer events wait
 * for it to end (delayed, never lost).
 */
@ApplicationScoped
public class EventFeed {
    private static final String COLUMNS = "a.id, a.instance_id, a.action, a.request_id, a.user_id";
    /** Started events after the cursor's position (a started event is never at the same place as the cursor's). */
    private static final String STARTED = "(SELECT a.started_xid AS event_xid, a.started_at AS event_at, 0 AS phase, "
            + COLUMNS + ", NULL AS result, NULL AS message FROM api.instance_action a WHERE a.project_id = ?"
            + " AND a.started_xid < (SELECT xmin FROM horizon) AND (a.started_xid, a.started_at, a.id) > (?, ?, ?)"
            + " ORDER BY a.started_xid, a.started_at, a.id LIMIT ?)";
    /** Finished events after the cursor: {@code op} is >= after a started cursor (its record's finish is after). */
    private static final String FINISHED = "(SELECT a.finished_xid, a.finished_at, 1, " + COLUMNS
            + ", a.result, a.message FROM api.instance_action a WHERE a.project_id = ? AND a.finished_xid IS NOT NULL"
            + " AND a.finished_xid < (SELECT xmin FROM horizon) AND (a.finished_xid, a.finished_at, a.id) %s (?, ?, ?)"
            + " ORDER BY a.finished_xid, a.finished_at, a.id LIMIT ?)";
    /** The page, and the horizon with it: one row of nulls but the horizon when the page is empty. */
    private static final String PAGE = "WITH horizon AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot())"
            + "::text::bigint AS xmin), page AS (" + STARTED + " UNION ALL " + FINISHED
            + " ORDER BY event_xid, event_at, id, phase LIMIT ?) SELECT h.xmin AS horizon, p.* FROM horizon h"
            + " LEFT JOIN page p ON true ORDER BY p.event_xid, p.event_at, p.id, p.phase";
    private static final String AFTER_STARTED = PAGE.formatted(">=");
    private static final String AFTER_FINISHED = PAGE.formatted(">");

    @Inject
    AgroalDataSource database;

    /**
     * One read: a page and the horizon it was read under (every transaction below it had ended, so every event of
     * such a transaction after the cursor is in the page or a later one; events of newer ones wait).
     */
    public record Read(EventPage page, long horizon) {
    }

    /** Up to {@code limit} events of {@code projectId} after {@code since}, oldest first, and the horizon. */
    public Read read(String projectId, EventCursor since, int limit) {
        String sql = since.phase() == EventPhase.STARTED ? AFTER_STARTED : AFTER_FINISHED;
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            int p = 1;
            for (int branch = 0; branch < 2; branch++) {
                statement.setString(p++, projectId);
                statement.setLong(p++, since.xid());
                statement.setObject(p++, since.at());
                statement.setObject(p++, since.recordId());
                statement.setInt(p++, limit);
            }
            statement.setInt(p, limit);
            List<EventView> events = new ArrayList<>();
            EventCursor last = since;
            long horizon = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    horizon = rows.getLong("horizon");
                    if (rows.getObject("id") == null) {
                        break; // the page is empty
                    }
                    EventPhase phase = EventPhase.values()[rows.getInt("phase")];
                    OffsetDateTime at = rows.getObject("event_at", OffsetDateTime.class).withOffsetSameInstant(
                            ZoneOffset.UTC);
                    UUID recordId = rows.getObject("id", UUID.class);
                    events.add(new EventView(at, rows.getObject("instance_id", UUID.class), phase.apiName(),
                            rows.getString("action"), rows.getString("request_id"), rows.getString("user_id"),
                            rows.getString("result"), rows.getString("message")));
                    last = new EventCursor(rows.getLong("event_xid"), at, recordId, phase);
                }
            }
            return new Read(new EventPage(events, last.encode()), horizon);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the event feed failed: " + e.getMessage(), e);
        }
    }
}
