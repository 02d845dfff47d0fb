package dev.stratus.api.feed;

import dev.stratus.api.ImageServiceDouble;
import dev.stratus.api.Login;
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

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /v1/events}: a project's action history as started and finished events, oldest first, paged by a
 * cursor that gives each event once (also events at the same microsecond, and an event whose transaction was still
 * open when a newer one committed), scoped to the token's project; its 400 problems; and {@code wait_seconds}, a long poll
 * that answers as soon as an event is there, or empty with the same cursor when the wait is over.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class EventFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Directory directory;

    @BeforeEach
    void explicitTokens() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void eventsOfTwoServersComeInOrderAndEveryPageSizeGivesEachEventOnce() {
        ActionRows rows = ActionRows.project(directory, "events-order");
        String start = rows.end();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        OffsetDateTime t = ActionRows.now();
        UUID createA = rows.start(a, "create", "user-1", t);
        rows.start(b, "create", "user-1", t); // the same microsecond, another transaction
        rows.finish(createA, t.plusNanos(1000), "success", null);
        rows.done(b, "restart", null, t.plusNanos(2000), "success", "the domain died: started again");

        List<String> expected = List.of(a + " started create", b + " started create", a + " finished create",
                b + " started restart", b + " finished restart");
        // a write transaction still open elsewhere in the database holds newer events back for a moment
        await().atMost(WAIT).untilAsserted(() -> assertEquals(expected, rows.follow(start, 100)));
        for (int limit : new int[] {1, 2, 3}) {
            assertEquals(expected, rows.follow(start, limit), "pages of " + limit);
        }

        JsonPath page = rows.page("?since=" + start);
        assertEquals("user-1", page.getString("events[0].user_id"));
        assertEquals(t.toInstant(), OffsetDateTime.parse(page.getString("events[0].at")).toInstant());
        assertNull(page.get("events[0].result"), "a started event has no result yet");
        assertEquals("success", page.getString("events[2].result"));
        assertNull(page.get("events[3].user_id"), "Stratus restarted it by itself");
        assertEquals("the domain died: started again", page.getString("events[4].message"));

        // the cursor of the last event: nothing newer yet, the same cursor back; then only what came after
        String last = page.getString("next");
        JsonPath empty = rows.page("?since=" + last);
        assertTrue(empty.getList("events").isEmpty());
        assertEquals(last, empty.getString("next"));
        rows.done(a, "stop", "user-1", ActionRows.now(), "success", null);
        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(a + " started stop", a + " finished stop"),
                rows.follow(last, 100)));
    }

    @Test
    void aRecordFinishedAfterANewerOneIsNotSkippedByTheCursor() {
        ActionRows rows = ActionRows.project(directory, "events-interleaved");
        String before = rows.end();
        UUID server = UUID.randomUUID();
        UUID reboot = rows.start(server, "reboot", "user-1", ActionRows.now());
        rows.done(server, "pause", "user-1", ActionRows.now(), "error", "refused");
        await().atMost(WAIT).until(() -> rows.follow(before, 100).equals(List.of(server + " started reboot",
                server + " started pause", server + " finished pause")));
        String afterPause = rows.end();
        // the reboot's finish is written after a follower read the pause, with an earlier time than the pause's:
        // ordered by time, it would fall behind the follower's cursor for ever
        rows.finish(reboot, ActionRows.now().minusSeconds(5), "success", null);
        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(server + " finished reboot"),
                rows.follow(afterPause, 1)));
    }

    @Test
    void anotherProjectsEventsAreInvisible() {
        ActionRows mine = ActionRows.project(directory, "events-mine");
        ActionRows theirs = ActionRows.project(directory, "events-theirs");
        String mineStart = mine.end();
        String adminStart = ActionRows.end(Login.token("admin"));
        UUID server = UUID.randomUUID();
        theirs.done(server, "create", "user-2", ActionRows.now(), "success", null);
        await().atMost(WAIT).until(() -> theirs.follow(null, 100).contains(server + " finished create"));

        assertTrue(mine.follow(mineStart, 100).isEmpty());
        assertTrue(given().auth().oauth2(Login.token("admin")).get("/v1/events?since=" + adminStart).then()
                .statusCode(200).extract().jsonPath().getList("events.server_id").stream()
                .noneMatch(server.toString()::equals), "an admin's token reads its own project's feed only");
    }

    @Test
    void aBadCursorLimitOrWaitIsA400ProblemNamingIt() {
        String token = Login.token("demo");
        String foreign = Base64.getUrlEncoder().encodeToString("e2:1:2:3:0".getBytes(StandardCharsets.US_ASCII));
        String badId = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "e1:5:1700000000000000:not-a-uuid:0".getBytes(StandardCharsets.US_ASCII));
        String badPhase = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("e1:5:1700000000000000:" + UUID.randomUUID() + ":2").getBytes(StandardCharsets.US_ASCII));
        for (String query : List.of("since=%25%25", "since=" + foreign, "since=" + badId,
                "since=" + badPhase)) {
            problem(token, query, "since", "not a cursor");
        }
        for (String limit : List.of("0", "1001", "ten", "-1", "2.5")) {
            problem(token, "limit=" + limit, "limit", "from 1 to 1000");
        }
        for (String wait : List.of("-1", "31", "soon")) {
            problem(token, "wait_seconds=" + wait, "wait_seconds", "from 0 to 30");
        }
        given().get("/v1/events").then().statusCode(401).contentType("application/problem+json");
    }

    private static void problem(String token, String query, String field, String detail) {
        given().auth().oauth2(token).get("/v1/events?" + query).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field))
                .body("detail", containsString(detail));
    }

    @Test
    void aLongPollAnswersAsSoonAsAnEventAppears() throws Exception {
        ActionRows rows = ActionRows.project(directory, "events-long-poll");
        String end = rows.end();
        UUID server = UUID.randomUUID();
        CompletableFuture<JsonPath> answer = CompletableFuture.supplyAsync(() -> rows.page("?wait_seconds=25&since=" + end));
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
        JsonPath page = rows.page("?wait_seconds=2&since=" + end);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(page.getList("events").isEmpty());
        assertEquals(end, page.getString("next"));
        assertTrue(seconds >= 1.9 && seconds < 8, "waited " + seconds + " s for wait_seconds=2");
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
            assertTrue(rows.page("?wait_seconds=1&since=" + end).getList("events").isEmpty());
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
