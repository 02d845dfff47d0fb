package dev.stratus.network.rest;

import dev.stratus.contracts.InstanceDeleted;
import dev.stratus.contracts.InstancePlacementFailed;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import dev.stratus.platform.events.EventPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * An instance's ports are released when api-service says it is gone ({@code InstanceDeleted}), once, and only then:
 * an agent's DELETED status or a failed placement leaves them as they are.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ApiServiceDouble.class, restrictToAnnotatedClass = false)
class InstanceDeletedTest {
    static final String PROJECT = "instance-deleted-test";

    @BeforeEach
    void authenticate() {
        Tokens.use(TestTokens.member(PROJECT));
    }

    @AfterEach
    void forgetToken() {
        Tokens.forget();
    }

    @Test
    void instanceDeletedDeletesComputePortsAndUnbindsTheUsersOnce() throws InterruptedException {
        String net = PortIpamTest.network("gone");
        String instance = UUID.randomUUID().toString();
        String compute = port(net, instance, "compute:stratus");
        String users = port(net, instance, "compute:user");

        try (EventPublisher events = new EventPublisher(StratusTestInfra.bootstrapServers(), "instance-deleted-test")) {
            // what the host saw and what the scheduler could not do are not "gone": the ports stay
            events.publish(Topics.INSTANCE_STATUS, instance, new InstanceStatusChanged(UUID.randomUUID().toString(),
                    InstanceStatusChanged.VERSION, instance, "host-1", 9, VmState.DELETED, "NOSTATE", null,
                    Instant.now()));
            events.publish(Topics.PLACEMENTS, instance, new InstancePlacementFailed(UUID.randomUUID().toString(),
                    InstancePlacementFailed.VERSION, instance, "no host", Instant.now()));
            Thread.sleep(2000);
            given().get("/v1/ports/" + compute).then().statusCode(200).body("device_id", equalTo(instance));
            given().get("/v1/ports/" + users).then().statusCode(200).body("device_id", equalTo(instance));

            InstanceDeleted gone = deleted(instance);
            events.publish(Topics.INSTANCE_LIFECYCLE, instance, gone);
            awaitGone(compute);
            given().get("/v1/ports/" + users).then().statusCode(200).body("device_id", equalTo(""))
                    .body("device_owner", equalTo("")).body("status", equalTo("DOWN"));

            // the user attaches the port to another server; the event delivered again changes nothing
            String other = UUID.randomUUID().toString();
            given().contentType(ContentType.JSON).body(Map.of("device_id", other, "device_owner", "compute:user"))
                    .put("/v1/ports/" + users).then().statusCode(200);
            events.publish(Topics.INSTANCE_LIFECYCLE, instance, gone);
            // a later event under the same key (same partition) shows the repeat was handled
            String marker = UUID.randomUUID().toString();
            String markerPort = port(net, marker, "compute:stratus");
            events.publish(Topics.INSTANCE_LIFECYCLE, instance, deleted(marker));
            awaitGone(markerPort);
            given().get("/v1/ports/" + users).then().statusCode(200).body("device_id", equalTo(other));
        }
    }

    /** Waits (up to 30 s) until the port is a 404. */
    private static void awaitGone(String port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (given().get("/v1/ports/" + port).statusCode() != 404) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("port " + port + " was not released within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private static InstanceDeleted deleted(String instance) {
        return new InstanceDeleted(UUID.randomUUID().toString(), InstanceDeleted.VERSION, instance, PROJECT, "host-1",
                Instant.now());
    }

    private static String port(String network, String device, String owner) {
        return given().contentType(ContentType.JSON).body(Map.of("network_id", network, "device_id", device,
                "device_owner", owner)).post("/v1/ports").then().statusCode(201).extract().path("id");
    }
}
