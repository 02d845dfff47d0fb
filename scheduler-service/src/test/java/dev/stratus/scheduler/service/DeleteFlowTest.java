package dev.stratus.scheduler.service;

import dev.stratus.devinfra.TestTokens;
import dev.stratus.contracts.InstanceDeleteRequested;
import dev.stratus.contracts.InstanceDeleted;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstanceRemoveRequested;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.scheduler.InventoryReset;
import dev.stratus.scheduler.PlacementsTail;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.stratus.scheduler.Fixtures.awaitHost;
import static dev.stratus.scheduler.Fixtures.flavor;
import static dev.stratus.scheduler.Fixtures.publisher;
import static dev.stratus.scheduler.Fixtures.reportHost;
import static dev.stratus.scheduler.Fixtures.request;
import static dev.stratus.scheduler.Fixtures.send;
import static dev.stratus.scheduler.Fixtures.sleep;
import static dev.stratus.scheduler.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A delete is forwarded to the instance's host; its resources come back only when api-service says it is gone
 * ({@code InstanceDeleted}), never from an agent's status, once however often or in whatever order the events come.
 */
@QuarkusTest
class DeleteFlowTest {
    @Inject
    InventoryReset inventory;

    private PlacementsTail placements;
    private String host;

    @BeforeEach
    void oneHost() {
        inventory.retireAllHosts();
        placements = new PlacementsTail();
        host = unique("host");
        reportHost(host, 8, 8192, 100);
        awaitHost(host, h -> h.getBoolean("alive"));
    }

    @AfterEach
    void closeTail() {
        placements.close();
    }

    @Test
    void deleteIsForwardedToTheHostAndInstanceDeletedGivesTheCapacityBack() {
        InstanceRequested request = request(unique("i"), flavor("m1.medium", 2, 2048, 20));
        send(request);
        placements.awaitOne(request.instanceId(), InstancePlaced.class);
        awaitHost(host, h -> h.getInt("used_ram_mb") == 2048);

        publisher().publish(Topics.INSTANCE_REQUESTS, request.instanceId(), new InstanceDeleteRequested(
                UUID.randomUUID().toString(), InstanceDeleteRequested.VERSION, request.instanceId(), "project-1",
                Instant.now()));
        InstanceRemoveRequested remove = placements.awaitOne(request.instanceId(), InstanceRemoveRequested.class);
        assertEquals(host, remove.host());

        // the agent's raw status is not the scheduler's business any more: the claim stays until api-service decides
        reportDeletedStatus(request.instanceId());
        sleep(2000);
        given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/hosts/{name}", host).then()
                .body("used_ram_mb", equalTo(2048));

        InstanceDeleted gone = deleted(request.instanceId());
        publisher().publish(Topics.INSTANCE_LIFECYCLE, request.instanceId(), gone);
        long generation = awaitHost(host, h -> h.getInt("used_ram_mb") == 0 && h.getInt("used_vcpus") == 0
                && h.getInt("used_disk_gb") == 0).getLong("generation");
        given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/allocations/{id}", request.instanceId())
                .then().statusCode(404);

        // The same event again, and the original request re-delivered: nothing is released or claimed twice.
        publisher().publish(Topics.INSTANCE_LIFECYCLE, request.instanceId(), gone);
        send(request);
        List<Object> events = placements.drain(Set.of(request.instanceId()), Duration.ofSeconds(3));
        assertEquals(1, events.stream().filter(InstancePlaced.class::isInstance).count(), events::toString);
        given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/hosts/{name}", host).then()
                .body("used_ram_mb", equalTo(0)).body("generation", equalTo((int) generation));
    }

    @Test
    void anInstanceGoneBeforeItsRequestArrivesIsNeverPlaced() {
        InstanceRequested late = request(unique("gone-first"), flavor("m1.small", 1, 1024, 10));
        publisher().publish(Topics.INSTANCE_LIFECYCLE, late.instanceId(), deleted(late.instanceId()));
        sleep(1000); // the lifecycle topic is consumed apart from the requests: let it be handled first
        send(late);

        assertEquals(List.of(), placements.drain(Set.of(late.instanceId()), Duration.ofSeconds(3)));
        given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/hosts/{name}", host).then()
                .body("used_ram_mb", equalTo(0));
    }

    @Test
    void deleteOfAnInstanceWithoutAllocationPublishesNothing() {
        String instanceId = unique("never-placed");
        publisher().publish(Topics.INSTANCE_REQUESTS, instanceId, new InstanceDeleteRequested(
                UUID.randomUUID().toString(), InstanceDeleteRequested.VERSION, instanceId, "project-1",
                Instant.now()));
        assertEquals(List.of(), placements.drain(Set.of(instanceId), Duration.ofSeconds(3)));
    }

    private void reportDeletedStatus(String instanceId) {
        publisher().publish(Topics.INSTANCE_STATUS, instanceId, new InstanceStatusChanged(
                UUID.randomUUID().toString(), InstanceStatusChanged.VERSION, instanceId, host, 7, VmState.DELETED,
                "NOSTATE", null, Instant.now()));
    }

    private InstanceDeleted deleted(String instanceId) {
        return new InstanceDeleted(UUID.randomUUID().toString(), InstanceDeleted.VERSION, instanceId, "project-1",
                host, Instant.now());
    }
}
