package dev.stratus.api;

import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstanceSnapshotRequested;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.api.identity.Directory;
import dev.stratus.api.identity.Project;
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
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/servers/{id}/actions/snapshot}: a queued image in image-service, an event to the host. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class ServerSnapshotTest {
    private static EventPublisher agent;
    @Inject
    Directory directory;

    @BeforeAll
    static void connect() {
        agent = new EventPublisher(StratusTestInfra.bootstrapServers(), "test-agent-snapshots");
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
    void snapshotCreatesAnImageWithTheCallersTokenAndAsksTheHost() {
        String id = activeServer("snap-1");
        try (EventProbe actions = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_ACTIONS)) {
            given().contentType(ContentType.JSON).body("{\"name\":\"snap-1-image\"}")
                    .post("/v1/servers/" + id + "/actions/snapshot").then().statusCode(202)
                    .body("image_id", equalTo(ImageServiceDouble.CREATED_ID)).body("server_id", equalTo(id));
            InstanceSnapshotRequested event = actions.await(InstanceSnapshotRequested.class,
                    e -> e.instanceId().equals(id), Duration.ofSeconds(15));
            assertEquals("host-b", event.host());
            assertEquals(ImageServiceDouble.CREATED_ID, event.imageId());
        }
        // the snapshot is a task of the server until its host says it is done
        given().get("/v1/servers/" + id).then().body("task_state", equalTo("image_snapshot"));
        given().contentType(ContentType.JSON).body("{\"name\":\"snap-1-again\"}")
                .post("/v1/servers/" + id + "/actions/snapshot").then().statusCode(409)
                .body("task_state", equalTo("image_snapshot"));
        agent.publish(Topics.INSTANCE_STATUS, id, new dev.stratus.contracts.InstanceTaskFinished(
                UUID.randomUUID().toString(), 1, id, "host-b", "snapshot", ImageServiceDouble.CREATED_ID, true, null,
                Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                .body("task_state", equalTo(null)));
        given().get("/v1/servers/" + id + "/actions").then()
                .body("actions.find { it.action == 'snapshot' }.result", equalTo("success"));
        assertEquals("Bearer " + Login.token("demo"), ImageServiceDouble.lastCreateAuthorization);
        String body = ImageServiceDouble.lastCreateBody;
        assertTrue(body.contains("\"name\":\"snap-1-image\"") && body.contains("\"disk_format\":\"qcow2\"")
                && body.contains("\"instance_uuid\":\"" + id + "\"") && body.contains("\"kernel_id\":\"k-1\""), body);
    }

    @Test
    void aSnapshotRetriedWithItsIdempotencyKeyMakesOneImage() {
        String id = activeServer("snap-idem");
        int before = ImageServiceDouble.CREATES.get();
        var first = given().header("Idempotency-Key", "snap-k").contentType(ContentType.JSON)
                .body("{\"name\":\"snap-idem-image\"}").post("/v1/servers/" + id + "/actions/snapshot");
        first.then().statusCode(202);
        given().header("Idempotency-Key", "snap-k").contentType(ContentType.JSON)
                .body("{\"name\":\"snap-idem-image\"}").post("/v1/servers/" + id + "/actions/snapshot").then()
                .statusCode(202).header("Idempotent-Replayed", "true").body(equalTo(first.asString()));
        assertEquals(before + 1, ImageServiceDouble.CREATES.get());
        given().header("Idempotency-Key", "snap-k").contentType(ContentType.JSON)
                .body("{\"name\":\"another-image\"}").post("/v1/servers/" + id + "/actions/snapshot").then()
                .statusCode(409);
    }

    @Test
    void snapshotNeedsANameAWriterTheProjectsServerAndAHost() {
        String id = activeServer("snap-2");
        given().contentType(ContentType.JSON).body("{}").post("/v1/servers/" + id + "/actions/snapshot")
                .then().statusCode(400).body("field", equalTo("name"));
        Project demo = directory.ensureProject("demo", "test");
        directory.ensureUser("snapshot-reader", "reader-password-1");
        directory.assign(demo.id, "snapshot-reader", "reader");
        Project other = directory.ensureProject("snapshot-other", "test");
        directory.ensureUser("snapshot-member-b", "member-password-1");
        directory.assign(other.id, "snapshot-member-b", "member");
        String reader = Login.token("snapshot-reader", "reader-password-1", "demo");
        String memberB = Login.token("snapshot-member-b", "member-password-1", "snapshot-other");
        io.restassured.RestAssured.requestSpecification = null;
        given().auth().oauth2(reader).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .post("/v1/servers/" + id + "/actions/snapshot").then().statusCode(403);
        given().auth().oauth2(memberB).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .post("/v1/servers/" + id + "/actions/snapshot").then().statusCode(404);
        Login.as("demo");
        String building = create("snap-3");
        given().contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .post("/v1/servers/" + building + "/actions/snapshot").then().statusCode(409);
    }

    private static String activeServer(String name) {
        String id = create(name);
        agent.publish(Topics.PLACEMENTS, id, new InstancePlaced(UUID.randomUUID().toString(), 1, id, "demo", name,
                "host-b", "http://localhost:1", new FlavorSpec("m1.tiny", "m1.tiny", 1, 128, 1, null),
                new ImageRef(ImageServiceDouble.IMAGE_ID, null, null), Instant.now()));
        agent.publish(Topics.INSTANCE_STATUS, id, new InstanceStatusChanged(UUID.randomUUID().toString(), 1, id,
                "host-b", 5, VmState.ACTIVE, "RUNNING", null, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                .body("status", equalTo("ACTIVE")).body("host", equalTo("host-b")));
        return id;
    }

    private static String create(String name) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"flavor\":\"m1.tiny\",\"image\":\"" + ImageServiceDouble.IMAGE_ID
                        + "\"}").post("/v1/servers").then().statusCode(202).extract().path("id");
    }
}
