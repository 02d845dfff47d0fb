package dev.stratus.api.feed;

import dev.stratus.api.Login;
import dev.stratus.api.identity.Directory;
import dev.stratus.api.identity.Project;
import dev.stratus.api.model.InstanceActionRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Writes action records as api-service's lifecycle does (the entity, each write its own transaction, the trigger of
 * V10 stamping the transaction) in a project of the test's own, and reads the project's feed as its member.
 */
final class ActionRows {
    final String projectId;
    final String token;

    private ActionRows(String projectId, String token) {
        this.projectId = projectId;
        this.token = token;
    }

    /** A project of its own (no other test writes its history) with a member whose token reads the feed. */
    static ActionRows project(Directory directory, String name) {
        Project project = directory.ensureProject(name, "event feed test");
        directory.ensureUser(name + "-user", "password-of-" + name);
        directory.assign(project.id, name + "-user", "member");
        return new ActionRows(project.id, Login.token(name + "-user", "password-of-" + name, name));
    }

    /** A time with microseconds, as PostgreSQL keeps it (so two records can be given the very same time). */
    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** A record started (not finished) in a transaction of its own; its id. */
    UUID start(UUID server, String action, String userId, OffsetDateTime at) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> record(id, server, action, userId, at).persist());
        return id;
    }

    /** Finishes a started record in a transaction of its own. */
    void finish(UUID record, OffsetDateTime at, String result, String message) {
        QuarkusTransaction.requiringNew().run(() -> InstanceActionRecord.<InstanceActionRecord>findById(record)
                .finish(at, result, message));
    }

    /** A record started and finished at once, in one transaction (what Stratus does by itself is recorded so). */
    UUID done(UUID server, String action, String userId, OffsetDateTime at, String result, String message) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            InstanceActionRecord record = record(id, server, action, userId, at);
            record.persist();
            record.finish(at, result, message);
        });
        return id;
    }

    private InstanceActionRecord record(UUID id, UUID server, String action, String userId, OffsetDateTime at) {
        InstanceActionRecord record = new InstanceActionRecord();
        record.id = id;
        record.instanceId = server;
        record.projectId = projectId;
        record.requestId = "req-" + UUID.randomUUID();
        record.action = action;
        record.userId = userId;
        record.startedAt = at;
        return record;
    }

    /** One answer of the feed to this project's member. */
    JsonPath page(String query) {
        return given().auth().oauth2(token).get("/v1/events" + query).then().statusCode(200)
                .extract().jsonPath();
    }

    /** The cursor after every event there is now. */
    String end() {
        return end(token);
    }

    /** The cursor after every event there is now in the project of {@code token}. */
    static String end(String token) {
        String cursor = "";
        while (true) {
            JsonPath page = given().auth().oauth2(token).get("/v1/events?limit=1000" + cursor).then()
                    .statusCode(200).extract().jsonPath();
            if (page.getList("events").isEmpty()) {
                return page.getString("next");
            }
            cursor = "&since=" + page.getString("next");
        }
    }

    /**
     * Every event after {@code since} (null: from the oldest), a page of {@code limit} at a time: "server phase
     * action" each.
     */
    List<String> follow(String since, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = since;
        while (true) {
            JsonPath page = page("?limit=" + limit + (cursor == null ? "" : "&since=" + cursor));
            List<String> events = describe(page);
            if (events.isEmpty()) {
                return seen;
            }
            seen.addAll(events);
            cursor = page.getString("next");
        }
    }

    /** The events of an answer as "server phase action". */
    static List<String> describe(JsonPath page) {
        List<String> events = new ArrayList<>();
        int n = page.getList("events").size();
        for (int i = 0; i < n; i++) {
            events.add(page.getString("events[" + i + "].server_id") + " " + page.getString("events[" + i + "].phase")
                    + " " + page.getString("events[" + i + "].action"));
        }
        return events;
    }
}
