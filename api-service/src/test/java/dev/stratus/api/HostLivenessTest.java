package dev.stratus.api;

import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.HostReport;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.platform.events.EventPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/**
 * A host that stops reporting makes its servers UNKNOWN (their vm_state kept, the history saying why) until it reports
 * again; and what should run on a host is readable by its agent (role service) only.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class HostLivenessTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static EventPublisher agent;

    @BeforeAll
    static void connect() {
        agent = new EventPublisher(StratusTestInfra.bootstrapServers(), "test-agent-liveness");
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
    void aSilentHostsServersAreUnknownUntilItReportsAgain() {
        String host = "host-silent-" + UUID.randomUUID().toString().substring(0, 8);
        String id = activeOn(host);
        report(host, Instant.now());
        // the test profile allows 3 s of silence (application.properties: %test.stratus.api.host-down-after)
        await().atMost(WAIT).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                .body("status", equalTo("UNKNOWN")));
        given().get("/v1/servers/" + id + "/actions").then().body("actions.action", hasItem("host-lost"));
        report(host, Instant.now().minusSeconds(3600)); // an old report (a replay) does not bring it back
        given().get("/v1/servers/" + id).then().body("status", equalTo("UNKNOWN"));
        report(host, Instant.now());
        await().atMost(WAIT).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                .body("status", equalTo("ACTIVE")));
        given().get("/v1/servers/" + id + "/actions").then()
                .body("actions.action", hasItems("host-lost", "host-back"));
    }

    @Test
    void anAgentReadsWhatShouldRunOnItsHost() {
        String host = "host-desired-" + UUID.randomUUID().toString().substring(0, 8);
        String id = activeOn(host);
        given().contentType(ContentType.JSON).body("{}").post("/v1/servers/" + id + "/actions/stop").then()
                .statusCode(202);
        RestAssured.requestSpecification = null;
        given().auth().oauth2(Login.token("compute-agent")).get("/internal/v1/hosts/" + host + "/instances").then()
                .statusCode(200).body("instances.instance_id", equalTo(List.of(id)))
                .body("instances[0].desired_state", equalTo("STOPPED"))
                .body("instances[0].vm_state", equalTo("ACTIVE"))
                .body("instances[0].power_generation", equalTo(1))
                .body("instances[0].power_operation", equalTo("STOP"))
                .body("instances[0].placement.host", equalTo(host))
                .body("instances[0].placement.instanceId", equalTo(id));
        given().auth().oauth2(Login.token("demo")).get("/internal/v1/hosts/" + host + "/instances").then()
                .statusCode(403);
    }

    private static String activeOn(String host) {
        String id = given().contentType(ContentType.JSON)
                .body("{\"name\":\"on-" + host + "\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\"}")
                .post("/v1/servers").then().statusCode(202).extract().path("id");
        agent.publish(Topics.PLACEMENTS, id, new InstancePlaced(UUID.randomUUID().toString(), 1, id, "demo", "x",
                host, "http://localhost:1", new FlavorSpec("m1.tiny", "m1.tiny", 1, 128, 1, null),
                new ImageRef(ImageServiceDouble.IMAGE_ID, null, null), Instant.now()));
        agent.publish(Topics.INSTANCE_STATUS, id, new InstanceStatusChanged(UUID.randomUUID().toString(),
                InstanceStatusChanged.VERSION, id, host, 1, VmState.ACTIVE, "RUNNING", null, Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> given().get("/v1/servers/" + id).then()
                .body("status", equalTo("ACTIVE")).body("host", equalTo(host)));
        return id;
    }

    private static void report(String host, Instant at) {
        agent.publish(Topics.HOST_REPORTS, host, new HostReport(UUID.randomUUID().toString(), 1, host,
                "http://localhost:1", 2, 4096, 20, "qemu", List.of(), at));
    }
}
