package dev.stratus.api.feed;

import dev.stratus.api.ImageServiceDouble;
import dev.stratus.api.identity.Directory;
import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Waiting followers of {@code GET /v1/events} are woken by PostgreSQL's NOTIFY at the commit of an event
 * (V12__event_feed_notify.sql, {@link EventNotifications}, {@link EventWakeups}). The poll interval is 5 s here, so
 * a follower that was not woken answers seconds late and these tests fail.
 */
@QuarkusTest
@TestProfile(EventWakeupTest.SlowPoll.class)
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class EventWakeupTest {
    private static final Duration POLL = Duration.ofSeconds(5);

    public static class SlowPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stratus.api.events-poll-interval", POLL.toMillis() + "ms");
        }
    }

    @Inject
    Directory directory;
    @Inject
    EventWakeups wakeups;

    @BeforeEach
    void listening() {
        RestAssured.requestSpecification = null;
        await().atMost(Duration.ofSeconds(15)).until(wakeups::listening);
    }

    @Test
    void aWaitingFollowerGetsACommittedEventWithinMilliseconds() throws Exception {
        ActionRows rows = ActionRows.project(directory, "wakeup-latency");
        String cursor = rows.end();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID server = UUID.randomUUID();
            CompletableFuture<JsonPath> answer = follow(rows, cursor, 10);
            long committed = System.nanoTime();
            rows.done(server, "reboot", "user-1", ActionRows.now(), "success", null);
            JsonPath page = answer.get(15, TimeUnit.SECONDS);
            millis.add((System.nanoTime() - committed) / 1_000_000);
            assertEquals(List.of(server + " started reboot", server + " finished reboot"), ActionRows.describe(page));
            cursor = page.getString("next");
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.println("EventWakeupTest: commit -> answer (ms) " + millis);
        assertTrue(sorted.get(sorted.size() - 1) < 1000, "every answer well within the 5 s poll: " + millis);
        assertTrue(sorted.get(2) < 200, "the median answer within 200 ms of the commit: " + millis);
    }

    @Test
    void aRolledBackActionWakesNobodyIntoAnAnswer() throws Exception {
        ActionRows rows = ActionRows.project(directory, "wakeup-rollback");
        String end = rows.end();
        long start = System.nanoTime();
        CompletableFuture<JsonPath> answer = follow(rows, end, 2);
        try (Connection connection = database()) {
            connection.setAutoCommit(false);
            insertStarted(connection, rows.projectId, UUID.randomUUID());
            connection.rollback();
        }
        JsonPath page = answer.get(15, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(page.getList("events").isEmpty(), "no event: " + page.prettify());
        assertEquals(end, page.getString("next"));
        assertTrue(seconds >= 1.9, "it waited to the end of its 2 s: " + seconds);
    }

    @Test
    void eachCommitNotifiesEveryReplicaOnceAndARollbackNone() throws Exception {
        ActionRows rows = ActionRows.project(directory, "wakeup-replicas");
        try (Connection first = database(); Connection second = database()) {
            listen(first);
            listen(second);
            try (Connection connection = database()) {
                connection.setAutoCommit(false);
                insertStarted(connection, rows.projectId, UUID.randomUUID());
                connection.rollback();
            }
            UUID server = UUID.randomUUID();
            rows.done(server, "stop", "user-1", ActionRows.now(), "success", null); // one transaction, two events
            UUID reboot = rows.start(server, "reboot", "user-1", ActionRows.now());
            rows.finish(reboot, ActionRows.now(), "success", null);
            List<String> seenFirst = received(first, rows.projectId, 3);
            List<String> seenSecond = received(second, rows.projectId, 3);
            assertEquals(3, seenFirst.size(), "one per committed transaction, none for the rollback: " + seenFirst);
            assertEquals(seenFirst, seenSecond, "every listener gets every notification");
            for (String payload : seenFirst) {
                assertTrue(payload.matches("\\d+:" + rows.projectId), payload);
            }
            assertEquals(3, seenFirst.stream().distinct().count(), "three transactions: " + seenFirst);
        }
    }

    @Test
    void aKilledListenConnectionIsReplacedAndFollowersStillGetEvents() throws Exception {
        ActionRows rows = ActionRows.project(directory, "wakeup-reconnect");
        String end = rows.end();
        int before = await().atMost(Duration.ofSeconds(15)).until(this::listenerPids, pids -> pids.size() == 1).get(0);
        CompletableFuture<JsonPath> answer = follow(rows, end, 10);
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(" + before + ")");
        }
        UUID server = UUID.randomUUID();
        rows.done(server, "stop", "user-1", ActionRows.now(), "success", null);
        JsonPath page = answer.get(15, TimeUnit.SECONDS);
        assertEquals(List.of(server + " started stop", server + " finished stop"), ActionRows.describe(page),
                "the event committed while the connection was down is not missed");

        int after = await().atMost(Duration.ofSeconds(15)).until(this::listenerPids, pids -> pids.size() == 1
                && !pids.contains(before)).get(0);
        assertNotEquals(before, after);
        await().atMost(Duration.ofSeconds(15)).until(wakeups::listening);
        // the new connection wakes followers as the old one did
        CompletableFuture<JsonPath> next = follow(rows, page.getString("next"), 10);
        long committed = System.nanoTime();
        rows.done(server, "start", "user-1", ActionRows.now(), "success", null);
        JsonPath woken = next.get(15, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - committed) / 1_000_000;
        assertEquals(List.of(server + " started start", server + " finished start"), ActionRows.describe(woken));
        assertTrue(millis < 1000, "woken " + millis + " ms after the commit, not by the 5 s poll");
    }

    /**
     * A long poll of {@code seconds} after {@code cursor}, once it waits: registered and its first read done (an
     * event committed before that read would be in it without any wake-up).
     */
    private CompletableFuture<JsonPath> follow(ActionRows rows, String cursor, int seconds) throws Exception {
        CompletableFuture<JsonPath> answer = CompletableFuture.supplyAsync(() -> rows.page("?wait_seconds=" + seconds
                + "&since=" + cursor));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> wakeups.waiting(rows.projectId) == 1);
        Thread.sleep(300);
        assertFalse(answer.isDone(), "nothing happened yet: the request waits");
        return answer;
    }

    private List<Integer> listenerPids() throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (Connection connection = database(); PreparedStatement query = connection.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            query.setString(1, EventNotifications.APPLICATION_NAME);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getInt(1));
                }
            }
        }
        return pids;
    }

    private static void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + EventNotifications.CHANNEL);
        }
    }

    /** The payloads for {@code projectId}, until {@code expected} came and then 500 ms more, or 10 s passed. */
    private static List<String> received(Connection connection, String projectId, int expected) throws SQLException {
        List<String> payloads = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long quietUntil = Long.MAX_VALUE;
        while (System.nanoTime() < Math.min(deadline, quietUntil)) {
            PGNotification[] batch = connection.unwrap(PGConnection.class).getNotifications(100);
            Arrays.stream(batch == null ? new PGNotification[0] : batch)
                    .map(PGNotification::getParameter).filter(p -> p.endsWith(":" + projectId)).forEach(payloads::add);
            if (payloads.size() >= expected && quietUntil == Long.MAX_VALUE) {
                quietUntil = System.nanoTime() + Duration.ofMillis(500).toNanos();
            }
        }
        return payloads;
    }

    private static Connection database() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    private static void insertStarted(Connection connection, String projectId, UUID server) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO api.instance_action (id,"
                + " instance_id, project_id, request_id, action, user_id, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, server);
            insert.setString(3, projectId);
            insert.setString(4, "req-" + UUID.randomUUID());
            insert.setString(5, "reboot");
            insert.setString(6, "user-1");
            insert.setObject(7, OffsetDateTime.now());
            insert.executeUpdate();
        }
    }
}
