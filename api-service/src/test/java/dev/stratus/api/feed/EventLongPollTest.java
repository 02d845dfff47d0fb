package dev.stratus.api.feed;

import dev.stratus.api.ImageServiceDouble;
import dev.stratus.api.identity.Directory;
import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /v1/events?wait=N}: a long poll that answers as soon as an event is there, or empty with the same
 * cursor when the wait is over; and the horizon that keeps a follower from missing an event whose transaction was
 * still open when a newer one committed.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class EventLongPollTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Directory directory;

    @BeforeEach
    void explicitTokens() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void aLongPollAnswersAsSoonAsAnEventAppears() throws Exception {
        ActionRows rows = ActionRows.project(directory, "events-long-poll");
        String end = rows.end();
        UUID server = UUID.randomUUID();
        CompletableFuture<JsonPath> answer = CompletableFuture.supplyAsync(() -> rows.page("?wait=25&since=" + end));
        Thread.sleep(1500);
        assertFalse(answer.isDone(), "nothing happened yet: the request waits");
        long written = System.nanoTime();
        rows.done(server, "stop", "user-1", ActionRows.now(), "success", null);
        JsonPath page = answer.get(15, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - written) / 1e9;
        assertEquals(List.of(server + " started stop", server + " finished stop"), ActionRows.describe(page));
        assertTrue(seconds < 5, "answered " + seconds + " s after the event, not at the end of the 25 s wait");
    }

    @Test
    void aLongPollWithNothingNewEndsEmptyWithTheSameCursorWhenTheWaitIsOver() {
        ActionRows rows = ActionRows.project(directory, "events-quiet");
        String end = rows.end();
        long start = System.nanoTime();
        JsonPath page = rows.page("?wait=2&since=" + end);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(page.getList("events").isEmpty());
        assertEquals(end, page.getString("next"));
        assertTrue(seconds >= 1.9 && seconds < 8, "waited " + seconds + " s for wait=2");
    }

    @Test
    void anEventOfATransactionStillOpenHoldsBackNewerOnesUntilItEnds() throws Exception {
        ActionRows rows = ActionRows.project(directory, "events-open-transaction");
        String end = rows.end();
        UUID server = UUID.randomUUID();
        Config config = ConfigProvider.getConfig();
        try (Connection open = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url",
                String.class), config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            open.setAutoCommit(false);
            insertStarted(open, rows.projectId, server, "reboot");
            rows.done(server, "stop", "user-1", ActionRows.now(), "success", null);
            // the stop is committed, but a transaction older than its own is still open: shown now, it would put
            // the cursor past the reboot that this transaction may still commit
            assertTrue(rows.page("?wait=1&since=" + end).getList("events").isEmpty());
            open.commit();
        }
        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(server + " started reboot",
                server + " started stop", server + " finished stop"), rows.follow(end, 1)));
    }

    private static void insertStarted(Connection connection, String projectId, UUID server, String action)
            throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO api.instance_action (id,"
                + " instance_id, project_id, request_id, action, user_id, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, server);
            insert.setString(3, projectId);
            insert.setString(4, "req-" + UUID.randomUUID());
            insert.setString(5, action);
            insert.setString(6, "user-1");
            insert.setObject(7, OffsetDateTime.now());
            insert.executeUpdate();
        }
    }
}
