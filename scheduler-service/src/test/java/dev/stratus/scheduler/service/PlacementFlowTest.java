package dev.stratus.scheduler.service;

import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.GuestIdentity;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePlacementFailed;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import dev.stratus.scheduler.InventoryReset;
import dev.stratus.scheduler.PlacementsTail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.stratus.scheduler.Fixtures.agentUrl;
import static dev.stratus.scheduler.Fixtures.awaitHost;
import static dev.stratus.scheduler.Fixtures.flavor;
import static dev.stratus.scheduler.Fixtures.reportHost;
import static dev.stratus.scheduler.Fixtures.request;
import static dev.stratus.scheduler.Fixtures.send;
import static dev.stratus.scheduler.Fixtures.sleep;
import static dev.stratus.scheduler.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class PlacementFlowTest {
    @Inject
    InventoryReset inventory;

    private PlacementsTail placements;

    @BeforeEach
    void onlyThisTestsHostsAreUp() {
        inventory.retireAllHosts();
        placements = new PlacementsTail();
    }

    @AfterEach
    void closeTail() {
        placements.close();
    }

    @Test
    void placesOnTheHostWithMostFreeRamAndCopiesFlavorAndImage() {
        String small = unique("host-small");
        String big = unique("host-big");
        reportHost(small, 8, 8192, 100);
        reportHost(big, 8, 16384, 100);
        awaitHost(small, h -> h.getBoolean("alive"));
        long generation = awaitHost(big, h -> h.getBoolean("alive")).getLong("generation");

        FlavorSpec flavor = flavor("m1.small", 1, 1024, 10);
        String id = unique("i");
        GuestIdentity identity = new GuestIdentity("web-1", "ci", "ssh-ed25519 AAAA ci@example", "aGVsbG8=",
                Map.of("role", "web"), true);
        InstanceRequested request = new InstanceRequested(UUID.randomUUID().toString(), InstanceRequested.VERSION, id,
                "project-1", "vm-" + id, flavor, new ImageRef("image-1", null, null), Instant.now(), List.of(),
                identity);
        send(request);

        InstancePlaced placed = placements.awaitOne(request.instanceId(), InstancePlaced.class);
        assertEquals(identity, placed.identity(), "the guest identity goes along");
        assertEquals(big, placed.host());
        assertEquals(agentUrl(big), placed.agentUrl());
        assertEquals(flavor, placed.flavor());
        assertEquals(request.image(), placed.image());
        assertEquals(request.projectId(), placed.projectId());
        assertEquals(request.name(), placed.name());

        given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/hosts/{name}", big).then().statusCode(200)
                .body("used_vcpus", equalTo(1)).body("used_ram_mb", equalTo(1024)).body("used_disk_gb", equalTo(10))
                .body("agent_url", equalTo(agentUrl(big)))
                .body("generation", equalTo((int) generation + 1));
        given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/allocations/{id}", request.instanceId()).then().statusCode(200)
                .body("host", equalTo(big)).body("ram_mb", equalTo(1024));
        given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/allocations?host={host}", big).then().statusCode(200)
                .body("allocations.instance_id", equalTo(List.of(request.instanceId())));
    }

    @Test
    void aRedeliveredRequestRepublishesTheSamePlacementAndClaimsNothing() {
        String host = unique("host");
        reportHost(host, 8, 8192, 100);
        awaitHost(host, h -> h.getBoolean("alive"));
        InstanceRequested request = request(unique("i"), flavor("m1.small", 1, 1024, 10));

        send(request);
        InstancePlaced first = placements.awaitOne(request.instanceId(), InstancePlaced.class);
        long generation = awaitHost(host).getLong("generation");
        send(request);
        List<Object> both = placements.await(Set.of(request.instanceId()), InstancePlaced.class::isInstance, 2,
                Duration.ofSeconds(20));

        InstancePlaced again = (InstancePlaced) both.get(1);
        assertEquals(first.eventId(), again.eventId());
        assertEquals(first.host(), again.host());
        assertEquals(first.placedAt(), again.placedAt());
        assertEquals(first.identity(), again.identity());
        given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/hosts/{name}", host).then()
                .body("used_ram_mb", equalTo(1024)).body("generation", equalTo((int) generation));
    }

    @Test
    void exhaustedRamFailsWithAReasonNamingRamTheFlavorAndTheBestHost() {
        String host = unique("host");
        reportHost(host, 8, 512 + 1500, 100);
        awaitHost(host, h -> h.getBoolean("alive"));
        InstanceRequested request = request(unique("i"), flavor("m1.huge", 2, 2048, 10));

        send(request);

        InstancePlacementFailed failed = placements.awaitOne(request.instanceId(), InstancePlacementFailed.class);
        assertEquals("no host has 2048 MiB RAM free for flavor m1.huge (largest free: 1500 MiB on " + host + ")",
                failed.reason());
        given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/allocations/{id}", request.instanceId()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/hosts/{name}", host).then().body("used_ram_mb", equalTo(0));
    }

    @Test
    void withoutAnyLiveHostTheReasonSaysNoComputeHostIsUp() {
        InstanceRequested request = request(unique("i"), flavor("m1.small", 1, 1024, 10));

        send(request);

        InstancePlacementFailed failed = placements.awaitOne(request.instanceId(), InstancePlacementFailed.class);
        assertTrue(failed.reason().startsWith("no compute host is up"), failed.reason());
    }

    @Test
    void aRequestWaitsForLateHostReportsInsteadOfFailing() {
        // no host is up when the request arrives (as after a broker outage: the reports are late, not the hosts)
        InstanceRequested request = request(unique("i"), flavor("m1.small", 1, 1024, 10));
        send(request);
        sleep(500);
        String host = unique("host-late");
        reportHost(host, 8, 8192, 100); // within stratus.scheduler.no-host-wait (2 s in tests)

        InstancePlaced placed = placements.awaitOne(request.instanceId(), InstancePlaced.class);
        assertEquals(host, placed.host());
    }

    @Test
    void hostListShowsTotalsUsageAndLiveness() {
        String host = unique("host");
        reportHost(host, 4, 4096, 40);
        awaitHost(host, h -> h.getBoolean("alive"));

        given().get("/v1/scheduler/hosts").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.member("p")).get("/v1/scheduler/hosts").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/hosts").then().statusCode(200)
                .body("hosts.find { it.name == '" + host + "' }.vcpus", equalTo(4))
                .body("hosts.find { it.name == '" + host + "' }.ram_mb", equalTo(4096))
                .body("hosts.find { it.name == '" + host + "' }.disk_gb", equalTo(40))
                .body("hosts.find { it.name == '" + host + "' }.free_ram_mb", equalTo(4096 - 512))
                .body("hosts.find { it.name == '" + host + "' }.free_vcpus", equalTo(16))
                .body("hosts.find { it.name == '" + host + "' }.alive", equalTo(true));
        given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/hosts/{name}", unique("nowhere")).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
