package dev.stratus.scheduler.service;

import dev.stratus.devinfra.TestTokens;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePlacementFailed;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.scheduler.InventoryReset;
import dev.stratus.scheduler.PlacementsTail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.stratus.scheduler.Fixtures.awaitHost;
import static dev.stratus.scheduler.Fixtures.flavor;
import static dev.stratus.scheduler.Fixtures.reportHost;
import static dev.stratus.scheduler.Fixtures.request;
import static dev.stratus.scheduler.Fixtures.send;
import static dev.stratus.scheduler.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Twenty placements race for a host that fits exactly five, as twenty scheduler replicas would: the optimistic
 * claim must let exactly five win, and the host's usage must equal the sum of the five allocations.
 */
@QuarkusTest
class ConcurrentClaimTest {
    private static final FlavorSpec GIG = flavor("m1.gig", 1, 1024, 1);
    private static final int RACERS = 20;
    private static final int FITS = 5;

    @Inject
    InventoryReset inventory;
    @Inject
    PlacementService placementService;

    private PlacementsTail placements;
    private String host;
    private long generationBefore;

    @BeforeEach
    void aHostThatFitsExactlyFive() {
        inventory.retireAllHosts();
        placements = new PlacementsTail();
        host = unique("host-five");
        reportHost(host, 8, 512 + FITS * 1024, 1000);
        generationBefore = awaitHost(host, h -> h.getBoolean("alive")).getLong("generation");
    }

    @AfterEach
    void closeTail() {
        placements.close();
    }

    @Test
    void twentyConcurrentPlacementsClaimExactlyFive() throws Exception {
        List<InstanceRequested> requests = IntStream.range(0, RACERS).mapToObj(i -> request(unique("race"), GIG))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (InstanceRequested r : requests) {
                done.add(pool.submit(() -> {
                    start.await();
                    placementService.place(r);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertExactlyFivePlaced(requests);
    }

    @Test
    void twentyRequestsThroughKafkaClaimExactlyFive() {
        List<InstanceRequested> requests = IntStream.range(0, RACERS).mapToObj(i -> request(unique("queued"), GIG))
                .toList();
        requests.forEach(r -> send(r));
        assertExactlyFivePlaced(requests);
    }

    private void assertExactlyFivePlaced(List<InstanceRequested> requests) {
        Set<String> ids = requests.stream().map(InstanceRequested::instanceId).collect(Collectors.toSet());
        List<Object> answers = placements.await(ids, e -> true, RACERS, Duration.ofSeconds(60));
        List<InstancePlaced> placed = answers.stream().filter(InstancePlaced.class::isInstance)
                .map(InstancePlaced.class::cast).toList();
        List<InstancePlacementFailed> failed = answers.stream().filter(InstancePlacementFailed.class::isInstance)
                .map(InstancePlacementFailed.class::cast).toList();

        assertEquals(FITS, placed.size(), () -> "placed: " + placed);
        assertEquals(RACERS - FITS, failed.size(), () -> "failed: " + failed);
        assertEquals(RACERS, answers.stream().map(PlacementsTail::instanceIdOf).distinct().count());
        placed.forEach(p -> assertEquals(host, p.host()));
        failed.forEach(f -> assertTrue(f.reason().contains("MiB RAM free"), f.reason()));

        JsonPath h = awaitHost(host);
        assertEquals(FITS, h.getInt("used_vcpus"));
        assertEquals(FITS * 1024, h.getInt("used_ram_mb"));
        assertEquals(FITS, h.getInt("used_disk_gb"));
        assertEquals(generationBefore + FITS, h.getLong("generation"));
        given().auth().oauth2(TestTokens.admin("admin")).get("/v1/scheduler/allocations?host={host}", host).then().statusCode(200)
                .body("allocations", hasSize(FITS));
    }
}
