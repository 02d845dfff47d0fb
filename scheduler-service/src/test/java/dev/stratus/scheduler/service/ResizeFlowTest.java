package dev.stratus.scheduler.service;

import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.InstanceResizeClaimed;
import dev.stratus.contracts.InstanceResizeRefused;
import dev.stratus.contracts.InstanceResizeRequested;
import dev.stratus.contracts.InstanceResizeSettled;
import dev.stratus.contracts.Topics;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A resize claims the larger of two sizes on the instance's own host before anything changes, answers with a claim
 * or a refusal naming what is short, and keeps the size that stays once api-service settles it; every step is
 * idempotent and an event of another resize changes nothing.
 */
@QuarkusTest
class ResizeFlowTest {
    private static final FlavorSpec SMALL = flavor("m1.small", 1, 1024, 10);
    private static final FlavorSpec MEDIUM = flavor("m1.medium", 2, 2048, 20);

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
    void aResizeHoldsTheLargerSizeUntilConfirmedThenTheNewOne() {
        String id = placed(SMALL);
        InstanceResizeRequested resize = resize(id, SMALL, MEDIUM);
        publisher().publish(Topics.INSTANCE_REQUESTS, id, resize);
        InstanceResizeClaimed claimed = placements.awaitOne(id, InstanceResizeClaimed.class);
        assertEquals(host, claimed.host());
        assertEquals(resize.reference(), claimed.reference());
        long generation = awaitHost(host, h -> h.getInt("used_vcpus") == 2 && h.getInt("used_ram_mb") == 2048
                && h.getInt("used_disk_gb") == 20).getLong("generation");

        // redelivered: the same answer, nothing more claimed
        publisher().publish(Topics.INSTANCE_REQUESTS, id, resize);
        List<Object> answers = placements.await(Set.of(id), InstanceResizeClaimed.class::isInstance, 2,
                Duration.ofSeconds(10));
        assertEquals(((InstanceResizeClaimed) answers.get(0)).eventId(), ((InstanceResizeClaimed) answers.get(1)).eventId());
        assertEquals(generation, awaitHost(host).getLong("generation"));

        // a settlement of another resize changes nothing; this one's keeps the new size
        publisher().publish(Topics.INSTANCE_LIFECYCLE, id, settled(id, UUID.randomUUID().toString(),
                InstanceResizeSettled.Outcome.REVERTED, SMALL, MEDIUM));
        InstanceResizeSettled confirm = settled(id, resize.reference(), InstanceResizeSettled.Outcome.CONFIRMED,
                MEDIUM, SMALL);
        publisher().publish(Topics.INSTANCE_LIFECYCLE, id, confirm);
        long confirmed = awaitHost(host, h -> h.getLong("generation") > generation).getLong("generation");
        assertEquals(2048, awaitHost(host).getInt("used_ram_mb"));
        publisher().publish(Topics.INSTANCE_LIFECYCLE, id, confirm);
        sleep(1500);
        assertEquals(confirmed, awaitHost(host).getLong("generation"));
        assertEquals(2, awaitHost(host).getInt("used_vcpus"));
    }

    @Test
    void aRevertedResizeGivesTheLargerClaimBack() {
        String id = placed(SMALL);
        InstanceResizeRequested resize = resize(id, SMALL, MEDIUM);
        publisher().publish(Topics.INSTANCE_REQUESTS, id, resize);
        placements.awaitOne(id, InstanceResizeClaimed.class);
        awaitHost(host, h -> h.getInt("used_ram_mb") == 2048);
        publisher().publish(Topics.INSTANCE_LIFECYCLE, id, settled(id, resize.reference(),
                InstanceResizeSettled.Outcome.REVERTED, SMALL, MEDIUM));
        awaitHost(host, h -> h.getInt("used_vcpus") == 1 && h.getInt("used_ram_mb") == 1024
                && h.getInt("used_disk_gb") == 10);
    }

    @Test
    void aHostThatCannotTakeTheNewSizeRefusesItAndNothingChanges() {
        String id = placed(SMALL);
        long generation = awaitHost(host).getLong("generation");
        FlavorSpec huge = flavor("m1.huge", 2, 64 * 1024, 20);
        publisher().publish(Topics.INSTANCE_REQUESTS, id, resize(id, SMALL, huge));
        InstanceResizeRefused refused = placements.awaitOne(id, InstanceResizeRefused.class);
        assertTrue(refused.reason().contains("MiB more RAM needed"), refused.reason());
        assertEquals(generation, awaitHost(host).getLong("generation"));
        assertEquals(1024, awaitHost(host).getInt("used_ram_mb"));
    }

    @Test
    void aResizeOfAnInstanceWithoutAllocationIsRefused() {
        String id = unique("never-placed");
        publisher().publish(Topics.INSTANCE_REQUESTS, id, resize(id, SMALL, MEDIUM));
        InstanceResizeRefused refused = placements.awaitOne(id, InstanceResizeRefused.class);
        assertTrue(refused.reason().contains("holds no resources"), refused.reason());
    }

    private String placed(FlavorSpec flavor) {
        InstanceRequested request = request(unique("i"), flavor);
        send(request);
        placements.awaitOne(request.instanceId(), InstancePlaced.class);
        awaitHost(host, h -> h.getInt("used_ram_mb") == flavor.ramMb());
        return request.instanceId();
    }

    private InstanceResizeRequested resize(String id, FlavorSpec from, FlavorSpec to) {
        return new InstanceResizeRequested(UUID.randomUUID().toString(), InstanceResizeRequested.VERSION, id,
                "project-1", host, from, to, UUID.randomUUID().toString(), Instant.now());
    }

    private InstanceResizeSettled settled(String id, String reference, InstanceResizeSettled.Outcome outcome,
            FlavorSpec stays, FlavorSpec other) {
        return new InstanceResizeSettled(UUID.randomUUID().toString(), InstanceResizeSettled.VERSION, id,
                "project-1", host, outcome, stays, other, reference, Instant.now());
    }
}
