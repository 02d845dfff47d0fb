package dev.stratus.scheduler.service;

import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.model.PlacementRequest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.stratus.scheduler.Fixtures.awaitHost;
import static dev.stratus.scheduler.Fixtures.reportHost;
import static dev.stratus.scheduler.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The claim's optimistic concurrency, row by row. */
@QuarkusTest
class AllocationClaimTest {
    @Inject
    AllocationClaim claims;
    @Inject
    HostInventory inventory;
    @Inject
    Allocations allocations;

    private HostState reported() {
        String host = unique("host-claim");
        reportHost(host, 4, 8192, 100);
        awaitHost(host);
        return inventory.find(host).orElseThrow();
    }

    @Test
    void aClaimOnAStaleGenerationWritesNothing() {
        HostState snapshot = reported();
        PlacementRequest first = new PlacementRequest(unique("i"), "m1.small", 1, 1024, 10);
        PlacementRequest second = new PlacementRequest(unique("i"), "m1.small", 1, 1024, 10);

        assertEquals(AllocationClaim.Outcome.CLAIMED, claims.claim(snapshot, first, "p").outcome());
        assertEquals(AllocationClaim.Outcome.STALE, claims.claim(snapshot, second, "p").outcome());

        HostState after = inventory.find(snapshot.name()).orElseThrow();
        assertEquals(snapshot.generation() + 1, after.generation());
        assertEquals(1024, after.usedRamMb());
        assertTrue(allocations.find(second.instanceId()).isEmpty());
    }

    @Test
    void aSecondClaimForTheSameInstanceIsRolledBack() {
        HostState snapshot = reported();
        PlacementRequest req = new PlacementRequest(unique("i"), "m1.small", 1, 1024, 10);
        claims.claim(snapshot, req, "p");
        HostState fresh = inventory.find(snapshot.name()).orElseThrow();

        assertEquals(AllocationClaim.Outcome.ALREADY_ALLOCATED, claims.claim(fresh, req, "p").outcome());

        HostState after = inventory.find(snapshot.name()).orElseThrow();
        assertEquals(fresh.generation(), after.generation());
        assertEquals(1024, after.usedRamMb());
    }

    @Test
    void releaseOfAGoneInstanceIsIdempotentAndNothingIsClaimedForItAfterwards() {
        HostState snapshot = reported();
        PlacementRequest req = new PlacementRequest(unique("i"), "m1.small", 2, 2048, 20);
        claims.claim(snapshot, req, "p");

        assertTrue(claims.releaseGone(req.instanceId()).isPresent());
        assertTrue(claims.releaseGone(req.instanceId()).isEmpty());

        HostState after = inventory.find(snapshot.name()).orElseThrow();
        assertEquals(0, after.usedVcpus());
        assertEquals(0, after.usedRamMb());
        assertEquals(0, after.usedDiskGb());
        assertEquals(snapshot.generation() + 2, after.generation());

        assertEquals(AllocationClaim.Outcome.DELETED, claims.claim(after, req, "p").outcome());
        assertEquals(after.generation(), inventory.find(snapshot.name()).orElseThrow().generation());
    }

    @Test
    void aReportWithNewTotalsBumpsTheGenerationButAHeartbeatDoesNot() {
        HostState snapshot = reported();
        reportHost(snapshot.name(), 4, 8192, 100);
        reportHost(snapshot.name(), 8, 8192, 100);
        awaitHost(snapshot.name(), h -> h.getInt("vcpus") == 8);

        assertEquals(snapshot.generation() + 1, inventory.find(snapshot.name()).orElseThrow().generation());
    }
}
