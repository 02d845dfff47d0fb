package dev.stratus.api;

import dev.stratus.api.identity.Directory;
import dev.stratus.api.identity.Project;
import dev.stratus.api.service.ResizeAutoConfirm;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstanceRebuildRequested;
import dev.stratus.contracts.InstanceResizeClaimed;
import dev.stratus.contracts.InstanceResizeRefused;
import dev.stratus.contracts.InstanceResizeRequested;
import dev.stratus.contracts.InstanceResizeSettled;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.InstanceTaskFinished;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.platform.events.EventPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Resize (claimed, refused, confirmed, reverted, confirmed by Stratus) and rebuild through the API, with a stand-in
 * scheduler and agent on Kafka: the events each step sends, the states and flavors the server shows, the history,
 * the quota counting the larger flavor, and the 400s and 409s of bad requests.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class ServerResizeTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicLong SEQ = new AtomicLong(1_000);
    private static final FlavorSpec TINY = new FlavorSpec("m1.tiny", "m1.tiny", 1, 128, 1, null);
    private static EventPublisher stratus;

    @Inject
    Directory directory;
    @Inject
    EntityManager em;
    @Inject
    ResizeAutoConfirm autoConfirm;

    @BeforeAll
    static void connect() {
        stratus = new EventPublisher(StratusTestInfra.bootstrapServers(), "test-scheduler-and-agent");
    }

    @AfterAll
    static void disconnect() {
        stratus.close();
    }

    /** Whose token the requests of the running test send. */
    private static String token;

    /** A project of its own, so that the servers these tests leave count against no other test's quota. */
    @BeforeEach
    void authenticate() {
        RestAssured.requestSpecification = null;
        Project project = directory.ensureProject("resize-tests", "test");
        directory.ensureUser("resize-tests-user", "password-of-resize-tests");
        directory.assign(project.id, "resize-tests-user", "member");
        token = Login.token("resize-tests-user", "password-of-resize-tests", "resize-tests");
    }

    private static io.restassured.specification.RequestSpecification req() {
        return RestAssured.given().auth().oauth2(token);
    }

    @Test
    void aClaimedResizeAwaitsConfirmationThenTheNewFlavorStays() {
        try (EventProbe requests = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_REQUESTS);
             EventProbe actions = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_ACTIONS);
             EventProbe lifecycle = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_LIFECYCLE)) {
            String id = active("grow");
            resize(id, "m1.small").then().statusCode(202).body("task_state", equalTo("resize_prep"))
                    .body("flavor.id", equalTo("m1.small")).body("resize_from.id", equalTo("m1.tiny"))
                    .body("vcpus", equalTo(1)).body("ram_mb", equalTo(256)).body("disk_gb", equalTo(2));
            InstanceResizeRequested request = requests.await(InstanceResizeRequested.class,
                    e -> e.instanceId().equals(id), WAIT);
            assertEquals("m1.tiny", request.from().id());
            assertEquals("m1.small", request.to().id());
            assertEquals("host-a", request.host());

            // another action while the resize runs is a 409
            req().post("/v1/servers/" + id + "/actions/stop").then().statusCode(409)
                    .body("task_state", equalTo("resize_prep"));
            claimed(request);
            awaitServer(id, "ACTIVE", "resizing");
            // the host shuts the domain down and starts it again: statuses on the way change no task
            report(id, VmState.STOPPED);
            report(id, VmState.ACTIVE);
            finished(id, InstanceTaskFinished.RESIZE, request.reference(), true, null);
            awaitServer(id, "VERIFY_RESIZE", null);
            report(id, VmState.ACTIVE); // the domain runs: still awaiting confirmation
            req().get("/v1/servers?status=VERIFY_RESIZE").then().statusCode(200)
                    .body("servers.id", org.hamcrest.Matchers.hasItem(id));
            req().get("/v1/servers/" + id).then().body("status", equalTo("VERIFY_RESIZE"))
                    .body("power_state", equalTo("RUNNING"));

            req().post("/v1/servers/" + id + "/actions/confirm-resize").then().statusCode(202)
                    .body("status", equalTo("ACTIVE")).body("task_state", nullValue())
                    .body("flavor.id", equalTo("m1.small")).body("resize_from", nullValue());
            InstanceResizeSettled toHost = actions.await(InstanceResizeSettled.class,
                    e -> e.instanceId().equals(id), WAIT);
            InstanceResizeSettled toScheduler = lifecycle.await(InstanceResizeSettled.class,
                    e -> e.instanceId().equals(id), WAIT);
            assertEquals(InstanceResizeSettled.Outcome.CONFIRMED, toHost.outcome());
            assertEquals("m1.small", toScheduler.flavor().id());
            assertEquals(request.reference(), toScheduler.reference());
            req().post("/v1/servers/" + id + "/actions/confirm-resize").then().statusCode(409)
                    .body("action", equalTo("confirm-resize")).body("vm_state", equalTo("ACTIVE"));
            req().get("/v1/servers/" + id + "/actions").then()
                    .body("actions.action", equalTo(List.of("create", "resize", "confirm-resize")))
                    .body("actions.result", equalTo(List.of("success", "success", "success")))
                    .body("actions[1].message", equalTo("flavor m1.tiny to m1.small"));
        }
    }

    @Test
    void aRevertGivesTheOldFlavorBackWhenTheHostHasPutTheOldDiskBack() {
        try (EventProbe requests = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_REQUESTS);
             EventProbe actions = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_ACTIONS);
             EventProbe lifecycle = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_LIFECYCLE)) {
            String id = active("revert");
            resize(id, "m1.medium").then().statusCode(202);
            InstanceResizeRequested request = requests.await(InstanceResizeRequested.class,
                    e -> e.instanceId().equals(id), WAIT);
            claimed(request);
            finished(id, InstanceTaskFinished.RESIZE, request.reference(), true, null);
            awaitServer(id, "VERIFY_RESIZE", null);

            req().post("/v1/servers/" + id + "/actions/revert-resize").then().statusCode(202)
                    .body("task_state", equalTo("resize_reverting"));
            InstanceResizeSettled revert = actions.await(InstanceResizeSettled.class,
                    e -> e.instanceId().equals(id), WAIT);
            assertEquals(InstanceResizeSettled.Outcome.REVERTED, revert.outcome());
            assertEquals("m1.tiny", revert.flavor().id());
            assertEquals(request.reference(), revert.reference());
            // a late report of the resize changes nothing
            finished(id, InstanceTaskFinished.RESIZE, request.reference(), true, null);
            finished(id, InstanceTaskFinished.REVERT_RESIZE, revert.reference(), true, null);
            await().atMost(WAIT).untilAsserted(() -> req().get("/v1/servers/" + id).then()
                    .body("status", equalTo("ACTIVE")).body("task_state", nullValue())
                    .body("flavor.id", equalTo("m1.tiny")).body("vcpus", equalTo(1)).body("ram_mb", equalTo(128))
                    .body("resize_from", nullValue()));
            InstanceResizeSettled toScheduler = lifecycle.await(InstanceResizeSettled.class,
                    e -> e.instanceId().equals(id), WAIT);
            assertEquals("m1.tiny", toScheduler.flavor().id());
            req().get("/v1/servers/" + id + "/actions").then()
                    .body("actions.action", equalTo(List.of("create", "resize", "revert-resize")))
                    .body("actions.result", equalTo(List.of("success", "success", "success")));
        }
    }

    @Test
    void aRefusedResizeChangesNothingAndSaysWhy() {
        try (EventProbe requests = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_REQUESTS)) {
            String id = active("refused");
            resize(id, "m1.huge").then().statusCode(202);
            InstanceResizeRequested request = requests.await(InstanceResizeRequested.class,
                    e -> e.instanceId().equals(id), WAIT);
            stratus.publish(Topics.PLACEMENTS, id, new InstanceResizeRefused(UUID.randomUUID().toString(), 1, id,
                    "demo", "host-a", request.reference(), "host host-a cannot take flavor m1.huge", Instant.now()));
            await().atMost(WAIT).untilAsserted(() -> req().get("/v1/servers/" + id).then()
                    .body("status", equalTo("ACTIVE")).body("task_state", nullValue())
                    .body("flavor.id", equalTo("m1.tiny")).body("resize_from", nullValue()));
            req().get("/v1/servers/" + id + "/actions").then()
                    .body("actions[1].result", equalTo("error"))
                    .body("actions[1].message", containsString("cannot take flavor m1.huge"));
        }
    }

    @Test
    void aResizeTheHostCouldNotDoGivesTheOldFlavorBack() {
        try (EventProbe requests = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_REQUESTS);
             EventProbe lifecycle = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_LIFECYCLE)) {
            String id = active("host-failed");
            resize(id, "m1.small").then().statusCode(202);
            InstanceResizeRequested request = requests.await(InstanceResizeRequested.class,
                    e -> e.instanceId().equals(id), WAIT);
            claimed(request);
            finished(id, InstanceTaskFinished.RESIZE, request.reference(), false, "qemu-img resize failed");
            await().atMost(WAIT).untilAsserted(() -> req().get("/v1/servers/" + id).then()
                    .body("status", equalTo("ACTIVE")).body("task_state", nullValue())
                    .body("flavor.id", equalTo("m1.tiny")));
            // the scheduler gives the larger claim back
            assertEquals("m1.tiny", lifecycle.await(InstanceResizeSettled.class,
                    e -> e.instanceId().equals(id), WAIT).flavor().id());
            req().get("/v1/servers/" + id + "/actions").then().body("actions[1].result", equalTo("error"))
                    .body("actions[1].message", containsString("qemu-img resize failed"));
        }
    }

    @Test
    void aResizeAwaitingConfirmationTooLongIsConfirmedByStratus() {
        try (EventProbe requests = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_REQUESTS)) {
            String id = active("auto-confirm");
            resize(id, "m1.small").then().statusCode(202);
            InstanceResizeRequested request = requests.await(InstanceResizeRequested.class,
                    e -> e.instanceId().equals(id), WAIT);
            claimed(request);
            finished(id, InstanceTaskFinished.RESIZE, request.reference(), true, null);
            awaitServer(id, "VERIFY_RESIZE", null);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE api.instance SET resized_at = now() - interval '2 hours' WHERE id = ?1")
                    .setParameter(1, UUID.fromString(id)).executeUpdate());
            autoConfirm.sweep();
            req().get("/v1/servers/" + id).then().body("status", equalTo("ACTIVE"))
                    .body("flavor.id", equalTo("m1.small"));
            req().get("/v1/servers/" + id + "/actions").then()
                    .body("actions[2].action", equalTo("confirm-resize")).body("actions[2].user_id", nullValue())
                    .body("actions[2].message", containsString("confirmed by Stratus"));
        }
    }

    @Test
    void badResizesAre400sOr409sAndChangeNothing() {
        String id = active("bad-resize");
        resize(id, "m1.tiny").then().statusCode(400).body("field", equalTo("flavor"))
                .body("detail", containsString("already has flavor"));
        resize(id, "no-such-flavor").then().statusCode(400).body("field", equalTo("flavor"));
        req().contentType(ContentType.JSON).body("{}").post("/v1/servers/" + id + "/actions/resize").then()
                .statusCode(400).body("field", equalTo("flavor"));
        req().contentType(ContentType.JSON).body("{\"flavor\":\"m1.small\"}")
                .post("/v1/servers/" + id + "/actions/stop").then().statusCode(400).body("field", equalTo("flavor"));
        req().post("/v1/servers/" + id + "/actions/revert-resize").then().statusCode(409)
                .body("action", equalTo("revert-resize"));

        String small = active("bad-shrink", "m1.small");
        resize(small, "m1.tiny").then().statusCode(400).body("field", equalTo("flavor"))
                .body("detail", containsString("never shrinks"));
        req().get("/v1/servers/" + small + "/actions").then().body("actions.action", equalTo(List.of("create")));
        req().get("/v1/servers/" + id).then().body("flavor.id", equalTo("m1.tiny")).body("task_state", nullValue());
    }

    @Test
    void theQuotaCountsTheLargerFlavorUntilTheResizeIsSettled() {
        Project project = directory.ensureProject("resize-quota", "test");
        directory.ensureUser("resize-quota-user", "password-of-resize-quota");
        directory.assign(project.id, "resize-quota-user", "member");
        String member = Login.token("resize-quota-user", "password-of-resize-quota", "resize-quota");
        RestAssured.given().auth().oauth2(Login.token("admin")).contentType(ContentType.JSON).body("{\"vcpus\":2}")
                .put("/v1/projects/resize-quota/quotas").then().statusCode(200);
        token = member;
        String id = active("quota", "m1.tiny");
        resize(id, "m1.huge").then().statusCode(409).body("field", equalTo("vcpus")); // 16 vCPUs
        req().get("/v1/servers/" + id).then().body("flavor.id", equalTo("m1.tiny")).body("task_state", nullValue());
        req().get("/v1/servers/" + id + "/actions").then().body("actions.action", equalTo(List.of("create")));
        resize(id, "m1.medium").then().statusCode(202); // 2 vCPUs: the limit
        String other = req().contentType(ContentType.JSON)
                .body("{\"name\":\"second\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\"}").post("/v1/servers")
                .then().statusCode(409).extract().path("field");
        assertEquals("vcpus", other);
    }

    @Test
    void aRebuildGivesANewRootDiskAndAFailedOneEndsInError() {
        try (EventProbe actions = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_ACTIONS)) {
            String id = active("rebuild");
            req().contentType(ContentType.JSON).body("{\"image\":\"test-image\"}")
                    .post("/v1/servers/" + id + "/actions/rebuild").then().statusCode(202)
                    .body("task_state", equalTo("rebuilding"));
            InstanceRebuildRequested first = actions.await(InstanceRebuildRequested.class,
                    e -> e.instanceId().equals(id), WAIT);
            assertEquals(ImageServiceDouble.IMAGE_ID, first.image().id());
            assertEquals("m1.tiny", first.flavor().id());
            finished(id, InstanceTaskFinished.REBUILD, first.reference(), true, null);
            awaitServer(id, "ACTIVE", null);

            req().post("/v1/servers/" + id + "/actions/rebuild").then().statusCode(202); // its own image
            InstanceRebuildRequested second = actions.await(InstanceRebuildRequested.class,
                    e -> e.instanceId().equals(id) && !e.reference().equals(first.reference()), WAIT);
            finished(id, InstanceTaskFinished.REBUILD, second.reference(), false, "image download failed");
            await().atMost(WAIT).untilAsserted(() -> req().get("/v1/servers/" + id).then()
                    .body("status", equalTo("ERROR")).body("task_state", nullValue())
                    .body("fault", containsString("image download failed")));
            req().contentType(ContentType.JSON).body("{\"image\":\"no-such-image\"}")
                    .post("/v1/servers/" + id + "/actions/rebuild").then().statusCode(400)
                    .body("field", equalTo("image"));
            req().get("/v1/servers/" + id + "/actions").then()
                    .body("actions.action", equalTo(List.of("create", "rebuild", "rebuild")))
                    .body("actions.result", equalTo(List.of("success", "success", "error")));
        }
    }

    private static io.restassured.response.Response resize(String id, String flavor) {
        return req().contentType(ContentType.JSON).body("{\"flavor\":\"" + flavor + "\"}")
                .post("/v1/servers/" + id + "/actions/resize");
    }

    private static void claimed(InstanceResizeRequested request) {
        stratus.publish(Topics.PLACEMENTS, request.instanceId(), new InstanceResizeClaimed(UUID.randomUUID()
                .toString(), 1, request.instanceId(), request.projectId(), "host-a", request.from(), request.to(),
                request.reference(), Instant.now()));
    }

    private static void finished(String id, String task, String reference, boolean ok, String fault) {
        stratus.publish(Topics.INSTANCE_STATUS, id, new InstanceTaskFinished(UUID.randomUUID().toString(), 1, id,
                "host-a", task, reference, ok, fault, Instant.now()));
    }

    private static void awaitServer(String id, String status, String task) {
        await().atMost(WAIT).untilAsserted(() -> req().get("/v1/servers/" + id).then()
                .body("status", equalTo(status)).body("task_state", task == null ? nullValue() : equalTo(task)));
    }

    private static String active(String name) {
        return active(name, "m1.tiny");
    }

    /** A server placed on host-a whose agent reported it running. */
    private static String active(String name, String flavor) {
        String id = req().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"flavor\":\"" + flavor + "\",\"image\":\"test-image\"}")
                .post("/v1/servers").then().statusCode(202).extract().path("id");
        stratus.publish(Topics.PLACEMENTS, id, new InstancePlaced(UUID.randomUUID().toString(), 1, id, "demo", name,
                "host-a", "http://localhost:1", TINY, new ImageRef(ImageServiceDouble.IMAGE_ID, null, null),
                Instant.now()));
        report(id, VmState.ACTIVE);
        awaitServer(id, "ACTIVE", null);
        return id;
    }

    private static void report(String id, VmState state) {
        stratus.publish(Topics.INSTANCE_STATUS, id, new InstanceStatusChanged(UUID.randomUUID().toString(),
                InstanceStatusChanged.VERSION, id, "host-a", SEQ.incrementAndGet(), state,
                state == VmState.ACTIVE ? "RUNNING" : "SHUTOFF", null, Instant.now(), 0, null));
    }
}

