package dev.stratus.api;

import dev.stratus.api.identity.Directory;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.Incident;
import dev.stratus.contracts.InstanceDeleteRequested;
import dev.stratus.contracts.InstanceDeleted;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePowerRequested;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.PowerOperation;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.platform.events.EventPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Lifecycle actions through the API with a stand-in agent on Kafka: the request each action sends to the host, the
 * task that runs until the host reports the request's generation, the 409 of an action in the wrong state, the
 * action history, and a guest's own shutdown (stopped, or deleted under {@code shutdown_behavior: delete}).
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class ServerActionsTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicLong SEQ = new AtomicLong(100);
    private static EventPublisher agent;

    @Inject
    Directory directory;

    @BeforeAll
    static void connect() {
        agent = new EventPublisher(StratusTestInfra.bootstrapServers(), "test-agent");
    }

    @AfterAll
    static void disconnect() {
        agent.close();
    }

    @BeforeEach
    void authenticate() {
        Login.as("demo");
    }

    @Test
    void stopThenStartRunAsTasksUntilTheHostReportsTheirGeneration() {
        try (EventProbe actions = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_ACTIONS)) {
            String id = active("stop-start");
            String request = given().contentType(ContentType.JSON).body("{}")
                    .post("/v1/servers/" + id + "/actions/stop").then().statusCode(202)
                    .body("status", equalTo("ACTIVE")).body("task_state", equalTo("powering_off"))
                    .header("X-Request-Id", startsWith("req-")).extract().header("X-Request-Id");
            InstancePowerRequested stop = actions.await(InstancePowerRequested.class,
                    e -> e.instanceId().equals(id) && e.operation() == PowerOperation.STOP, WAIT);
            assertEquals(1, stop.generation());
            assertEquals("host-a", stop.host());

            // an older generation's status does not end the task
            report(id, VmState.ACTIVE, 0, null);
            report(id, VmState.STOPPED, 1, null);
            await().atMost(WAIT).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                    .body("status", equalTo("STOPPED")).body("task_state", nullValue()));

            // stopping a stopped server is a 409 that names the action and the state
            given().contentType(ContentType.JSON).body("{}").post("/v1/servers/" + id + "/actions/stop").then()
                    .statusCode(409).contentType("application/problem+json").body("action", equalTo("stop"))
                    .body("vm_state", equalTo("STOPPED")).body("task_state", nullValue())
                    .body("detail", containsString("ACTIVE or PAUSED"));

            given().post("/v1/servers/" + id + "/actions/start").then().statusCode(202)
                    .body("task_state", equalTo("powering_on"));
            InstancePowerRequested start = actions.await(InstancePowerRequested.class,
                    e -> e.instanceId().equals(id) && e.operation() == PowerOperation.START, WAIT);
            assertEquals(2, start.generation());
            // a second action while one is in flight is refused
            given().contentType(ContentType.JSON).body("{\"type\":\"hard\"}")
                    .post("/v1/servers/" + id + "/actions/reboot").then().statusCode(409)
                    .body("task_state", equalTo("powering_on"));
            report(id, VmState.ACTIVE, 2, null);
            await().atMost(WAIT).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                    .body("status", equalTo("ACTIVE")).body("task_state", nullValue()));

            given().get("/v1/servers/" + id + "/actions").then().statusCode(200)
                    .body("actions.action", equalTo(List.of("create", "stop", "start")))
                    .body("actions.result", equalTo(List.of("success", "success", "success")))
                    .body("actions[1].request_id", equalTo(request))
                    .body("actions[1].user_id", notNullValue())
                    .body("actions[1].finished_at", notNullValue());
        }
    }

    @Test
    void rebootEndsWithItsGenerationAndForceStopIsAnOperationOfItsOwn() {
        try (EventProbe actions = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_ACTIONS)) {
            String id = active("reboot");
            given().contentType(ContentType.JSON).body("{\"type\":\"hard\"}")
                    .post("/v1/servers/" + id + "/actions/reboot").then().statusCode(202)
                    .body("task_state", equalTo("rebooting_hard"));
            actions.await(InstancePowerRequested.class,
                    e -> e.instanceId().equals(id) && e.operation() == PowerOperation.HARD_REBOOT, WAIT);
            report(id, VmState.ACTIVE, 1, null); // ACTIVE before and after: the generation ends the task
            await().atMost(WAIT).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                    .body("task_state", nullValue()));

            given().contentType(ContentType.JSON).body("{\"force\":true}")
                    .post("/v1/servers/" + id + "/actions/stop").then().statusCode(202);
            actions.await(InstancePowerRequested.class, e -> e.instanceId().equals(id)
                    && e.operation() == PowerOperation.FORCE_STOP && e.generation() == 2, WAIT);
            // the host could not do it and gave up (its status carries the generation it last completed): the task
            // ends in error with the host's fault
            reportFault(id, 1, "libvirt: cannot stop");
            await().atMost(WAIT).untilAsserted(() -> given().get("/v1/servers/" + id + "/actions").then()
                    .body("actions[2].action", equalTo("stop")).body("actions[2].result", equalTo("error"))
                    .body("actions[2].message", containsString("libvirt: cannot stop")));
        }
    }

    @Test
    void aGuestsOwnShutdownIsKeptAndRecorded() {
        String id = active("guest-off");
        report(id, VmState.STOPPED, 0, Incident.GUEST_SHUTDOWN);
        await().atMost(WAIT).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                .body("status", equalTo("STOPPED")).body("task_state", nullValue()));
        given().get("/v1/servers/" + id + "/actions").then()
                .body("actions[1].action", equalTo("guest-shutdown")).body("actions[1].user_id", nullValue());
        given().post("/v1/servers/" + id + "/actions/start").then().statusCode(202)
                .body("task_state", equalTo("powering_on"));
    }

    @Test
    void shutdownBehaviorDeleteDeletesTheServerWhenItsGuestPowersOff() {
        try (EventProbe requests = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_REQUESTS);
             EventProbe lifecycle = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_LIFECYCLE)) {
            String id = active("ci-job", "delete");
            given().get("/v1/servers/" + id).then().body("shutdown_behavior", equalTo("delete"));
            report(id, VmState.STOPPED, 0, Incident.GUEST_SHUTDOWN);
            requests.await(InstanceDeleteRequested.class, e -> e.instanceId().equals(id), WAIT);
            given().get("/v1/servers/" + id).then().body("task_state", equalTo("deleting"));
            report(id, VmState.DELETED, 0, null);
            await().atMost(WAIT).untilAsserted(() -> given().get("/v1/servers/" + id).then().statusCode(404));
            InstanceDeleted deleted = lifecycle.await(InstanceDeleted.class, e -> e.instanceId().equals(id), WAIT);
            assertEquals("host-a", deleted.host());
        }
    }

    @Test
    void badActionsAre400AndChangeNothing() {
        String id = active("bad-actions");
        given().post("/v1/servers/" + id + "/actions/explode").then().statusCode(400).body("field", equalTo("action"))
                .body("detail", containsString("stop, start, reboot"));
        given().contentType(ContentType.JSON).body("{\"type\":\"gentle\"}")
                .post("/v1/servers/" + id + "/actions/reboot").then().statusCode(400).body("field", equalTo("type"));
        given().contentType(ContentType.JSON).body("{\"force\":true}")
                .post("/v1/servers/" + id + "/actions/start").then().statusCode(400).body("field", equalTo("force"));
        given().contentType(ContentType.JSON).body("{\"hurry\":true}")
                .post("/v1/servers/" + id + "/actions/stop").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\","
                + "\"shutdown_behavior\":\"explode\"}").post("/v1/servers").then().statusCode(400)
                .body("field", equalTo("shutdown_behavior"));
        given().post("/v1/servers/" + UUID.randomUUID() + "/actions/stop").then().statusCode(404);
        directory.ensureUser("actions-reader", "reader-password-1");
        directory.assign(directory.ensureProject("demo", "test").id, "actions-reader", "reader");
        String reader = Login.token("actions-reader", "reader-password-1", "demo");
        io.restassured.RestAssured.requestSpecification = null;
        given().auth().oauth2(reader).post("/v1/servers/" + id + "/actions/stop").then().statusCode(403);
        Login.as("demo");
        given().get("/v1/servers/" + id).then().body("status", equalTo("ACTIVE")).body("task_state", nullValue());
        given().get("/v1/servers/" + id + "/actions").then().body("actions.action", equalTo(List.of("create")));
    }

    private static String active(String name) {
        return active(name, null);
    }

    /** A server placed on host-a whose agent reported it running. */
    private static String active(String name, String shutdownBehavior) {
        String body = "{\"name\":\"" + name + "\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\""
                + (shutdownBehavior == null ? "" : ",\"shutdown_behavior\":\"" + shutdownBehavior + "\"") + "}";
        String id = given().contentType(ContentType.JSON).body(body).post("/v1/servers").then().statusCode(202)
                .extract().path("id");
        agent.publish(Topics.PLACEMENTS, id, new InstancePlaced(UUID.randomUUID().toString(), 1, id, "demo", name,
                "host-a", "http://localhost:1", new FlavorSpec("m1.tiny", "m1.tiny", 1, 128, 1, null),
                new ImageRef(ImageServiceDouble.IMAGE_ID, null, null), Instant.now()));
        report(id, VmState.ACTIVE, 0, null);
        await().atMost(WAIT).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                .body("status", equalTo("ACTIVE")).body("task_state", nullValue()));
        return id;
    }

    private static void report(String id, VmState state, long generation, Incident incident) {
        agent.publish(Topics.INSTANCE_STATUS, id, new InstanceStatusChanged(UUID.randomUUID().toString(),
                InstanceStatusChanged.VERSION, id, "host-a", SEQ.incrementAndGet(), state,
                state == VmState.ACTIVE ? "RUNNING" : "SHUTOFF", null, Instant.now(), generation, incident));
    }

    private static void reportFault(String id, long generation, String fault) {
        agent.publish(Topics.INSTANCE_STATUS, id, new InstanceStatusChanged(UUID.randomUUID().toString(),
                InstanceStatusChanged.VERSION, id, "host-a", SEQ.incrementAndGet(), VmState.ERROR, "RUNNING", fault,
                Instant.now(), generation, null));
    }
}
