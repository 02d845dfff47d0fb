package dev.stratus.api;

import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstanceDeleteRequested;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePlacementFailed;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.platform.events.EventPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class ServerLifecycleTest {
    @BeforeEach
    void authenticate() {
        Login.as("demo");
    }

    private static EventPublisher agent;

    @BeforeAll
    static void connect() {
        agent = new EventPublisher(StratusTestInfra.bootstrapServers(), "test-agent");
    }

    @AfterAll
    static void disconnect() {
        agent.close();
    }

    @Test
    void flavorsAreSeeded() {
        given().get("/v1/flavors").then().statusCode(200)
                .body("flavors.name", hasItem("m1.tiny"))
                .body("flavors.find { it.name == 'm1.tiny' }.ram_mb", equalTo(128))
                .body("flavors.find { it.name == 'm1.small' }.disk_gb", equalTo(2));
    }

    @Test
    void createPublishesTheRequestThroughTheOutboxAndAppliesObservedStatus() {
        try (EventProbe requests = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_REQUESTS)) {
            String id = given().contentType(ContentType.JSON)
                    .body("{\"name\":\"web-1\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\"}")
                    .post("/v1/servers").then().statusCode(202)
                    .body("status", equalTo("BUILDING")).body("task_state", equalTo("scheduling"))
                    .header("Location", containsString("/v1/servers/"))
                    .extract().path("id");

            InstanceRequested requested = requests.await(InstanceRequested.class, e -> e.instanceId().equals(id),
                    Duration.ofSeconds(15));
            assertEquals(128, requested.flavor().ramMb());
            assertEquals(new ImageRef(ImageServiceDouble.IMAGE_ID, "k-1", "r-1"), requested.image());

            agent.publish(Topics.PLACEMENTS, id, placed(id));
            agent.publish(Topics.INSTANCE_STATUS, id, status(id, 5, VmState.ACTIVE));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                    .statusCode(200).body("status", equalTo("ACTIVE")).body("host", equalTo("host-a"))
                    .body("task_state", nullValue()));

            // a stale status (lower seq) changes nothing
            agent.publish(Topics.INSTANCE_STATUS, id, status(id, 3, VmState.ERROR));
            given().delete("/v1/servers/" + id).then().statusCode(202).body("task_state", equalTo("deleting"));
            requests.await(InstanceDeleteRequested.class, e -> e.instanceId().equals(id), Duration.ofSeconds(15));
            given().get("/v1/servers/" + id).then().statusCode(200).body("status", equalTo("ACTIVE"));

            agent.publish(Topics.INSTANCE_STATUS, id, status(id, 6, VmState.DELETED));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    given().get("/v1/servers/" + id).then().statusCode(404));
        }
    }

    @Test
    void placementFailureSurfacesAsErrorWithTheReason() {
        String id = create("no-room");
        agent.publish(Topics.PLACEMENTS, id, new InstancePlacementFailed(UUID.randomUUID().toString(), 1, id,
                "no host has 128 MiB RAM free", Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                .body("status", equalTo("ERROR")).body("fault", equalTo("no host has 128 MiB RAM free")));
        // it never reached a host: delete is immediate
        given().delete("/v1/servers/" + id).then().statusCode(202);
        given().get("/v1/servers/" + id).then().statusCode(404);
    }

    private static String create(String name) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"flavor\":\"m1.tiny\",\"image\":\"" + ImageServiceDouble.IMAGE_ID + "\"}")
                .post("/v1/servers").then().statusCode(202).extract().path("id");
    }

    private static InstancePlaced placed(String id) {
        return new InstancePlaced(UUID.randomUUID().toString(), 1, id, "default", "web-1", "host-a",
                "http://localhost:1", new FlavorSpec("m1.tiny", "m1.tiny", 1, 128, 1, null),
                new ImageRef(ImageServiceDouble.IMAGE_ID, null, null), Instant.now());
    }

    private static InstanceStatusChanged status(String id, long seq, VmState state) {
        return new InstanceStatusChanged(UUID.randomUUID().toString(), 1, id, "host-a", seq, state, "RUNNING", null,
                Instant.now());
    }
}
